import type { CoverInstance, LonLat, PostSiteKind } from '@railjoint/contracts';
import { distanceM } from '../../network/geo.js';
import { etaFigures, etaLowerBoundS, prepareTarget, type AccessPoint, type DispatchUnit, type EtaModel } from '../../dispatch/eta.js';

export interface PostCandidate {
  id: string;
  name: string;
  kind: PostSiteKind;
  coordinates: LonLat;
  /** a patrol car stands there now */
  current: boolean;
  /** the agency that staffs (or would staff) it; null when no police station holds the place */
  agencyId: string | null;
}

export interface DemandCell {
  id: string;
  lineId: string;
  /** the cell's middle, along the line and on the map */
  measureM: number;
  coordinates: LonLat;
  weight: number;
}

/** Per cell, the ETA (s) from each candidate that reaches it within the horizon. */
export type EtaTable = Map<string, Map<string, number>>;

/**
 * How long a patrol car from each candidate takes to each cell, by the dispatch ETA model — by
 * road to a gate or station on that line, then on foot along the track — for the pairs within
 * `horizonS`. The straight-line lower bound of the same model skips the pairs that cannot make
 * it, so only nearby pairs are estimated.
 */
export function postEtas(candidates: readonly PostCandidate[], cells: readonly DemandCell[], access: readonly AccessPoint[], model: EtaModel, horizonS: number): EtaTable {
  const byLine = new Map<string, AccessPoint[]>();
  for (const a of access) (byLine.get(a.lineId) ?? byLine.set(a.lineId, []).get(a.lineId)!).push(a);
  const units: DispatchUnit[] = candidates.map((c) => ({ id: c.id, agencyId: '', kind: 'patrol_car', status: 'available', position: c.coordinates, onRailway: false }));
  const out: EtaTable = new Map();
  for (const cell of cells) {
    // only the access points of the cell's own line matter inside the fence
    const prepared = prepareTarget({ coordinates: cell.coordinates, placeKind: 'line_enclosure', line: { lineId: cell.lineId, measureM: cell.measureM } }, byLine.get(cell.lineId) ?? []);
    const row = new Map<string, number>();
    units.forEach((u, k) => {
      if (etaLowerBoundS(prepared, model, distanceM(u.position!, cell.coordinates)) > horizonS) return;
      const f = etaFigures(u, prepared, model);
      if (f && f.etaS <= horizonS) row.set(candidates[k]!.id, f.etaS);
    });
    out.set(cell.id, row);
  }
  return out;
}

/** Who covers what: the cells each candidate reaches within the limit. */
export function coversWithin(candidates: readonly PostCandidate[], etas: EtaTable, limitS: number): Record<string, string[]> {
  const covers: Record<string, string[]> = Object.fromEntries(candidates.map((c) => [c.id, [] as string[]]));
  for (const [cell, row] of etas) for (const [site, s] of row) if (s <= limitS) covers[site]!.push(cell);
  return covers;
}

/** The best ETA to a cell from any of the posts, or null when none reaches it within the horizon. */
export function bestEta(row: ReadonlyMap<string, number> | undefined, posts: ReadonlySet<string>): number | null {
  let best: number | null = null;
  for (const [site, s] of row ?? []) if (posts.has(site) && (best === null || s < best)) best = s;
  return best === null ? null : Math.round(best);
}

export interface InstanceOptions {
  /** posts to add (keep) or to choose (from scratch) */
  p: number;
  /** the current posts are fixed and p more are added */
  keep: boolean;
  /** the most weight one post answers; undefined: unlimited */
  capacity?: number;
  /** per agency, the most posts in the proposal (kept ones included) */
  budgets: Record<string, number>;
}

/**
 * The covering instance: every candidate with the agency that would staff it as its group; with
 * `keep` the current posts fixed and p more on top, else p from scratch.
 */
