import {
  formatPath,
  LineFeature,
  NetworkGeoJSON,
  PlaceFeature,
  SiteFeature,
  StationFeature,
  tryParseMileage,
  type ImportProblem,
  type LineFeature as LineFeatureT,
  type NetworkCheckReport,
  type NetworkGeoJSON as NetworkDoc,
  type PlaceFeature as PlaceFeatureT,
  type SiteFeature as SiteFeatureT,
  type StationFeature as StationFeatureT,
} from '@railjoint/contracts';
import type { ZodType } from 'zod';
import { mileageText } from './chain-notes.js';
import { LineGeometry } from './line-geometry.js';
import { LineReference } from './linear-ref.js';
import { NetworkError } from './network-error.js';
import { MAX_POST_OFFSET_M, placePosts, type PostPlacement } from './post-placement.js';
import { SegmentIndex } from './segment-index.js';

/** Stations, sites and given station mileages must be this close to their line. */
export const MAX_FEATURE_OFFSET_M = 500;
/**
 * A named town or village must lie this close to its line: farther away a caller naming it is not
 * telling where on the railway something happens.
 */
export const MAX_PLACE_OFFSET_M = 5000;
/** Post spacing may differ from the geometry's length by this share before a warning. */
export const SPACING_TOLERANCE = 0.05;
/** Beyond this spacing, interpolation between posts may miss the 1 m accuracy target. */
export const MAX_POST_SPACING_M = 2000;

type AnyFeature = LineFeatureT | StationFeatureT | SiteFeatureT | PlaceFeatureT;

interface CheckedLine {
  /** null when the line has errors of its own: features on it are then not checked against it */
  ref: LineReference | null;
  index: number;
}
type LineMap = Map<string, CheckedLine>;

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

const SCHEMAS: Record<string, ZodType> = { line: LineFeature, station: StationFeature, site: SiteFeature, place: PlaceFeature };

/**
 * Checks a network GeoJSON document completely: every feature, every post, every reference, each
 * problem named by feature id and JSON path, never stopping at the first. The document is returned
 * only when there is no error.
 */
export function checkNetwork(input: unknown): { report: NetworkCheckReport; doc: NetworkDoc | null } {
  const problems = new Problems();
  const envelope = NetworkGeoJSON.safeParse(input);
  if (!envelope.success) {
    for (const issue of envelope.error.issues) problems.error(null, formatPath(issue.path) || '(document)', issue.message);
    return { report: report(problems, [], []), doc: null };
  }

  const features = parseFeatures(envelope.data.features, problems);
  const lineItems = features.filter((x): x is { f: LineFeatureT; i: number } => x.f.properties.kind === 'line');
  const geometries = lineItems.map((x) => LineGeometry.from(x.f.geometry));
  const index = new SegmentIndex(geometries);
  const lines: LineMap = new Map();
  lineItems.forEach(({ f, i }, li) => lines.set(f.properties.id, { ref: checkLine(f, i, geometries[li]!, index, li, problems), index: li }));

  const stationsPerLine = new Map<string, number>();
  for (const { f, i } of features) {
    if (f.properties.kind === 'station') checkStation(f as StationFeatureT, i, lines, index, problems, stationsPerLine);
    if (f.properties.kind === 'site') checkSite(f as SiteFeatureT, i, lines, index, problems);
    if (f.properties.kind === 'place') checkPlace(f as PlaceFeatureT, i, lines, index, problems);
  }
  for (const { f, i } of lineItems) {
    if (!stationsPerLine.get(f.properties.id)) problems.warn(f.properties.id, `features[${i}]`, 'line has no stations, so it has no sections');
  }

  const all = features.map((x) => x.f);
  return { report: report(problems, all, geometries), doc: problems.errors.length ? null : { type: 'FeatureCollection', features: all } };
}

