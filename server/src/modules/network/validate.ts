import {
  formatMileage,
  formatPath,
  LineFeature,
  NetworkGeoJSON,
  SiteFeature,
  StationFeature,
  tryParseMileage,
  type ImportProblem,
  type LineFeature as LineFeatureT,
  type NetworkCheckReport,
  type NetworkGeoJSON as NetworkDoc,
  type SiteFeature as SiteFeatureT,
  type StationFeature as StationFeatureT,
} from '@railjoint/contracts';
import type { ZodType } from 'zod';
import { LineGeometry } from './line-geometry.js';
import { LineReference } from './linear-ref.js';
import { SegmentIndex } from './segment-index.js';
import { MAX_POST_OFFSET_M, placePosts } from './post-placement.js';

/** Stations, sites and given station mileages must be this close to their line. */
export const MAX_FEATURE_OFFSET_M = 500;
/** Post spacing may differ from the geometry's length by this share before a warning. */
export const SPACING_TOLERANCE = 0.05;
/** Beyond this spacing, interpolation between posts may miss the 1 m accuracy target. */
export const MAX_POST_SPACING_M = 2000;

type AnyFeature = LineFeatureT | StationFeatureT | SiteFeatureT;

class Problems {
  readonly errors: ImportProblem[] = [];
  readonly warnings: ImportProblem[] = [];
  error(featureId: string | null, path: string, message: string) {
    this.errors.push({ featureId, path, message, severity: 'error' });
  }
  warn(featureId: string | null, path: string, message: string) {
    this.warnings.push({ featureId, path, message, severity: 'warning' });
  }
}

const SCHEMAS: Record<string, ZodType> = { line: LineFeature, station: StationFeature, site: SiteFeature };

/**
 * Checks a network GeoJSON document completely: every feature, every post, every reference, each
 * problem named by feature id and path. The document is returned only when there is no error.
 */
export function checkNetwork(input: unknown): { report: NetworkCheckReport; doc: NetworkDoc | null } {
  const problems = new Problems();
  const envelope = NetworkGeoJSON.safeParse(input);
  if (!envelope.success) {
    for (const issue of envelope.error.issues) problems.error(null, formatPath(issue.path) || '(document)', issue.message);
    return finish(problems, [], null);
  }

  const features: Array<{ f: AnyFeature; i: number }> = [];
  const seen = new Map<string, number>();
  envelope.data.features.forEach((raw, i) => {
    const props = (raw as { properties?: { kind?: unknown; id?: unknown } } | null)?.properties;
    const featureId = typeof props?.id === 'string' ? props.id : null;
    const kind = typeof props?.kind === 'string' ? props.kind : undefined;
    const schema = kind ? SCHEMAS[kind] : undefined;
    if (!schema) {
      problems.error(featureId, `features[${i}].properties.kind`, `kind must be "line", "station" or "site" (got ${JSON.stringify(kind ?? null)})`);
      return;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.error(featureId, formatPath(issue.path, `features[${i}]`), issue.message);
      return;
    }
    const f = parsed.data as AnyFeature;
    const prior = seen.get(f.properties.id);
    if (prior !== undefined) {
      problems.error(f.properties.id, `features[${i}].properties.id`, `duplicate id (also features[${prior}])`);
      return;
    }
    seen.set(f.properties.id, i);
    features.push({ f, i });
  });

  const lineItems = features.filter((x): x is { f: LineFeatureT; i: number } => x.f.properties.kind === 'line');
  const geometries = lineItems.map((x) => LineGeometry.from(x.f.geometry));
  const index = new SegmentIndex(geometries);
  const refs = new Map<string, { ref: LineReference; feature: LineFeatureT; i: number } | null>();
  lineItems.forEach(({ f, i }, li) => {
    const ok = checkLine(f, i, geometries[li]!, index, li, problems);
    refs.set(f.properties.id, ok);
  });

  const stationsPerLine = new Map<string, number>();
  for (const { f, i } of features) {
    if (f.properties.kind === 'station') checkStation(f as StationFeatureT, i, refs, problems, stationsPerLine);
    if (f.properties.kind === 'site') checkSite(f as SiteFeatureT, i, refs, problems);
  }
  for (const { f, i } of lineItems) {
    if (!stationsPerLine.get(f.properties.id)) problems.warn(f.properties.id, `features[${i}]`, 'line has no stations, so it has no sections');
  }

  const doc: NetworkDoc = { type: 'FeatureCollection', features: features.map((x) => x.f) };
  return finish(problems, features.map((x) => x.f), problems.errors.length ? null : doc, refs);
}

