import Flatbush from 'flatbush';
import type { LonLat } from '@railjoint/contracts';
import { metresPerDegree, segmentDistance2 } from './geo.js';
import type { LineGeometry, LineProjection } from './line-geometry.js';

export interface IndexedProjection extends LineProjection {
  /** position of the line in the array the index was built from */
  line: number;
}

/**
 * One static R-tree (flatbush) over the bounding boxes, in degrees, of the segments of every line.
 * A query turns the search radius into a box in degrees at the point's latitude, takes the
 * candidate segments from the tree and measures each exactly in metres, so the cost depends on
 * how many segments are near, not on the size of the network. Per segment the index keeps only
 * its line number and start vertex (two Uint32Arrays); coordinates and measures stay in the lines.
 */
export class SegmentIndex {
  private readonly tree: Flatbush | null;
  private readonly segLine: Uint32Array;
  private readonly segVertex: Uint32Array;
  // Scratch for the best segment per line during one query; reused so a query allocates little.
  private scratchLines: number[] = [];
  private scratchD2: number[] = [];
  private scratchSeg: number[] = [];

  constructor(private readonly lines: readonly LineGeometry[]) {
    const total = lines.reduce((s, l) => s + l.segmentCount, 0);
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
        tree.add(x1 < x2 ? x1 : x2, y1 < y2 ? y1 : y2, x1 < x2 ? x2 : x1, y1 < y2 ? y2 : y1);
        this.segLine[k] = li;
        this.segVertex[k] = v;
        k++;
      }
    });
    tree.finish();
    this.tree = tree;
  }

  /** The nearest point of the network within maxDistanceM, or null (the hot path of locate). */
  nearest(p: LonLat, maxDistanceM: number): IndexedProjection | null {
    if (!this.tree) return null;
    const { kx, ky } = metresPerDegree(p[1]);
    const dx = maxDistanceM / kx;
    const dy = maxDistanceM / ky;
    const hits = this.tree.search(p[0] - dx, p[1] - dy, p[0] + dx, p[1] + dy);
    let best = -1;
    let bestD2 = maxDistanceM * maxDistanceM;
    for (const h of hits) {
      const c = this.lines[this.segLine[h]!]!.coords;
      const v = this.segVertex[h]!;
      const d2 = segmentDistance2(p[0], p[1], c[v * 2]!, c[v * 2 + 1]!, c[v * 2 + 2]!, c[v * 2 + 3]!, kx, ky);
      // Ties go to the lower segment number (= lower line, then earlier segment), as in nearestPerLine.
      if (d2 < bestD2 || (d2 === bestD2 && (best < 0 || h < best))) {
        bestD2 = d2;
        best = h;
      }
    }
    if (best < 0) return null;
    const li = this.segLine[best]!;
    return { ...this.lines[li]!.projectOnSegment(this.segVertex[best]!, p, kx, ky), line: li };
  }

  /** The nearest point of each line within maxDistanceM, nearest first (only `onlyLine` if given). */
  nearestPerLine(p: LonLat, maxDistanceM: number, onlyLine?: number): IndexedProjection[] {
    if (!this.tree) return [];
    const { kx, ky } = metresPerDegree(p[1]);
    const dx = maxDistanceM / kx;
    const dy = maxDistanceM / ky;
    const hits = this.tree.search(p[0] - dx, p[1] - dy, p[0] + dx, p[1] + dy);
    const lines = this.scratchLines;
    const bestD2 = this.scratchD2;
    const bestSeg = this.scratchSeg;
    lines.length = 0;
    const max2 = maxDistanceM * maxDistanceM;
    for (const h of hits) {
      const li = this.segLine[h]!;
      if (onlyLine !== undefined && li !== onlyLine) continue;
      const c = this.lines[li]!.coords;
      const v = this.segVertex[h]!;
      const d2 = segmentDistance2(p[0], p[1], c[v * 2]!, c[v * 2 + 1]!, c[v * 2 + 2]!, c[v * 2 + 3]!, kx, ky);
      if (d2 > max2) continue;
      // Few lines pass near any one point, so a linear scan beats a Map here.
      let j = lines.indexOf(li);
      if (j < 0) {
        j = lines.length;
        lines.push(li);
        bestD2[j] = Infinity;
      }
      // Ties go to the lower segment so results do not depend on the tree's order.
      if (d2 < bestD2[j]! || (d2 === bestD2[j]! && h < bestSeg[j]!)) {
        bestD2[j] = d2;
        bestSeg[j] = h;
      }
    }
    const out: IndexedProjection[] = [];
    for (let j = 0; j < lines.length; j++) {
      const li = lines[j]!;
      out.push({ ...this.lines[li]!.projectOnSegment(this.segVertex[bestSeg[j]!]!, p, kx, ky), line: li });
    }
    return out.sort((a, b) => a.distanceM - b.distanceM || a.line - b.line);
  }

  /**
   * Every segment projection of one line within maxDistanceM, nearest first. A line that passes
   * the point twice (a loop, a hairpin) yields projections at both passes.
   */
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
    return out.sort((a, b) => a.distanceM - b.distanceM || a.measure - b.measure);
  }

  /** The nearest point of one line at any distance: the index first, every segment if nothing is near. */
  projectOnLine(p: LonLat, line: number, searchM = 2000): LineProjection {
    return this.nearestPerLine(p, searchM, line)[0] ?? this.lines[line]!.projectBrute(p);
  }

  get segmentCount(): number {
    return this.segLine.length;
  }

  /** Bytes held by the tree and the segment tables (the polylines are counted by their owners). */
  memoryBytes(): number {
    return (this.tree?.data.byteLength ?? 0) + this.segLine.byteLength + this.segVertex.byteLength;
  }
}
