import type { LonLat } from '@railjoint/contracts';
import { metresPerDegree, projectOnSegment, segmentLengthM, sideAtVertex, sideOf } from './geo.js';

export type LineCoordinates = { type: 'LineString'; coordinates: LonLat[] } | { type: 'MultiLineString'; coordinates: LonLat[][] };

export interface LineProjection {
  /** metres along the geometry from its start */
  measure: number;
  distanceM: number;
  /** facing the direction of the geometry, which is the direction of increasing mileage */
  side: 'left' | 'right';
  lon: number;
  lat: number;
}

/**
 * A line's polyline with its cumulative length, in flat typed arrays so that the national network
 * (hundreds of thousands of vertices) costs a few megabytes. The parts of a MultiLineString are
 * taken in order and the gap between two parts adds no length (a part boundary is not a segment).
 */
export class LineGeometry {
  private constructor(
    /** lon,lat pairs */
    readonly coords: Float64Array,
    /** cumulative metres at each vertex */
    readonly measures: Float64Array,
    /** start vertex of every real segment, ascending */
    readonly segStarts: Uint32Array,
    /** first vertex of every part, ascending (one entry for a LineString) */
    readonly partStarts: Uint32Array,
    readonly lengthM: number,
  ) {}

  static from(geometry: LineCoordinates): LineGeometry {
    const parts = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
    const n = parts.reduce((s, p) => s + p.length, 0);
    const coords = new Float64Array(n * 2);
    const measures = new Float64Array(n);
    const segStarts = new Uint32Array(Math.max(0, n - parts.length));
    const partStarts = new Uint32Array(parts.length);
    let v = 0;
    let k = 0;
    let m = 0;
    parts.forEach((part, pi) => {
      partStarts[pi] = v;
      for (let i = 0; i < part.length; i++) {
        const [lon, lat] = part[i]!;
        if (i > 0) {
          m += segmentLengthM(coords[(v - 1) * 2]!, coords[(v - 1) * 2 + 1]!, lon, lat);
          segStarts[k++] = v - 1;
        }
        coords[v * 2] = lon;
        coords[v * 2 + 1] = lat;
        measures[v] = m;
        v++;
      }
    });
    return new LineGeometry(coords, measures, segStarts.subarray(0, k), partStarts, m);
  }

  get vertexCount(): number {
    return this.measures.length;
  }

  get segmentCount(): number {
    return this.segStarts.length;
  }

  /** Bytes of the typed arrays. */
  get byteLength(): number {
    return this.coords.byteLength + this.measures.byteLength + this.segStarts.byteLength + this.partStarts.byteLength;
  }

  vertex(v: number): LonLat {
    return [this.coords[v * 2]!, this.coords[v * 2 + 1]!];
  }

  /** Projects p onto the segment starting at vertex v (kx, ky: scale at p's latitude). */
  projectOnSegment(v: number, p: LonLat, kx: number, ky: number): LineProjection {
    const c = this.coords;
    const r = projectOnSegment(p[0], p[1], c[v * 2]!, c[v * 2 + 1]!, c[v * 2 + 2]!, c[v * 2 + 3]!, kx, ky);
    const m0 = this.measures[v]!;
    let side = sideOf(r.cross);
    // At a vertex shared with a neighbouring segment the side comes from the tangent there.
    if (r.t === 0 && !this.isPartStart(v)) side = sideAtVertex(p, this.vertex(v - 1), this.vertex(v), this.vertex(v + 1), kx, ky);
    else if (r.t === 1 && !this.isPartEnd(v + 1)) side = sideAtVertex(p, this.vertex(v), this.vertex(v + 1), this.vertex(v + 2), kx, ky);
    return {
      measure: m0 + r.t * (this.measures[v + 1]! - m0),
      distanceM: r.distanceM,
      side,
      lon: r.lon,
      lat: r.lat,
    };
  }

  /** Nearest point over every segment: the reference the index is tested against, and a fallback. */
  projectBrute(p: LonLat): LineProjection {
    const { kx, ky } = metresPerDegree(p[1]);
    let best: LineProjection | null = null;
    for (const v of this.segStarts) {
      const r = this.projectOnSegment(v, p, kx, ky);
      if (!best || r.distanceM < best.distanceM) best = r;
    }
    return best!;
  }

  /** The point at a measure (clamped to the line). */
  pointAt(measure: number): LonLat {
    const segs = this.segStarts;
    if (segs.length === 0) return this.vertex(0);
    let lo = 0;
    let hi = segs.length - 1;
    // last segment whose start measure ≤ measure
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.measures[segs[mid]!]! <= measure) lo = mid;
      else hi = mid - 1;
    }
    const v = segs[lo]!;
    const m0 = this.measures[v]!;
    const m1 = this.measures[v + 1]!;
    const t = m1 > m0 ? Math.min(1, Math.max(0, (measure - m0) / (m1 - m0))) : 0;
    const c = this.coords;
    return [c[v * 2]! + t * (c[v * 2 + 2]! - c[v * 2]!), c[v * 2 + 1]! + t * (c[v * 2 + 3]! - c[v * 2 + 1]!)];
  }

  private isPartStart(v: number): boolean {
    const p = this.partStarts;
    let lo = 0;
    let hi = p.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (p[mid] === v) return true;
      if (p[mid]! < v) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  private isPartEnd(v: number): boolean {
    return v >= this.vertexCount - 1 || this.isPartStart(v + 1);
  }
}