export function postInstance(o: InstanceOptions, candidates: readonly PostCandidate[], cells: readonly DemandCell[], covers: Record<string, string[]>): CoverInstance {
  const fixed = o.keep ? candidates.filter((c) => c.current).length : 0;
  const sites = candidates.map((c) => ({
    id: c.id,
    ...(o.keep && c.current ? { fixed: true } : {}),
    ...(c.agencyId ? { group: c.agencyId } : {}),
    ...(o.capacity !== undefined ? { capacity: o.capacity } : {}),
  }));
  return {
    p: Math.min(fixed + o.p, candidates.length),
    sites,
    demands: cells.map((c) => ({ id: c.id, weight: c.weight })),
    covers,
    ...(Object.keys(o.budgets).length ? { budgets: { ...o.budgets } } : {}),
  };
}

/** The weight a set of posts covers (every cell one of them reaches within the limit). */
export function coveredBy(posts: Iterable<string>, cells: readonly DemandCell[], covers: Record<string, string[]>): { weight: number; cells: Set<string> } {
  const hit = new Set<string>();
  for (const p of posts) for (const c of covers[p] ?? []) hit.add(c);
  return { weight: cells.reduce((a, c) => a + (hit.has(c.id) ? c.weight : 0), 0), cells: hit };
}

/**
 * The weight a set of posts can answer when each answers at most `capacity` (demand divisible
 * between the posts that reach it): a maximum flow from the posts through the cells they cover.
 * Without a capacity it is the covered weight.
 */
export function answeredBy(posts: Iterable<string>, cells: readonly DemandCell[], covers: Record<string, string[]>, capacity?: number): number {
  if (capacity === undefined) return coveredBy(posts, cells, covers).weight;
  const list = [...new Set(posts)];
  const cellIndex = new Map(cells.map((c, i) => [c.id, i]));
  // nodes: 0 source, 1 sink, 2.. posts, then cells
  const P = list.length;
  const flow = new MaxFlow(2 + P + cells.length);
  list.forEach((p, k) => {
    flow.add(0, 2 + k, capacity);
    for (const c of covers[p] ?? []) {
      const i = cellIndex.get(c);
      if (i !== undefined) flow.add(2 + k, 2 + P + i, Infinity);
    }
  });
  cells.forEach((c, i) => flow.add(2 + P + i, 1, c.weight));
  return flow.run(0, 1);
}

/** Dinic's maximum flow: the instance is a few hundred posts by a few thousand cells. */
class MaxFlow {
  private readonly head: number[];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly next: number[] = [];
  private level: Int32Array;
  private it: number[] = [];

  constructor(n: number) {
    this.head = new Array(n).fill(-1);
    this.level = new Int32Array(n);
  }

  add(u: number, v: number, c: number): void {
    for (const [a, b, k] of [[u, v, c], [v, u, 0]] as const) {
      this.to.push(b);
      this.cap.push(k);
      this.next.push(this.head[a]!);
      this.head[a] = this.to.length - 1;
    }
  }

  run(s: number, t: number): number {
    let total = 0;
    while (this.bfs(s, t)) {
      this.it = [...this.head];
      for (let f = this.dfs(s, t, Infinity); f > 1e-12; f = this.dfs(s, t, Infinity)) total += f;
    }
    return total;
  }

  private bfs(s: number, t: number): boolean {
    this.level.fill(-1);
    this.level[s] = 0;
    const queue = [s];
    for (let q = 0; q < queue.length; q++) {
      const u = queue[q]!;
      for (let e = this.head[u]!; e !== -1; e = this.next[e]!) {
        if (this.cap[e]! > 1e-12 && this.level[this.to[e]!] === -1) {
          this.level[this.to[e]!] = this.level[u]! + 1;
          queue.push(this.to[e]!);
        }
      }
    }
    return this.level[t] !== -1;
  }

  private dfs(u: number, t: number, f: number): number {
    if (u === t) return f;
    for (; this.it[u]! !== -1; this.it[u] = this.next[this.it[u]!]!) {
      const e = this.it[u]!;
      const v = this.to[e]!;
      if (this.cap[e]! > 1e-12 && this.level[v] === this.level[u]! + 1) {
        const d = this.dfs(v, t, Math.min(f, this.cap[e]!));
        if (d > 1e-12) {
          this.cap[e] = this.cap[e]! - d;
          this.cap[e ^ 1] = this.cap[e ^ 1]! + d;
          return d;
        }
      }
    }
    return 0;
  }
}
