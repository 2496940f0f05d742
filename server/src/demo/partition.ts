import type { LonLat } from '@railjoint/contracts';
import { roundCoord, signedArea, type XY } from './geometry.js';

/**
 * Tiles a rectangle into Voronoi cells around seed points and merges cells into larger areas.
 * Townships are cells, a county is the union of its townships' cells, so the two levels nest
 * exactly and together cover the whole rectangle: every point along the lines is in exactly one
 * county and one township, as the responsibility rules need.
 *
 * Work happens in "scaled degrees" (x = lon·cos φ0, y = lat), an affine image of lon/lat, so that
 * cells look right on a map while point-in-polygon answers are the same in both spaces.
 */
export interface Tiling {
  /** one ring per seed (counter-clockwise, not closed), vertices shared bit-for-bit between neighbours */
  cells: XY[][];
  toLonLat(p: XY): LonLat;
  toScaled(p: LonLat): XY;
}

export function voronoiTiling(seeds: readonly LonLat[], bbox: [number, number, number, number]): Tiling {
  const k = Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
  const toScaled = (p: LonLat): XY => [p[0] * k, p[1]];
  const toLonLat = (p: XY): LonLat => [p[0] / k, p[1]];
  const S = seeds.map(toScaled);
  const frame: XY[] = [
    [bbox[0] * k, bbox[1]],
    [bbox[2] * k, bbox[1]],
    [bbox[2] * k, bbox[3]],
    [bbox[0] * k, bbox[3]],
  ];
  const pool = new VertexPool();
  const cells = S.map((a, i) => {
    // nearest seeds first, so the cell shrinks fast and far seeds can be skipped
    const others = S.map((b, j) => ({ j, d: (b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2 })).filter((o) => o.j !== i).sort((x, y) => x.d - y.d || x.j - y.j);
    let cell = frame.slice();
    for (const { j, d } of others) {
      if (d === 0) throw new Error(`seeds ${i} and ${j} coincide`);
      let reach = 0;
      for (const v of cell) reach = Math.max(reach, (v[0] - a[0]) ** 2 + (v[1] - a[1]) ** 2);
      // a seed more than twice the cell's reach away cannot cut the cell
      if (d > 4 * reach) break;
      cell = clipCloser(cell, a, S[j]!);
      if (cell.length === 0) break;
    }
    return dedupe(cell.map((v) => pool.snap(v)));
  });
  return { cells, toLonLat, toScaled };
}

/** Keeps the part of a convex polygon that is closer to a than to b (Sutherland–Hodgman, one plane). */
function clipCloser(poly: XY[], a: XY, b: XY): XY[] {
  const nx = b[0] - a[0];
  const ny = b[1] - a[1];
  const c = (nx * (a[0] + b[0])) / 2 + (ny * (a[1] + b[1])) / 2;
  const f = (p: XY) => nx * p[0] + ny * p[1] - c; // negative: closer to a
  const out: XY[] = [];
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i]!;
    const q = poly[(i + 1) % poly.length]!;
    const fp = f(p);
    const fq = f(q);
    if (fp <= 0) out.push(p);
    if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
      const t = fp / (fp - fq);
      out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
    }
  }
  return out;
}

function dedupe(ring: XY[]): XY[] {
  const out: XY[] = [];
  for (const v of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== v[0] || last[1] !== v[1]) out.push(v);
  }
  while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
  return out.length >= 3 ? out : [];
}

/**
 * Makes vertices that are equal up to floating-point noise identical, so that the edge two cells
 * share is written the same way in both and cancels out when cells are merged.
 */
class VertexPool {
  private readonly grid = new Map<string, XY[]>();
  private static readonly STEP = 1e-9;
  snap(v: XY): XY {
    const gx = Math.round(v[0] / VertexPool.STEP);
    const gy = Math.round(v[1] / VertexPool.STEP);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const w of this.grid.get(`${gx + dx},${gy + dy}`) ?? []) {
          if (Math.abs(w[0] - v[0]) <= VertexPool.STEP && Math.abs(w[1] - v[1]) <= VertexPool.STEP) return w;
        }
      }
    }
    const key = `${gx},${gy}`;
    const list = this.grid.get(key);
    if (list) list.push(v);
    else this.grid.set(key, [v]);
    return v;
  }
}

/**
 * Merges cells of one tiling into polygons (each: outer ring then holes, counter-clockwise outer,
 * unclosed): edges shared by two of the merged cells cancel, the rest are chained into rings.
 */
export function unionCells(cells: readonly XY[][]): XY[][][] {
  const key = (p: XY) => `${p[0]},${p[1]}`;
  const edges = new Map<string, { from: XY; to: XY }>();
  for (const cell of cells) {
    for (let i = 0; i < cell.length; i++) {
      const from = cell[i]!;
      const to = cell[(i + 1) % cell.length]!;
      const reverse = `${key(to)}>${key(from)}`;
      if (edges.has(reverse)) edges.delete(reverse);
      else edges.set(`${key(from)}>${key(to)}`, { from, to });
    }
  }
  const outgoing = new Map<string, Array<{ from: XY; to: XY }>>();
  for (const e of edges.values()) {
    const list = outgoing.get(key(e.from));
    if (list) list.push(e);
    else outgoing.set(key(e.from), [e]);
  }
  const rings: XY[][] = [];
  // deterministic start order: edges in insertion order
  for (const start of edges.values()) {
    const list = outgoing.get(key(start.from));
    if (!list || !list.includes(start)) continue;
    const ring: XY[] = [];
    let e: { from: XY; to: XY } | undefined = start;
    while (e) {
      const out = outgoing.get(key(e.from))!;
      out.splice(out.indexOf(e), 1);
      ring.push(e.from);
      if (key(e.to) === key(start.from)) break;
      e = outgoing.get(key(e.to))?.[0];
    }
    const simplified = dropCollinear(ring);
    if (simplified.length >= 3) rings.push(simplified);
  }
  const outers = rings.filter((r) => signedArea(r) > 0);
  const holes = rings.filter((r) => signedArea(r) <= 0);
  const polygons: XY[][][] = outers.map((r) => [r]);
  for (const h of holes) {
    const owner = polygons.find((p) => containsXY(p[0]!, h[0]!));
    if (owner) owner.push(h);
  }
  return polygons;
}

function containsXY(ring: XY[], p: XY): boolean {
  let inside = false;
  for (let i = 0, k = ring.length - 1; i < ring.length; k = i++) {
    const a = ring[i]!;
    const b = ring[k]!;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

/** Removes vertices that lie on the straight line between their neighbours (left by merged frame edges). */
function dropCollinear(ring: XY[]): XY[] {
  const out: XY[] = [];
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[(i - 1 + n) % n]!;
    const b = ring[i]!;
    const c = ring[(i + 1) % n]!;
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (Math.abs(cross) > 1e-18) out.push(b);
  }
  return out;
}

/**
 * Writes a ring as GeoJSON: lon/lat rounded to 1 cm, closed. Rounding identical vertices gives
 * identical output, so neighbours still share their edges exactly.
 */
export function toGeoRing(ring: readonly XY[], toLonLat: (p: XY) => LonLat): LonLat[] {
  const out: LonLat[] = [];
  for (const v of ring) {
    const ll = toLonLat(v);
    const p: LonLat = [roundCoord(ll[0]), roundCoord(ll[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
  out.push(out[0]!);
  return out;
}
