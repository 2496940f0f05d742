import {
  formatMileage,
  MileageError,
  parseMileage,
  type AreaClass,
  type LineFeature,
  type LocateResult,
  type LonLat,
  type NetworkGeoJSON,
  type PositionResponse,
  type SectionSummary,
  type SiteFeature,
  type StationFeature,
} from '@railjoint/contracts';
import { LineGeometry } from './line-geometry.js';
import { LineReference, type PlacedPost } from './linear-ref.js';
import { SegmentIndex } from './segment-index.js';
import { placePosts } from './post-placement.js';

export const DEFAULT_MAX_OFFSET_M = 500;
export const DEFAULT_FORMATION_HALF_WIDTH_M = 12;
export const DEFAULT_PRECINCT_M = 600;

export type NetworkErrorCode = 'unknown_line' | 'bad_mileage' | 'short_chain_gap' | 'prefix_not_on_line' | 'beyond_line';

export class NetworkError extends Error {
  constructor(
    readonly code: NetworkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
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

export interface SectionEntry extends SectionSummary {
  fromMeasureM: number;
  toMeasureM: number;
}

export interface NetworkStats {
  lines: number;
  lengthKm: number;
  segments: number;
  kmPosts: number;
  chainBreaks: number;
  stations: number;
  sites: number;
}

/**
 * The railway network in memory: linear references per line, a spatial index over all segments,
 * stations and the sections between them. Built from a validated network document; immutable.
 */
export class NetworkModel {
  private readonly lineList: LineEntry[];
  private readonly linesById: Map<string, LineEntry>;
  private readonly stationsById: Map<string, StationEntry>;
  private readonly sectionsByLine: Map<string, SectionEntry[]>;
  private readonly siteFeatures: SiteFeature[];
  private readonly index: SegmentIndex;

  private constructor(lines: LineEntry[], stations: StationEntry[], sites: SiteFeature[], index: SegmentIndex) {
    this.lineList = lines;
    this.linesById = new Map(lines.map((l) => [l.id, l]));
    this.stationsById = new Map(stations.map((s) => [s.id, s]));
    this.siteFeatures = sites;
    this.index = index;
    this.sectionsByLine = buildSections(lines, stations);
  }

  static build(doc: NetworkGeoJSON): NetworkModel {
    const lineFeatures = doc.features.filter((f): f is LineFeature => f.properties.kind === 'line');
    const geometries = lineFeatures.map((f) => LineGeometry.from(f.geometry));
    const index = new SegmentIndex(geometries);
    const lines: LineEntry[] = lineFeatures.map((f, i) => {
      const geometry = geometries[i]!;
      const placed = placePosts(geometry, f.properties.kmPosts, index, i);
      const posts: PlacedPost[] = placed.map((p) => ({ measure: p.measure, behind: p.behind, ahead: p.ahead }));
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
        ref: new LineReference(geometry, posts),
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
          const measure = stationMeasure(line, f.geometry.coordinates, sl.mileage);
          const m = line.ref.measureToMileage(measure);
          return [{ lineId: line.id, measureM: measure, prefix: m.prefix, metres: m.metres, mileage: formatMileage(m.metres, m.prefix) }];
        }),
      }));
    const sites = doc.features.filter((f): f is SiteFeature => f.properties.kind === 'site');
    return new NetworkModel(lines, stations, sites, index);
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

  stations(): StationEntry[] {
    return [...this.stationsById.values()];
  }

  stationsOnLine(lineId: string): Array<StationEntry & { on: StationOnLine }> {
    return this.stations()
      .flatMap((s) => s.lines.filter((l) => l.lineId === lineId).map((on) => ({ ...s, on })))
      .sort((a, b) => a.on.measureM - b.on.measureM);
  }

  sites(): readonly SiteFeature[] {
    return this.siteFeatures;
  }

  sections(lineId?: string): SectionSummary[] {
    const lists = lineId ? [this.sectionsByLine.get(lineId) ?? []] : [...this.sectionsByLine.values()];
    return lists.flat().map(({ fromMeasureM: _a, toMeasureM: _b, ...s }) => s);
  }

