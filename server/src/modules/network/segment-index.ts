import Flatbush from 'flatbush';
import type { LonLat } from '@railjoint/contracts';
import { metresPerDegree } from './geo.js';
import type { LineGeometry, LineProjection } from './line-geometry.js';

export interface IndexedProjection extends LineProjection {
  line: number;
}

/**
 * One static R-tree over the segments of every line. A query converts the search radius to degrees
 * at the point's latitude, takes the candidate segments from the tree and measures each exactly,
 * so the cost depends on how many segments are near, not on the size of the network.
 */
export class SegmentIndex {
  private readonly tree: Flatbush | null;
  /** line number and start vertex of each indexed segment */
  private readonly segLine: Uint32Array;
  private readonly segVertex: Uint32Array;

  constructor(private readonly lines: LineGeometry[]) {
    const total = lines.reduce((s, l) => s + l.segStarts.length, 0);
    this.segLine = new Uint32Array(total);
    this.segVertex = new Uint32Array(total);
    if (total === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(total, 16, Float64Array);
    let k = 0;
    lines.forEach((g, li) => {
      const c = g.coords;
      for (const v of g.segStarts) {
        const x1 = c[v * 2]!;
        const y1 = c[v * 2 + 1]!;
        const x2 = c[v * 2 + 2]!;
        const y2 = c[v * 2 + 3]!;
        tree.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
        this.segLine[k] = li;
        this.segVertex[k] = v;
        k++;
      }
    });
    tree.finish();
    this.tree = tree;
  }

  /** The nearest point of each line within maxDistanceM, nearest first. */
  nearestPerLine(p: LonLat, maxDistanceM: number, onlyLine?: number): IndexedProjection[] {
    if (!this.tree) return [];
    const { kx, ky } = metresPerDegree(p[1]);
    const dx = maxDistanceM / kx;
    const dy = maxDistanceM / ky;
    const hits = this.tree.search(p[0] - dx, p[1] - dy, p[0] + dx, p[1] + dy);
    const best = new Map<number, IndexedProjection>();
    for (const h of hits) {
      const li = this.segLine[h]!;
      if (onlyLine !== undefined && li !== onlyLine) continue;
      const r = this.lines[li]!.projectOnSegment(this.segVertex[h]!, p, kx, ky);
      if (r.distanceM > maxDistanceM) continue;
      const prev = best.get(li);
      if (!prev || r.distanceM < prev.distanceM) best.set(li, { ...r, line: li });
    }
    return [...best.values()].sort((a, b) => a.distanceM - b.distanceM);
  }

  /** Every segment projection of one line within maxDistanceM (a line that loops back has several). */
  candidatesOnLine(p: LonLat, maxDistanceM: number, line: number): LineProjection[] {
    if (!this.tree) return [];
    const { kx, ky } = metresPerDegree(p[1]);
    const dx = maxDistanceM / kx;
    const dy = maxDistanceM / ky;
    const out: LineProjection[] = [];
    for (const h of this.tree.search(p[0] - dx, p[1] - dy, p[0] + dx, p[1] + dy)) {
      if (this.segLine[h] !== line) continue;
      const r = this.lines[line]!.projectOnSegment(this.segVertex[h]!, p, kx, ky);
      if (r.distanceM <= maxDistanceM) out.push(r);
    }
    return out.sort((a, b) => a.distanceM - b.distanceM);
  }

  get segmentCount(): number {
    return this.segLine.length;
  }

  /** Bytes held by the index and its segment tables (the polylines are counted by their owners). */
  memoryBytes(): number {
    return (this.tree?.data.byteLength ?? 0) + this.segLine.byteLength + this.segVertex.byteLength;
  }
}