/** Each feature against the schema of its kind; duplicates and unknown kinds are errors. */
function parseFeatures(raw: unknown[], problems: Problems): Array<{ f: AnyFeature; i: number }> {
  const out: Array<{ f: AnyFeature; i: number }> = [];
  const seen = new Map<string, number>();
  raw.forEach((item, i) => {
    const props = (item as { properties?: { kind?: unknown; id?: unknown } } | null)?.properties;
    const featureId = typeof props?.id === 'string' ? props.id : null;
    const kind = typeof props?.kind === 'string' ? props.kind : undefined;
    const schema = kind ? SCHEMAS[kind] : undefined;
    if (!schema) {
      problems.error(featureId, `features[${i}].properties.kind`, `kind must be "line", "station", "site" or "place" (got ${JSON.stringify(kind ?? null)})`);
      return;
    }
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.error(featureId, formatPath(issue.path, `features[${i}]`), issue.message);
      return;
    }
    const f = parsed.data as AnyFeature;
    const prior = seen.get(f.properties.id);
    if (prior !== undefined) {
      problems.error(f.properties.id, `features[${i}].properties.id`, `duplicate id ${f.properties.id} (also features[${prior}])`);
      return;
    }
    seen.set(f.properties.id, i);
    out.push({ f, i });
  });
  return out;
}

function checkLine(f: LineFeatureT, i: number, geometry: LineGeometry, index: SegmentIndex, li: number, problems: Problems): LineReference | null {
  const id = f.properties.id;
  const posts = f.properties.kmPosts;
  const at = (k: number) => `features[${i}].properties.kmPosts[${k}]`;
  const errorsBefore = problems.errors.length;
  if (geometry.lengthM < 1) {
    problems.error(id, `features[${i}].geometry`, 'line geometry has no length');
    return null;
  }
  const placed = placePosts(posts, index, li);
  placed.forEach((p, k) => {
    if (p.offsetM > MAX_POST_OFFSET_M) {
      problems.error(id, `${at(k)}.coordinates`, `post ${posts[k]!.mileage} is ${Math.round(p.offsetM)} m off the line (at most ${MAX_POST_OFFSET_M} m)`);
    }
    if (posts[k]!.ahead !== undefined && p.ahead.prefix === p.behind.prefix && Math.abs(p.ahead.metres - p.behind.metres) < 1e-6) {
      problems.warn(id, `${at(k)}.ahead`, `ahead ${posts[k]!.ahead} equals the post's mileage, so this is not a chain break`);
    }
  });
  if (placed.length >= 2 && placed.every((p, k) => k === 0 || p.measure < placed[k - 1]!.measure)) {
    problems.error(id, `features[${i}].properties.kmPosts`, 'every post lies before the previous one along the geometry: the line seems drawn against increasing mileage (reverse its coordinates)');
    return null;
  }
  for (let k = 1; k < placed.length; k++) checkPostPair(f, i, k, placed, problems);
  checkAreaClasses(f, i, placed, problems);
  if (problems.errors.length > errorsBefore) return null;
  const ref = new LineReference(geometry, placed.map((p) => ({ measure: p.measure, behind: p.behind, ahead: p.ahead })), { index, line: li });
  checkAreaClassExtent(f, i, ref, problems);
  return problems.errors.length > errorsBefore ? null : ref;
}

/** Order, mileage and spacing between post k−1 and post k. */
function checkPostPair(f: LineFeatureT, i: number, k: number, placed: PostPlacement[], problems: Problems) {
  const id = f.properties.id;
  const posts = f.properties.kmPosts;
  const path = `features[${i}].properties.kmPosts[${k}]`;
  const a = placed[k - 1]!;
  const b = placed[k]!;
  const previous = `post ${posts[k - 1]!.mileage} (kmPosts[${k - 1}])`;
  if (b.measure <= a.measure + 1e-3) {
    const behind = a.measure - b.measure;
    problems.error(
      id,
      path,
      `posts out of order: post ${posts[k]!.mileage} (kmPosts[${k}]) lies ${behind < 0.5 ? 'at the same place as' : `${Math.round(behind)} m before`} ${previous} along the geometry`,
    );
    return;
  }
  const aheadText = posts[k - 1]!.ahead ?? posts[k - 1]!.mileage;
  if (b.behind.prefix !== a.ahead.prefix) {
    problems.error(id, `${path}.mileage`, `prefix changes from ${a.ahead.prefix} to ${b.behind.prefix} without a chain-break post (give ${previous} an "ahead" in the new prefix)`);
    return;
  }
  const dm = b.behind.metres - a.ahead.metres;
  if (dm <= 0) {
    problems.error(id, `${path}.mileage`, `mileage ${posts[k]!.mileage} does not increase from ${aheadText} at ${previous} (a jump back is a chain break: give that post an "ahead")`);
    return;
  }
  const len = b.measure - a.measure;
  if (Math.abs(dm - len) / len > SPACING_TOLERANCE) {
    problems.warn(id, path, `posts ${aheadText} → ${posts[k]!.mileage} differ by ${round1(dm)} m of mileage but ${round1(len)} m of geometry (more than ${SPACING_TOLERANCE * 100}% apart)`);
  }
  if (len > MAX_POST_SPACING_M) {
    problems.warn(id, path, `posts ${aheadText} → ${posts[k]!.mileage} are ${round1(len)} m apart; interpolation is accurate to 1 m only with posts at most ${MAX_POST_SPACING_M} m apart`);
  }
}

