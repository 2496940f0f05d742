import {
  MileageError,
  parseMileage,
  type AreaClass,
  type LineFeature,
  type LocateResult,
  type LonLat,
  type NetworkGeoJSON,
  type PlaceFeature,
  type PlaceType,
  type PositionResponse,
  type SectionSummary,
  type SiteFeature,
  type SiteType,
  type StationFeature,
} from '@railjoint/contracts';
import { mileageText } from './chain-notes.js';
import { LineGeometry } from './line-geometry.js';
import { LineReference } from './linear-ref.js';
import { NetworkError } from './network-error.js';
import { said } from '../../platform/http/errors.js';
import { placePosts } from './post-placement.js';
import { sectionAtMeasure, sectionsOfLine, type SectionEntry } from './sections.js';
import { SegmentIndex } from './segment-index.js';

export { NetworkError, type NetworkErrorCode } from './network-error.js';
export type { SectionEntry } from './sections.js';

export const DEFAULT_MAX_OFFSET_M = 500;
export const DEFAULT_FORMATION_HALF_WIDTH_M = 12;
export const DEFAULT_PRECINCT_M = 600;

export interface LocateOptions {
  /** farthest a point may be from a line to be located on it, metres (default 500) */
  maxOffsetM?: number;
}

export interface AreaClassRange {
  prefix: string;
  fromMetres: number;
  toMetres: number;
  areaClass: AreaClass;
}

export interface LineEntry {
  id: string;
  name: string;
  highSpeed: boolean;
  formationHalfWidthM: number;
  areaClasses: AreaClassRange[];
  ref: LineReference;
  /** position in the segment index */
  index: number;
  feature: LineFeature;
}

export interface StationOnLine {
  lineId: string;
  measureM: number;
  prefix: string;
  metres: number;
  mileage: string;
  /** true when the import gave the mileage, false when it was computed from the point */
  given: boolean;
}

export interface StationEntry {
  id: string;
  name: string;
  telecode: string | null;
  coordinates: LonLat;
  precinctM: number;
  lines: StationOnLine[];
  feature: StationFeature;
}

/** A key site with where it lies along its line (a bridge or tunnel drawn as a line has an extent). */
export interface SiteEntry {
  id: string;
  name: string;
  siteType: SiteType;
  lineId: string;
  fromMeasureM: number;
  toMeasureM: number;
  fromMileage: string;
  toMileage: string;
  feature: SiteFeature;
}

/** A named town or village with the nearest point of its line (null when no line is near enough). */
export interface PlaceEntry {
  id: string;
  name: string;
  placeType: PlaceType;
  aliases: string[];
  coordinates: LonLat;
  line: LocateResult | null;
  feature: PlaceFeature;
}

/** How far from its line a place may be and still be given a mileage (the import's own limit). */
export const PLACE_REACH_M = 5000;

export interface NetworkStats {
  lines: number;
  lengthKm: number;
  segments: number;
  kmPosts: number;
  /** posts where the mileage jumps (long or short chain, or a change of prefix) */
  chainBreaks: number;
  stations: number;
  sites: number;
  places: number;
  sections: number;
}

/**
 * The railway network in memory: linear references per line, one spatial index over all segments,
 * stations, sites and the sections between stations. Built from a validated network document;
 * immutable, so it can be shared by every request and swapped whole after an import.
 */
export class NetworkModel {
  private readonly linesById: Map<string, LineEntry>;
  private readonly stationsById: Map<string, StationEntry>;
  private readonly sitesById: Map<string, SiteEntry>;
  private readonly placeList: PlaceEntry[];
  private readonly sectionsByLine: Map<string, SectionEntry[]>;

