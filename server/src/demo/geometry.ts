import type { LonLat } from '@railjoint/contracts';

/**
 * Plane and sphere helpers for the demo generator. Line lengths use the same local metric as the
 * network module (metres per degree from the WGS84 radii of curvature at the segment's
 * mid-latitude), so a post placed 1000 m along the line here is 1000 m along it for the validator
 * too, not 0.3% off as a spherical formula would make it. Haversine is kept for rough distances
 * between cities, where the difference does not matter.
 */
export const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;
const WGS84_A = 6378137;
const WGS84_F = 1 / 298.257223563;
const WGS84_E2 = WGS84_F * (2 - WGS84_F);

/** Metres per degree of longitude (kx) and latitude (ky) at a latitude, on the WGS84 ellipsoid. */
export function metresPerDegree(latDeg: number): { kx: number; ky: number } {
  const phi = latDeg * RAD;
  const s = Math.sin(phi);
  const w = 1 - WGS84_E2 * s * s;
  const m = (WGS84_A * (1 - WGS84_E2)) / (w * Math.sqrt(w));
  const n = WGS84_A / Math.sqrt(w);
  return { kx: n * Math.cos(phi) * RAD, ky: m * RAD };
}

/** Length of a short segment in the local WGS84 metric (projected at its mid-latitude). */
export function segmentM(a: LonLat, b: LonLat): number {
  const { kx, ky } = metresPerDegree((a[1] + b[1]) / 2);
  return Math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * ky);
}