/** Each area-class stretch: one prefix, from before to, a prefix the line uses, no overlaps. */
function checkAreaClasses(f: LineFeatureT, i: number, placed: PostPlacement[], problems: Problems) {
  const id = f.properties.id;
  const prefixes = new Set(placed.flatMap((p) => [p.behind.prefix, p.ahead.prefix]));
  const ok: Array<{ k: number; prefix: string; from: number; to: number }> = [];
  (f.properties.areaClasses ?? []).forEach((a, k) => {
    const path = `features[${i}].properties.areaClasses[${k}]`;
    const from = tryParseMileage(a.from)!;
    const to = tryParseMileage(a.to)!;
    if (from.prefix !== to.prefix) problems.error(id, path, `from ${a.from} and to ${a.to} use different prefixes (${from.prefix}, ${to.prefix})`);
    else if (from.metres >= to.metres) problems.error(id, path, `from ${a.from} must be before to ${a.to}`);
    else if (!prefixes.has(from.prefix)) problems.error(id, path, `the line's posts have no ${from.prefix} mileage (they use ${[...prefixes].join(', ')})`);
    else ok.push({ k, prefix: from.prefix, from: from.metres, to: to.metres });
  });
  ok.sort((x, y) => x.prefix.localeCompare(y.prefix) || x.from - y.from);
  for (let n = 1; n < ok.length; n++) {
    const x = ok[n - 1]!;
    const y = ok[n]!;
    if (x.prefix === y.prefix && y.from < x.to) {
      problems.error(id, `features[${i}].properties.areaClasses[${y.k}]`, `overlaps areaClasses[${x.k}] (${mileageText({ prefix: y.prefix, metres: y.from })} to ${mileageText({ prefix: x.prefix, metres: x.to })})`);
    }
  }
}

/** An area-class stretch must lie on the line's mileage; anything beyond it is a typing slip. */
function checkAreaClassExtent(f: LineFeatureT, i: number, ref: LineReference, problems: Problems) {
  const ranges = ref.prefixRanges();
  (f.properties.areaClasses ?? []).forEach((a, k) => {
    const from = tryParseMileage(a.from)!;
    const to = tryParseMileage(a.to)!;
    const r = ranges.find((x) => x.prefix === from.prefix);
    if (r && (from.metres < r.fromMetres - 1 || to.metres > r.toMetres + 1)) {
      problems.error(
        f.properties.id,
        `features[${i}].properties.areaClasses[${k}]`,
        `${a.from} to ${a.to} runs beyond the line, whose ${r.prefix} mileage runs from ${mileageText({ prefix: r.prefix, metres: r.fromMetres })} to ${mileageText({ prefix: r.prefix, metres: r.toMetres })}`,
      );
    }
  });
}