  private constructor(
    private readonly lineList: LineEntry[],
    private readonly stationList: StationEntry[],
    private readonly siteList: SiteEntry[],
    private readonly index: SegmentIndex,
    placeFeatures: PlaceFeature[],
  ) {
    this.linesById = new Map(lineList.map((l) => [l.id, l]));
    this.stationsById = new Map(stationList.map((s) => [s.id, s]));
    this.sitesById = new Map(siteList.map((s) => [s.id, s]));
    this.sectionsByLine = new Map(
      lineList.map((line) => [
        line.id,
        sectionsOfLine(
          line.id,
          stationList.flatMap((s) => s.lines.filter((l) => l.lineId === line.id).map((l) => ({ stationId: s.id, name: s.name, measureM: l.measureM, mileage: l.mileage }))),
        ),
      ]),
    );
    this.placeList = placeFeatures.map((f) => ({
      id: f.properties.id,
      name: f.properties.name,
      placeType: f.properties.placeType,
      aliases: f.properties.aliases ?? [],
      coordinates: f.geometry.coordinates,
      line: f.properties.lineId && this.linesById.has(f.properties.lineId) ? this.locateOnLine(f.properties.lineId, f.geometry.coordinates, { maxOffsetM: PLACE_REACH_M }) : this.locate(f.geometry.coordinates, { maxOffsetM: PLACE_REACH_M }),
      feature: f,
    }));
  }

  /** Builds the model from a document that checkNetwork accepted. */
  static build(doc: NetworkGeoJSON): NetworkModel {
    const lineFeatures = doc.features.filter((f): f is LineFeature => f.properties.kind === 'line');
    const geometries = lineFeatures.map((f) => LineGeometry.from(f.geometry));
    const index = new SegmentIndex(geometries);
    const lines: LineEntry[] = lineFeatures.map((f, i) => {
      const posts = placePosts(f.properties.kmPosts, index, i).map((p) => ({ measure: p.measure, behind: p.behind, ahead: p.ahead }));
      return {
        id: f.properties.id,
        name: f.properties.name,
        highSpeed: f.properties.highSpeed,
        formationHalfWidthM: f.properties.formationHalfWidthM ?? DEFAULT_FORMATION_HALF_WIDTH_M,
        areaClasses: (f.properties.areaClasses ?? []).map((a) => {
          const from = parseMileage(a.from);
          const to = parseMileage(a.to);
          return { prefix: from.prefix, fromMetres: Math.min(from.metres, to.metres), toMetres: Math.max(from.metres, to.metres), areaClass: a.areaClass };
        }),
        ref: new LineReference(geometries[i]!, posts, { index, line: i }),
        index: i,
        feature: f,
      };
    });
    const byId = new Map(lines.map((l) => [l.id, l]));

    const stations: StationEntry[] = doc.features
      .filter((f): f is StationFeature => f.properties.kind === 'station')
      .map((f) => ({
        id: f.properties.id,
        name: f.properties.name,
        telecode: f.properties.telecode ?? null,
        coordinates: f.geometry.coordinates,
        precinctM: f.properties.precinctM ?? DEFAULT_PRECINCT_M,
        feature: f,
        lines: f.properties.lines.flatMap((sl): StationOnLine[] => {
          const line = byId.get(sl.lineId);
          if (!line) return [];
          const measure = stationMeasure(line, index, f.geometry.coordinates, sl.mileage);
          const m = line.ref.measureToMileage(measure);
          // A given mileage is kept as written; a long chain makes it ambiguous, the point decides.
          const given = sl.mileage ? parseMileage(sl.mileage) : null;
          if (given) return [{ lineId: line.id, measureM: measure, prefix: given.prefix, metres: given.metres, mileage: mileageText(given), given: true }];
          // Computed mileages are shown to the metre, as posts are surveyed.
          return [{ lineId: line.id, measureM: measure, prefix: m.prefix, metres: m.metres, mileage: mileageText({ prefix: m.prefix, metres: Math.round(m.metres) }), given: false }];
        }),
      }));

    const sites: SiteEntry[] = doc.features
      .filter((f): f is SiteFeature => f.properties.kind === 'site')
      .flatMap((f): SiteEntry[] => {
        const line = byId.get(f.properties.lineId);
        if (!line) return [];
        const points = f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates;
        const measures = points.map((p) => index.projectOnLine(p, line.index).measure);
        const from = Math.min(...measures);
        const to = Math.max(...measures);
        return [
          {
            id: f.properties.id,
            name: f.properties.name,
            siteType: f.properties.siteType,
            lineId: line.id,
            fromMeasureM: round2(from),
            toMeasureM: round2(to),
            fromMileage: mileageText(line.ref.measureToMileage(from)),
            toMileage: mileageText(line.ref.measureToMileage(to)),
            feature: f,
          },
        ];
      });
    const places = doc.features.filter((f): f is PlaceFeature => f.properties.kind === 'place');
    return new NetworkModel(lines, stations, sites, index, places);
  }