function checkLine(f: LineFeatureT, i: number, geometry: LineGeometry, index: SegmentIndex, li: number, problems: Problems) {
  const id = f.properties.id;
  const posts = f.properties.kmPosts;
  const at = (k: number) => `features[${i}].properties.kmPosts[${k}]`;
  const errorsBefore = problems.errors.length;
  if (geometry.lengthM < 1) {
    problems.error(id, `features[${i}].geometry`, 'line geometry has no length');
    return null;
  }
  const placed = placePosts(geometry, posts, index, li);
  placed.forEach((p, k) => {
    if (p.offsetM > MAX_POST_OFFSET_M) {
      problems.error(id, `${at(k)}.coordinates`, `post ${posts[k]!.mileage} is ${Math.round(p.offsetM)} m off the line (at most ${MAX_POST_OFFSET_M} m)`);
    }
  });
  // Order along the geometry.
  const decreasing = placed.every((p, k) => k === 0 || p.measure < placed[k - 1]!.measure);
  if (decreasing && placed.length >= 2) {
    problems.error(id, `features[${i}].properties.kmPosts`, 'posts run against the geometry: the line seems drawn against increasing mileage (reverse its coordinates)');
    return null;
  }
  for (let k = 1; k < placed.length; k++) {
    const a = placed[k - 1]!;
    const b = placed[k]!;
    if (b.measure <= a.measure + 1e-3) {
      problems.error(id, at(k), `post ${posts[k]!.mileage} is not after post ${posts[k - 1]!.mileage} along the geometry (posts out of order)`);
      continue;
    }
    if (b.behind.prefix !== a.ahead.prefix) {
      problems.error(id, `${at(k)}.mileage`, `prefix changes from ${a.ahead.prefix} to ${b.behind.prefix} without a chain-break post (give the earlier post an "ahead" in the new prefix)`);
      continue;
    }
    const dm = b.behind.metres - a.ahead.metres;
    const ahead = posts[k - 1]!.ahead ?? posts[k - 1]!.mileage;
    if (dm <= 0) {
      problems.error(id, `${at(k)}.mileage`, `mileage ${posts[k]!.mileage} does not increase from ${ahead} (use "ahead" on a chain-break post)`);
      continue;
    }
    const len = b.measure - a.measure;
    if (Math.abs(dm - len) / len > SPACING_TOLERANCE) {
      problems.warn(id, at(k), `posts ${ahead} → ${posts[k]!.mileage} differ by ${round1(dm)} m of mileage but ${round1(len)} m of geometry (more than ${SPACING_TOLERANCE * 100}%)`);
    }
    if (len > MAX_POST_SPACING_M) {
      problems.warn(id, at(k), `posts ${ahead} → ${posts[k]!.mileage} are ${round1(len)} m apart; interpolation is accurate to 1 m only with posts at most ${MAX_POST_SPACING_M} m apart`);
    }
  }
  (f.properties.areaClasses ?? []).forEach((a, k) => {
    const from = tryParseMileage(a.from)!;
    const to = tryParseMileage(a.to)!;
    if (from.prefix !== to.prefix) problems.error(id, `features[${i}].properties.areaClasses[${k}]`, `from and to use different prefixes (${from.prefix}, ${to.prefix})`);
    else if (from.metres >= to.metres) problems.error(id, `features[${i}].properties.areaClasses[${k}]`, `from ${a.from} must be before to ${a.to}`);
  });
  if (problems.errors.length > errorsBefore) return null;
  return { ref: new LineReference(geometry, placed), feature: f, i };
}