  sectionAt(lineId: string, measure: number): SectionEntry | null {
    const list = this.sectionsByLine.get(lineId);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (measure < s.fromMeasureM) hi = mid - 1;
      else if (measure > s.toMeasureM) lo = mid + 1;
      else return s;
    }
    return null;
  }

  /** The nearest line within maxOffsetM, or null. */
  locate(point: LonLat, opts: { maxOffsetM?: number } = {}): LocateResult | null {
    return this.locateAll(point, opts)[0] ?? null;
  }

  /** The nearest point of every line within maxOffsetM, nearest first. */
  locateAll(point: LonLat, opts: { maxOffsetM?: number } = {}): LocateResult[] {
    const hits = this.index.nearestPerLine(point, opts.maxOffsetM ?? DEFAULT_MAX_OFFSET_M);
    return hits.map((h) => this.result(this.lineList[h.line]!, h.measure, h.distanceM, h.side, [h.lon, h.lat]));
  }

  locateOnLine(lineId: string, point: LonLat, opts: { maxOffsetM?: number } = {}): LocateResult | null {
    const line = this.requireLine(lineId);
    const hit = this.index.nearestPerLine(point, opts.maxOffsetM ?? DEFAULT_MAX_OFFSET_M, line.index)[0];
    return hit ? this.result(line, hit.measure, hit.distanceM, hit.side, [hit.lon, hit.lat]) : null;
  }

  /** The located result for a measure on a line (offset 0). */
  atMeasure(lineId: string, measure: number): LocateResult {
    const line = this.requireLine(lineId);
    const m = Math.min(Math.max(measure, 0), line.ref.lengthM);
    return this.result(line, m, 0, 'left', line.ref.geometry.pointAt(m));
  }

  position(lineId: string, mileageText: string): PositionResponse {
    const line = this.requireLine(lineId);
    let mileage;
    try {
      mileage = parseMileage(mileageText);
    } catch (e) {
      if (e instanceof MileageError) throw new NetworkError('bad_mileage', e.message);
      throw e;
    }
    const measures = line.ref.mileageToMeasures(mileage);
    if (!Array.isArray(measures)) throw new NetworkError(measures.code, `${line.name}: ${measures.message}`);
    return {
      lineId: line.id,
      lineName: line.name,
      mileage: formatMileage(mileage.metres, mileage.prefix, mileage.metres % 1 === 0 ? 0 : 3),
      candidates: measures.map((measure) => {
        const at = line.ref.measureToMileage(measure);
        const section = this.sectionAt(line.id, measure);
        return {
          coordinates: roundPoint(line.ref.geometry.pointAt(measure)),
          measureM: round2(measure),
          sectionId: section?.id ?? null,
          ...(at.chain ? { chain: at.chain } : {}),
        };
      }),
    };
  }

  areaClassAt(lineId: string, prefix: string, metres: number): AreaClass {
    const line = this.linesById.get(lineId);
    const hit = line?.areaClasses.find((a) => a.prefix === prefix && metres >= a.fromMetres && metres <= a.toMetres);
    return hit?.areaClass ?? 'other';
  }

  /** The network in the import format, with computed station mileages filled in. */
  toGeoJSON(): NetworkGeoJSON {
    const stations: StationFeature[] = this.stations().map((s) => ({
      ...s.feature,
      properties: {
        ...s.feature.properties,
        lines: s.feature.properties.lines.map((sl) => ({ lineId: sl.lineId, mileage: sl.mileage ?? s.lines.find((l) => l.lineId === sl.lineId)?.mileage })),
      },
    }));
    return { type: 'FeatureCollection', features: [...this.lineList.map((l) => l.feature), ...stations, ...this.siteFeatures] };
  }

  stats(): NetworkStats {
    return {
      lines: this.lineList.length,
      lengthKm: round2(this.lineList.reduce((s, l) => s + l.ref.lengthM, 0) / 1000),
      segments: this.index.segmentCount,
      kmPosts: this.lineList.reduce((s, l) => s + l.ref.posts.length, 0),
      chainBreaks: this.lineList.reduce((s, l) => s + l.ref.chains.length, 0),
      stations: this.stationsById.size,
      sites: this.siteFeatures.length,
    };
  }

  /** Bytes of the spatial index and the typed arrays of every line's geometry. */
  memoryBytes(): number {
    const geometry = this.lineList.reduce((s, l) => {
      const g = l.ref.geometry;
      return s + g.coords.byteLength + g.measures.byteLength + g.segStarts.byteLength;
    }, 0);
    return this.index.memoryBytes() + geometry;
  }

  private requireLine(id: string): LineEntry {
    const line = this.linesById.get(id);
    if (!line) throw new NetworkError('unknown_line', `line ${id} not found`);
    return line;
  }

  private result(line: LineEntry, measure: number, offsetM: number, side: 'left' | 'right', onLine: LonLat): LocateResult {
    const m = line.ref.measureToMileage(measure);
    const section = this.sectionAt(line.id, measure);
    const r: LocateResult = {
      lineId: line.id,
      lineName: line.name,
      mileage: formatMileage(m.metres, m.prefix),
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

function stationMeasure(line: LineEntry, point: LonLat, mileage: string | undefined): number {
  const projected = line.ref.geometry.projectBrute(point).measure;
  if (!mileage) return projected;
  const measures = line.ref.mileageToMeasures(parseMileage(mileage));
  if (!Array.isArray(measures)) return projected;
  return measures.reduce((best, m) => (Math.abs(m - projected) < Math.abs(best - projected) ? m : best), measures[0]!);
}

function buildSections(lines: LineEntry[], stations: StationEntry[]): Map<string, SectionEntry[]> {
  const out = new Map<string, SectionEntry[]>();
  for (const line of lines) {
    const on = stations
      .flatMap((s) => s.lines.filter((l) => l.lineId === line.id).map((l) => ({ s, l })))
      .sort((a, b) => a.l.measureM - b.l.measureM);
    const list: SectionEntry[] = [];
    for (let i = 0; i + 1 < on.length; i++) {
      const a = on[i]!;
      const b = on[i + 1]!;
      list.push({
        id: `${line.id}:${a.s.id}-${b.s.id}`,
        lineId: line.id,
        name: `${a.s.name}—${b.s.name}`,
        fromStationId: a.s.id,
        toStationId: b.s.id,
        fromMileage: a.l.mileage,
        toMileage: b.l.mileage,
        fromMeasureM: a.l.measureM,
        toMeasureM: b.l.measureM,
      });
    }
    out.set(line.id, list);
  }
  return out;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function roundPoint(p: LonLat): LonLat {
  return [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7];
}