  static empty(): NetworkModel {
    return NetworkModel.build({ type: 'FeatureCollection', features: [] });
  }

  line(id: string): LineEntry | undefined {
    return this.linesById.get(id);
  }

  lines(): readonly LineEntry[] {
    return this.lineList;
  }

  station(id: string): StationEntry | undefined {
    return this.stationsById.get(id);
  }

  stations(): readonly StationEntry[] {
    return this.stationList;
  }

  /** The stations on a line in order along it, each with its measure and mileage on that line. */
  stationsOnLine(lineId: string): Array<StationEntry & { on: StationOnLine }> {
    return this.stationList
      .flatMap((s) => s.lines.filter((l) => l.lineId === lineId).map((on) => ({ ...s, on })))
      .sort((a, b) => a.on.measureM - b.on.measureM);
  }

  site(id: string): SiteEntry | undefined {
    return this.sitesById.get(id);
  }

  sites(): readonly SiteEntry[] {
    return this.siteList;
  }

  /** Named towns and villages, each with the nearest point of its line. */
  places(): readonly PlaceEntry[] {
    return this.placeList;
  }

  sections(lineId?: string): SectionSummary[] {
    const lists = lineId ? [this.sectionsByLine.get(lineId) ?? []] : [...this.sectionsByLine.values()];
    return lists.flat().map(({ fromMeasureM: _a, toMeasureM: _b, ...s }) => s);
  }

  sectionAt(lineId: string, measure: number): SectionEntry | null {
    return sectionAtMeasure(this.sectionsByLine.get(lineId) ?? [], measure);
  }

  /** The nearest line within maxOffsetM (default 500 m), or null. */
  locate(point: LonLat, opts: LocateOptions = {}): LocateResult | null {
    const hit = this.index.nearest(point, opts.maxOffsetM ?? DEFAULT_MAX_OFFSET_M);
    return hit ? this.result(this.lineList[hit.line]!, hit.measure, hit.distanceM, hit.side, [hit.lon, hit.lat]) : null;
  }

  /** The nearest point of every line within maxOffsetM, nearest first (junctions, parallel lines). */
  locateAll(point: LonLat, opts: LocateOptions = {}): LocateResult[] {
    const hits = this.index.nearestPerLine(point, opts.maxOffsetM ?? DEFAULT_MAX_OFFSET_M);
    return hits.map((h) => this.result(this.lineList[h.line]!, h.measure, h.distanceM, h.side, [h.lon, h.lat]));
  }

  /** The point projected onto one given line, or null when that line is farther than maxOffsetM. */
  locateOnLine(lineId: string, point: LonLat, opts: LocateOptions = {}): LocateResult | null {
    const line = this.requireLine(lineId);
    const hit = this.index.nearestPerLine(point, opts.maxOffsetM ?? DEFAULT_MAX_OFFSET_M, line.index)[0];
    return hit ? this.result(line, hit.measure, hit.distanceM, hit.side, [hit.lon, hit.lat]) : null;
  }

  /** The located result for a measure on a line (offset 0). */
  atMeasure(lineId: string, measure: number): LocateResult {
    const line = this.requireLine(lineId);
    const m = Math.min(Math.max(measure, 0), line.ref.lengthM);
    return this.result(line, m, 0, 'left', line.ref.pointAt(m));
  }

  /** Where a mileage lies on a line: every candidate (two where a long chain repeats it). */
  position(lineId: string, mileageText: string): PositionResponse {
    const line = this.requireLine(lineId);
    let mileage;
    try {
      mileage = parseMileage(mileageText);
    } catch (e) {
      if (e instanceof MileageError) throw new NetworkError('bad_mileage', said(`里程「${mileageText}」有误：${e.zh}`, `bad mileage "${mileageText}": ${e.message}`));
      throw e;
    }
    let candidates;
    try {
      candidates = line.ref.candidatesFor(mileage.prefix, mileage.metres);
    } catch (e) {
      if (e instanceof NetworkError) throw new NetworkError(e.code, said(`${line.name}：${e.said.zh}`, `${line.name}: ${e.said.en}`));
      throw e;
    }
    return {
      lineId: line.id,
      lineName: line.name,
      mileage: formatGiven(mileage.prefix, mileage.metres),
      candidates: candidates.map((c) => ({
        coordinates: roundPoint(line.ref.pointAt(c.measure)),
        measureM: round2(c.measure),
        sectionId: this.sectionAt(line.id, c.measure)?.id ?? null,
        ...(c.chain ? { chain: c.chain } : {}),
        ...(c.extrapolated ? { extrapolated: true } : {}),
      })),
    };
  }

