import type { Rng } from '../../../demo/prng.js';

/**
 * One day's concrete schedule drawn from the strategy by dependent rounding on the bipartite
 * graph of teams and targets (Gandhi, Khuller, Parthasarathy & Srinivasan 2006): every edge is
 * taken with exactly its probability, and no team or target ends with more than its fractional
 * degree rounded up — so each team patrols at most one target, each target gets at most one team,
 * and the patrols are unpredictable yet follow the strategy exactly in expectation.
 */
export function sampleAssignment(teamOf: Int32Array, targetOf: Int32Array, teams: number, x: ArrayLike<number>, rng: Rng): number[] {
  const EPS = 1e-9;
  const y = Float64Array.from(x as ArrayLike<number>, (v) => (v < EPS ? 0 : v > 1 - EPS ? 1 : v));
  const E = y.length;
  // vertices: teams 0..teams-1, targets teams..; adjacency of fractional edges kept as sets
  const targets = targetOf.reduce((m, t) => Math.max(m, t + 1), 0);
  const adj: Array<Set<number>> = Array.from({ length: teams + targets }, () => new Set<number>());
  const ends = (e: number): [number, number] => [teamOf[e]!, teams + targetOf[e]!];
  const fractional = (e: number) => y[e]! > 0 && y[e]! < 1;
  for (let e = 0; e < E; e++) {
    if (!fractional(e)) continue;
    const [a, b] = ends(e);
    adj[a]!.add(e);
    adj[b]!.add(e);
  }
  const settle = (e: number) => {
    if (fractional(e)) return;
    const [a, b] = ends(e);
    adj[a]!.delete(e);
    adj[b]!.delete(e);
  };
  const other = (e: number, v: number) => {
    const [a, b] = ends(e);
    return v === a ? b : a;
  };
  // walk along fractional edges from v until stuck or back on the path
  const walk = (start: number): { edges: number[]; cycle: boolean; last: number } => {
    const path = [start];
    const at = new Map([[start, 0]]);
    const edges: number[] = [];
    let v = start;
    let came = -1;
    for (;;) {
      let next = -1;
      for (const e of adj[v]!) if (e !== came) { next = e; break; }
      if (next < 0) return { edges, cycle: false, last: v };
      const w = other(next, v);
      edges.push(next);
      const seen = at.get(w);
      if (seen !== undefined) return { edges: edges.slice(seen), cycle: true, last: w };
      at.set(w, path.length);
      path.push(w);
      came = next;
      v = w;
    }
  };
  for (let v = 0; v < adj.length; v++) {
    while (adj[v]!.size > 0) {
      const first = walk(v);
      // a path: walk again from where it stopped, so both of its ends are where fractional edges stop
      const { edges } = first.cycle ? first : walk(first.last);
      let alpha = Infinity;
      let beta = Infinity;
      edges.forEach((e, i) => {
        const up = i % 2 === 0;
        alpha = Math.min(alpha, up ? 1 - y[e]! : y[e]!);
        beta = Math.min(beta, up ? y[e]! : 1 - y[e]!);
      });
      const delta = rng.next() < beta / (alpha + beta) ? alpha : -beta;
      edges.forEach((e, i) => {
        const v2 = y[e]! + (i % 2 === 0 ? delta : -delta);
        y[e] = v2 < EPS ? 0 : v2 > 1 - EPS ? 1 : v2;
      });
      for (const e of edges) settle(e);
    }
  }
  const out: number[] = [];
  for (let e = 0; e < E; e++) if (y[e] === 1) out.push(e);
  return out;
}
