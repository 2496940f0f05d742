import type { LonLat } from '@railjoint/contracts';
import { metresPerDegree, projectOnSegment, segmentLengthM } from './geo.js';

export type LineCoordinates = { type: 'LineString'; coordinates: LonLat[] } | { type: 'MultiLineString'; coordinates: LonLat[][] };

export interface LineProjection {
  /** metres along the geometry from its start */
  measure: number;
  distanceM: number;
  side: 'left' | 'right';
  lon: number;
  lat: number;
}

/**
 * A line's polyline with its cumulative length. The parts of a MultiLineString are taken in order
 * and the gap between two parts adds no length (a part boundary is not a segment).
 */
export class LineGeometry {
  private constructor(
    /** lon,lat pairs */
    readonly coords: Float64Array,
    /** cumulative metres at each vertex */
    readonly measures: Float64Array,
    /** start vertex of every real segment, ascending */
    readonly segStarts: Uint32Array,
    readonly lengthM: number,
  ) {}

  static from(geometry: LineCoordinates): LineGeometry {
    const parts = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
    const n = parts.reduce((s, p) => s + p.length, 0);
    const coords = new Float64Array(n * 2);
    const measures = new Float64Array(n);
    const segs: number[] = [];
    let v = 0;
    let m = 0;
    for (const part of parts) {
      for (let i = 0; i < part.length; i++) {
        const [lon, lat] = part[i]!;
        if (i > 0) {
          m += segmentLengthM(coords[(v - 1) * 2]!, coords[(v - 1) * 2 + 1]!, lon, lat);
          segs.push(v - 1);
        }
        coords[v * 2] = lon;
        coords[v * 2 + 1] = lat;
        measures[v] = m;
        v++;
      }
    }
    return new LineGeometry(coords, measures, Uint32Array.from(segs), m);
  }

  get vertexCount(): number {
    return this.measures.length;
  }

  /** Projects p onto the segment starting at vertex v. */
  projectOnSegment(v: number, p: LonLat, kx: number, ky: number): LineProjection {
    const c = this.coords;
    const r = projectOnSegment(p[0], p[1], c[v * 2]!, c[v * 2 + 1]!, c[v * 2 + 2]!, c[v * 2 + 3]!, kx, ky);
    const m0 = this.measures[v]!;
    return {
      measure: m0 + r.t * (this.measures[v + 1]! - m0),
      distanceM: r.distanceM,
      side: r.cross >= 0 ? 'left' : 'right',
      lon: r.lon,
      lat: r.lat,
    };
  }

  /** Nearest point over every segment: for validation and tests, not for hot paths. */
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
}