  areaClassAt(lineId: string, prefix: string, metres: number): AreaClass {
    const line = this.linesById.get(lineId);
    const hit = line?.areaClasses.find((a) => a.prefix === prefix && metres >= a.fromMetres && metres <= a.toMetres);
    return hit?.areaClass ?? 'other';
  }

  /** The network in the import format, with computed station mileages filled in. */
  toGeoJSON(): NetworkGeoJSON {
    const stations: StationFeature[] = this.stationList.map((s) => ({
      ...s.feature,
      properties: {
        ...s.feature.properties,
        lines: s.feature.properties.lines.map((sl) => ({ lineId: sl.lineId, mileage: sl.mileage ?? s.lines.find((l) => l.lineId === sl.lineId)?.mileage })),
      },
    }));
    return { type: 'FeatureCollection', features: [...this.lineList.map((l) => l.feature), ...stations, ...this.siteList.map((s) => s.feature), ...this.placeList.map((p) => p.feature)] };
  }

  stats(): NetworkStats {
    return {
      lines: this.lineList.length,
      lengthKm: round2(this.lineList.reduce((s, l) => s + l.ref.lengthM, 0) / 1000),
      segments: this.index.segmentCount,
      kmPosts: this.lineList.reduce((s, l) => s + l.ref.posts.length, 0),
      chainBreaks: this.lineList.reduce((s, l) => s + l.ref.breakPosts, 0),
      stations: this.stationList.length,
      sites: this.siteList.length,
      places: this.placeList.length,
      sections: [...this.sectionsByLine.values()].reduce((s, l) => s + l.length, 0),
    };
  }

  /** Bytes of the spatial index and of the typed arrays of every line's geometry. */
  memoryBytes(): number {
    return this.index.memoryBytes() + this.lineList.reduce((s, l) => s + l.ref.geometry.byteLength, 0);
  }

  private requireLine(id: string): LineEntry {
    const line = this.linesById.get(id);
    if (!line) throw new NetworkError('unknown_line', said(`线路 ${id} 不存在`, `line ${id} not found`));
    return line;
  }

  private result(line: LineEntry, measure: number, offsetM: number, side: 'left' | 'right', onLine: LonLat): LocateResult {
    const m = line.ref.measureToMileage(measure);
    const section = this.sectionAt(line.id, measure);
    const r: LocateResult = {
      lineId: line.id,
      lineName: line.name,
      mileage: mileageText({ prefix: m.prefix, metres: Math.round(m.metres) }),
      prefix: m.prefix,
      metres: m.metres,
      offsetM: round2(offsetM),
      side,
      sectionId: section?.id ?? null,
      sectionName: section?.name ?? null,
      onLine: roundPoint(onLine),
      measureM: round2(measure),
      highSpeed: line.highSpeed,
    };
    if (m.chain) r.chain = m.chain;
    if (m.extrapolated) r.extrapolated = true;
    return r;
  }
}

/**
 * A station's measure on a line: where its point projects, or, when the import gives a mileage,
 * the place of that mileage nearest the point (a long chain gives it two).
 */
function stationMeasure(line: LineEntry, index: SegmentIndex, point: LonLat, mileage: string | undefined): number {
  const projected = index.projectOnLine(point, line.index).measure;
  if (!mileage) return projected;
  const m = parseMileage(mileage);
  let measures: number[];
  try {
    measures = line.ref.mileageToMeasures(m.prefix, m.metres);
  } catch {
    return projected;
  }
  return measures.reduce((best, x) => (Math.abs(x - projected) < Math.abs(best - projected) ? x : best), measures[0]!);
}

function formatGiven(prefix: string, metres: number): string {
  return mileageText({ prefix, metres });
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function roundPoint(p: LonLat): LonLat {
  return [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7];
}