function checkStation(f: StationFeatureT, i: number, lines: LineMap, index: SegmentIndex, problems: Problems, perLine: Map<string, number>) {
  const id = f.properties.id;
  const listed = new Set<string>();
  f.properties.lines.forEach((sl, k) => {
    const path = `features[${i}].properties.lines[${k}]`;
    const line = lines.get(sl.lineId);
    if (!line) {
      problems.error(id, `${path}.lineId`, `unknown line ${sl.lineId}`);
      return;
    }
    if (listed.has(sl.lineId)) {
      problems.error(id, `${path}.lineId`, `line ${sl.lineId} is listed twice for this station`);
      return;
    }
    listed.add(sl.lineId);
    perLine.set(sl.lineId, (perLine.get(sl.lineId) ?? 0) + 1);
    if (!line.ref) return; // the line has errors of its own
    const proj = index.projectOnLine(f.geometry.coordinates, line.index);
    if (proj.distanceM > MAX_FEATURE_OFFSET_M) {
      problems.error(id, `features[${i}].geometry.coordinates`, `station is ${Math.round(proj.distanceM)} m from line ${sl.lineId} (at most ${MAX_FEATURE_OFFSET_M} m)`);
      return;
    }
    if (!sl.mileage) return;
    const given = tryParseMileage(sl.mileage)!;
    let measures: number[];
    try {
      measures = line.ref.mileageToMeasures(given.prefix, given.metres);
    } catch (e) {
      if (!(e instanceof NetworkError)) throw e;
      problems.error(id, `${path}.mileage`, e.message);
      return;
    }
    const gap = Math.min(...measures.map((m) => Math.abs(m - proj.measure)));
    if (gap > MAX_FEATURE_OFFSET_M) {
      const here = line.ref.measureToMileage(proj.measure);
      problems.error(id, `${path}.mileage`, `mileage ${sl.mileage} is ${Math.round(gap)} m along the line from the station's point, which is at ${mileageText({ prefix: here.prefix, metres: Math.round(here.metres) })} (at most ${MAX_FEATURE_OFFSET_M} m)`);
    }
  });
}

function checkSite(f: SiteFeatureT, i: number, lines: LineMap, index: SegmentIndex, problems: Problems) {
  const id = f.properties.id;
  const line = lines.get(f.properties.lineId);
  if (!line) {
    problems.error(id, `features[${i}].properties.lineId`, `unknown line ${f.properties.lineId}`);
    return;
  }
  if (!line.ref) return;
  const points = f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const far = Math.max(...points.map((p) => index.projectOnLine(p, line.index).distanceM));
  if (far > MAX_FEATURE_OFFSET_M) {
    problems.error(id, `features[${i}].geometry`, `site is ${Math.round(far)} m from line ${f.properties.lineId} (at most ${MAX_FEATURE_OFFSET_M} m)`);
  }
}

/** A place names the line it is beside, or is given the nearest; either way within MAX_PLACE_OFFSET_M. */
function checkPlace(f: PlaceFeatureT, i: number, lines: LineMap, index: SegmentIndex, problems: Problems) {
  const id = f.properties.id;
  const point = f.geometry.coordinates;
  if (f.properties.lineId === undefined) {
    if (!index.nearest(point, MAX_PLACE_OFFSET_M)) {
      problems.warn(id, `features[${i}].geometry`, `no line within ${MAX_PLACE_OFFSET_M} m: search finds the place but gives no mileage for it`);
    }
    return;
  }
  const line = lines.get(f.properties.lineId);
  if (!line) {
    problems.error(id, `features[${i}].properties.lineId`, `unknown line ${f.properties.lineId}`);
    return;
  }
  if (!line.ref) return;
  const far = index.projectOnLine(point, line.index).distanceM;
  if (far > MAX_PLACE_OFFSET_M) {
    problems.error(id, `features[${i}].geometry`, `place is ${Math.round(far)} m from line ${f.properties.lineId} (at most ${MAX_PLACE_OFFSET_M} m)`);
  }
}

function report(problems: Problems, features: AnyFeature[], geometries: LineGeometry[]): NetworkCheckReport {
  const lines = features.filter((f): f is LineFeatureT => f.properties.kind === 'line');
  return {
    ok: problems.errors.length === 0,
    errors: problems.errors,
    warnings: problems.warnings,
    counts: {
      lines: lines.length,
      stations: features.filter((f) => f.properties.kind === 'station').length,
      sites: features.filter((f) => f.properties.kind === 'site').length,
      places: features.filter((f) => f.properties.kind === 'place').length,
      kmPosts: lines.reduce((s, l) => s + l.properties.kmPosts.length, 0),
      chainBreaks: lines.reduce((s, l) => s + l.properties.kmPosts.filter(isChainBreak).length, 0),
      lengthKm: Math.round(geometries.reduce((s, g) => s + g.lengthM, 0) / 10) / 100,
    },
  };
}

/** A post whose `ahead` differs from its mileage (in value or prefix): the data's own chain break. */
function isChainBreak(p: LineFeatureT['properties']['kmPosts'][number]): boolean {
  if (p.ahead === undefined) return false;
  const a = tryParseMileage(p.ahead);
  const b = tryParseMileage(p.mileage);
  return !!a && !!b && (a.prefix !== b.prefix || Math.abs(a.metres - b.metres) > 1e-6);
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