type RefMap = Map<string, { ref: LineReference; feature: LineFeatureT; i: number } | null>;

function checkStation(f: StationFeatureT, i: number, refs: RefMap, problems: Problems, perLine: Map<string, number>) {
  const id = f.properties.id;
  f.properties.lines.forEach((sl, k) => {
    const path = `features[${i}].properties.lines[${k}]`;
    if (!refs.has(sl.lineId)) {
      problems.error(id, `${path}.lineId`, `unknown line ${sl.lineId}`);
      return;
    }
    perLine.set(sl.lineId, (perLine.get(sl.lineId) ?? 0) + 1);
    const line = refs.get(sl.lineId);
    if (!line) return; // the line has errors of its own
    const proj = line.ref.geometry.projectBrute(f.geometry.coordinates);
    if (proj.distanceM > MAX_FEATURE_OFFSET_M) {
      problems.error(id, `features[${i}].geometry`, `station is ${Math.round(proj.distanceM)} m from line ${sl.lineId} (at most ${MAX_FEATURE_OFFSET_M} m)`);
      return;
    }
    if (sl.mileage) {
      const measures = line.ref.mileageToMeasures(tryParseMileage(sl.mileage)!);
      if (!Array.isArray(measures)) {
        problems.error(id, `${path}.mileage`, measures.message);
        return;
      }
      const gap = Math.min(...measures.map((m) => Math.abs(m - proj.measure)));
      if (gap > MAX_FEATURE_OFFSET_M) {
        const here = line.ref.measureToMileage(proj.measure);
        problems.error(id, `${path}.mileage`, `mileage ${sl.mileage} is ${Math.round(gap)} m along the line from the station's point (which is at ${formatMileage(here.metres, here.prefix)})`);
      }
    }
  });
}

function checkSite(f: SiteFeatureT, i: number, refs: RefMap, problems: Problems) {
  const id = f.properties.id;
  if (!refs.has(f.properties.lineId)) {
    problems.error(id, `features[${i}].properties.lineId`, `unknown line ${f.properties.lineId}`);
    return;
  }
  const line = refs.get(f.properties.lineId);
  if (!line) return;
  const points = f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const far = Math.max(...points.map((p) => line.ref.geometry.projectBrute(p).distanceM));
  if (far > MAX_FEATURE_OFFSET_M) {
    problems.error(id, `features[${i}].geometry`, `site is ${Math.round(far)} m from line ${f.properties.lineId} (at most ${MAX_FEATURE_OFFSET_M} m)`);
  }
}

function finish(problems: Problems, features: AnyFeature[], doc: NetworkDoc | null, refs?: RefMap): { report: NetworkCheckReport; doc: NetworkDoc | null } {
  const lines = features.filter((f) => f.properties.kind === 'line') as LineFeatureT[];
  const valid = refs ? [...refs.values()].filter((r): r is NonNullable<typeof r> => r !== null) : [];
  return {
    report: {
      ok: problems.errors.length === 0,
      errors: problems.errors,
      warnings: problems.warnings,
      counts: {
        lines: lines.length,
        stations: features.filter((f) => f.properties.kind === 'station').length,
        sites: features.filter((f) => f.properties.kind === 'site').length,
        kmPosts: lines.reduce((s, l) => s + l.properties.kmPosts.length, 0),
        chainBreaks: valid.reduce((s, r) => s + r.ref.chains.length, 0),
        lengthKm: Math.round(valid.reduce((s, r) => s + r.ref.lengthM, 0) / 10) / 100,
      },
    },
    doc,
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