export function haversineM(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Distance from the start of the polyline to each vertex, metres. */
export function cumulativeM(coords: readonly LonLat[]): number[] {
  const out = new Array<number>(coords.length);
  let total = 0;
  out[0] = 0;
  for (let i = 1; i < coords.length; i++) {
    total += segmentM(coords[i - 1]!, coords[i]!);
    out[i] = total;
  }
  return out;
}

/** Rounds to 7 decimals (about 1 cm), the precision every coordinate of the demo is written with. */
export function roundCoord(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

export function roundLonLat(p: LonLat): LonLat {
  return [roundCoord(p[0]), roundCoord(p[1])];
}

/**
 * Equirectangular projection around a reference point: accurate to a fraction of a percent over a
 * few hundred kilometres, which is all the curve drawing needs, and trivially invertible.
 */
export class LocalProjection {
  private readonly kx: number;
  private readonly ky = EARTH_RADIUS_M * RAD;
  constructor(readonly lon0: number, readonly lat0: number) {
    this.kx = EARTH_RADIUS_M * RAD * Math.cos(lat0 * RAD);
  }
  static around(points: readonly LonLat[]): LocalProjection {
    let lon = 0;
    let lat = 0;
    for (const p of points) {
      lon += p[0];
      lat += p[1];
    }
    return new LocalProjection(lon / points.length, lat / points.length);
  }
  toXY(p: LonLat): XY {
    return [(p[0] - this.lon0) * this.kx, (p[1] - this.lat0) * this.ky];
  }
  toLonLat(xy: XY): LonLat {
    return [this.lon0 + xy[0] / this.kx, this.lat0 + xy[1] / this.ky];
  }
}

export type XY = [number, number];

export interface ControlPoint {
  at: LonLat;
  /** anchors come out as exact vertices (stations, junctions); other control points only steer the curve */
  anchor: boolean;
}

export interface SmoothLine {
  coords: LonLat[];
  /** vertex index of each anchor, in the order the anchors were given */
  anchorIndex: number[];
}

/**
 * Draws a smooth line through the control points (centripetal Catmull–Rom, which never loops or
 * cusps however unevenly the points are spaced) and resamples it with vertices evenly spaced between
 * consecutive anchors. Anchors keep their exact input coordinates so that lines meeting at a junction
 * share the junction's vertex bit for bit. Works one anchor-to-anchor stretch at a time so that a
 * national-scale line never holds its dense sampling in memory at once.
 */
export function smoothPolyline(controls: readonly ControlPoint[], spacingM: (stretchIndex: number) => number): SmoothLine {
  if (controls.length < 2) throw new Error('a line needs at least two control points');
  if (!controls[0]!.anchor || !controls[controls.length - 1]!.anchor) throw new Error('a line must start and end at an anchor');
  const proj = LocalProjection.around(controls.map((c) => c.at));
  const P = controls.map((c) => proj.toXY(c.at));
  const coords: LonLat[] = [controls[0]!.at];
  const anchorIndex: number[] = [0];
  let stretch = 0;
  let i = 0;
  while (i < controls.length - 1) {
    let j = i + 1;
    while (!controls[j]!.anchor) j++;
    // dense sampling of the spline pieces from anchor i to anchor j
    const dense: XY[] = [P[i]!];
    for (let k = i; k < j; k++) sampleSegment(P, k, dense);
    const lens = [0];
    for (let k = 1; k < dense.length; k++) lens.push(lens[k - 1]! + dist(dense[k - 1]!, dense[k]!));
    const total = lens[lens.length - 1]!;
    const n = Math.max(1, Math.round(total / spacingM(stretch)));
    let cursor = 0;
    for (let q = 1; q < n; q++) {
      const target = (q * total) / n;
      while (cursor < lens.length - 2 && lens[cursor + 1]! < target) cursor++;
      const a = dense[cursor]!;
      const b = dense[cursor + 1]!;
      const span = lens[cursor + 1]! - lens[cursor]!;
      const f = span > 0 ? (target - lens[cursor]!) / span : 0;
      coords.push(proj.toLonLat([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f]));
    }
    coords.push(controls[j]!.at);
    anchorIndex.push(coords.length - 1);
    stretch++;
    i = j;
  }
  return { coords, anchorIndex };
}

function dist(a: XY, b: XY): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** Appends samples of the piece from P[k] to P[k+1] (excluding P[k], including P[k+1]) about every 10 m. */
function sampleSegment(P: readonly XY[], k: number, out: XY[]): void {
  const p1 = P[k]!;
  const p2 = P[k + 1]!;
  // the ends are extended by reflection so that the curve leaves the first and last points straight
  const p0 = k > 0 ? P[k - 1]! : ([2 * p1[0] - p2[0], 2 * p1[1] - p2[1]] as XY);
  const p3 = k + 2 < P.length ? P[k + 2]! : ([2 * p2[0] - p1[0], 2 * p2[1] - p1[1]] as XY);
  const t0 = 0;
  const t1 = t0 + Math.sqrt(Math.max(dist(p0, p1), 1e-6));
  const t2 = t1 + Math.sqrt(Math.max(dist(p1, p2), 1e-6));
  const t3 = t2 + Math.sqrt(Math.max(dist(p2, p3), 1e-6));
  const steps = Math.max(2, Math.ceil(dist(p1, p2) / 10));
  for (let s = 1; s < steps; s++) {
    const t = t1 + ((t2 - t1) * s) / steps;
    const a1 = lerp2(p0, p1, (t - t0) / (t1 - t0));
    const a2 = lerp2(p1, p2, (t - t1) / (t2 - t1));
    const a3 = lerp2(p2, p3, (t - t2) / (t3 - t2));
    const b1 = lerp2(a1, a2, (t - t0) / (t2 - t0));
    const b2 = lerp2(a2, a3, (t - t1) / (t3 - t1));
    out.push(lerp2(b1, b2, (t - t1) / (t2 - t1)));
  }
  out.push(p2);
}

function lerp2(a: XY, b: XY, f: number): XY {
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
}

/** The point at a distance along the polyline (linear within a segment, which is exact for the vertices we write). */
export function pointAtMeasure(coords: readonly LonLat[], measures: readonly number[], s: number): LonLat {
  const i = segmentAt(measures, s);
  const a = coords[i]!;
  const b = coords[Math.min(i + 1, coords.length - 1)]!;
  const span = measures[Math.min(i + 1, measures.length - 1)]! - measures[i]!;
  const f = span > 0 ? Math.min(1, Math.max(0, (s - measures[i]!) / span)) : 0;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
}

/** Index i of the segment [i, i+1] holding measure s (binary search). */
export function segmentAt(measures: readonly number[], s: number): number {
  let lo = 0;
  let hi = measures.length - 1;
  if (s <= measures[0]!) return 0;
  if (s >= measures[hi]!) return Math.max(0, hi - 1);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (measures[mid]! <= s) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Inserts a vertex at each target measure (sorted ascending) and tells which vertex each target
 * became. A target within `snapM` of an existing vertex uses that vertex instead, so that no
 * segment becomes so short that rounding to 1 cm would collapse it.
 */
export function insertAtMeasures(
  coords: readonly LonLat[],
  measures: readonly number[],
  targets: readonly number[],
  snapM = 0.5,
): { coords: LonLat[]; indexOf: number[] } {
  const out: LonLat[] = [];
  const indexOf = new Array<number>(targets.length);
  let j = 0;
  let pendingNext: number[] = [];
  for (let i = 0; i < coords.length; i++) {
    out.push(coords[i]!);
    const here = out.length - 1;
    for (const t of pendingNext) indexOf[t] = here;
    pendingNext = [];
    if (i === coords.length - 1) break;
    const m0 = measures[i]!;
    const m1 = measures[i + 1]!;
    while (j < targets.length && targets[j]! < m1) {
      const t = targets[j]!;
      if (t - m0 <= snapM) indexOf[j] = here;
      else if (m1 - t <= snapM) pendingNext.push(j);
      else {
        const f = (t - m0) / (m1 - m0);
        const a = coords[i]!;
        const b = coords[i + 1]!;
        out.push([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f]);
        // later targets in the same segment snap against the inserted vertex, not the old one
        const inserted = out.length - 1;
        indexOf[j] = inserted;
        let k = j + 1;
        while (k < targets.length && targets[k]! < m1 && targets[k]! - t <= snapM) indexOf[k++] = inserted;
        j = k;
        continue;
      }
      j++;
    }
  }
  const last = out.length - 1;
  for (const t of pendingNext) indexOf[t] = last;
  while (j < targets.length) indexOf[j++] = last;
  return { coords: out, indexOf };
}

/** Ray casting; points exactly on an edge may go either way, which the demo never relies on. */
export function pointInRing(p: LonLat | XY, ring: ReadonlyArray<LonLat | XY>): boolean {
  let inside = false;
  const x = p[0];
  const y = p[1];
  for (let i = 0, k = ring.length - 1; i < ring.length; k = i++) {
    const a = ring[i]!;
    const b = ring[k]!;
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

export type AreaGeometryLike =
  | { type: 'Polygon'; coordinates: LonLat[][] }
  | { type: 'MultiPolygon'; coordinates: LonLat[][][] };

export function pointInArea(p: LonLat, g: AreaGeometryLike): boolean {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const rings of polygons) {
    if (!rings[0] || !pointInRing(p, rings[0])) continue;
    let inHole = false;
    for (let h = 1; h < rings.length; h++) if (pointInRing(p, rings[h]!)) inHole = true;
    if (!inHole) return true;
  }
  return false;
}

/** Distance from a point to a polyline, metres (planar around the point; exact enough below a few km). */
export function distanceToPolylineM(p: LonLat, coords: readonly LonLat[]): number {
  const proj = new LocalProjection(p[0], p[1]);
  let best = Infinity;
  let prev = proj.toXY(coords[0]!);
  if (coords.length === 1) return Math.hypot(prev[0], prev[1]);
  for (let i = 1; i < coords.length; i++) {
    const cur = proj.toXY(coords[i]!);
    const dx = cur[0] - prev[0];
    const dy = cur[1] - prev[1];
    const len2 = dx * dx + dy * dy;
    const f = len2 > 0 ? Math.max(0, Math.min(1, -(prev[0] * dx + prev[1] * dy) / len2)) : 0;
    best = Math.min(best, Math.hypot(prev[0] + dx * f, prev[1] + dy * f));
    prev = cur;
  }
  return best;
}

/** Signed area of a ring in its own units (positive: counter-clockwise). */
export function signedArea(ring: ReadonlyArray<LonLat | XY>): number {
  let a = 0;
  for (let i = 0, k = ring.length - 1; i < ring.length; k = i++) a += (ring[k]![0] - ring[i]![0]) * (ring[k]![1] + ring[i]![1]);
  return a / 2;
}
