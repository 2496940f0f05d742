import type { MedianInstance, MedianResult } from '@railjoint/contracts';

/**
 * The p-median problem beside maximal covering: choose p sites (fixed ones among them) so that the
 * weighted distance from each demand to its nearest chosen site is least in total. Greedy start,
 * best-improvement interchange, and a lower bound by Lagrangian relaxation of the assignment
 * constraints, so the answer says how far from optimal it can be. Deterministic like the covering
 * solver: iteration counts end it.
 */
export interface MedianModel {
  siteIds: string[];
  n: number;
  m: number;
  p: number;
  fixed: Uint8Array;
  weight: Float64Array;
  /** d[j * m + i]: from site j to demand i */
  d: Float64Array;
}

export function compileMedian(inst: MedianInstance): MedianModel {
  const n = inst.sites.length;
  const m = inst.demands.length;
  const d = new Float64Array(n * m);
  inst.distances.forEach((row, j) => d.set(row, j * m));
  return {
    siteIds: inst.sites.map((s) => s.id),
    n,
    m,
    p: inst.p,
    fixed: Uint8Array.from(inst.sites, (s) => (s.fixed ? 1 : 0)),
    weight: Float64Array.from(inst.demands, (x) => x.weight),
    d,
  };
}

export function medianCost(model: MedianModel, chosen: readonly number[]): number {
  const { m, d, weight } = model;
  let total = 0;
  for (let i = 0; i < m; i++) {
    let best = Infinity;
    for (const j of chosen) best = Math.min(best, d[j * m + i]!);
    total += weight[i]! * best;
  }
  return total;
}

function greedyMedian(model: MedianModel): number[] {
  const { n, m, p, d, weight, fixed } = model;
  const chosen: number[] = [];
  const near = new Float64Array(m).fill(Infinity);
  const take = (j: number) => {
    chosen.push(j);
    for (let i = 0; i < m; i++) near[i] = Math.min(near[i]!, d[j * m + i]!);
  };
  for (let j = 0; j < n; j++) if (fixed[j]) take(j);
  const on = new Uint8Array(n);
  for (const j of chosen) on[j] = 1;
  while (chosen.length < p) {
    let best = -1;
    let bestCost = Infinity;
    for (let k = 0; k < n; k++) {
      if (on[k]) continue;
      let cost = 0;
      for (let i = 0; i < m; i++) cost += weight[i]! * Math.min(near[i]!, d[k * m + i]!);
      if (cost < bestCost) {
        bestCost = cost;
        best = k;
      }
    }
    on[best] = 1;
    take(best);
  }
  return chosen.sort((a, b) => a - b);
}

/**
 * Interchange: the change from swapping r out and k in is −gain[k] plus, over the demands r serves,
 * w_i (min(d2_i, max(d_ki, d1_i)) − d1_i), with d1, d2 the nearest and second-nearest chosen
 * distances — one pass over the distance matrix per move evaluates every swap.
 */
export function interchangeMedian(model: MedianModel, start: number[], maxMoves = 10_000): number[] {
  const { n, m, d, weight, fixed } = model;
  const chosen = [...start];
  const on = new Uint8Array(n);
  for (const j of chosen) on[j] = 1;
  const d1 = new Float64Array(m);
  const d2 = new Float64Array(m);
  const c1 = new Int32Array(m);
  const acc = new Float64Array(n);
  for (let move = 0; move < maxMoves; move++) {
    let cost = 0;
    for (let i = 0; i < m; i++) {
      let a = Infinity;
      let b = Infinity;
      let ca = -1;
      for (const j of chosen) {
        const v = d[j * m + i]!;
        if (v < a || (v === a && j < ca)) {
          b = a;
          a = v;
          ca = j;
        } else if (v < b) b = v;
      }
      d1[i] = a;
      d2[i] = b;
      c1[i] = ca;
      cost += weight[i]! * a;
    }
    const eps = 1e-9 * Math.max(1, cost);
    let bestDelta = -eps;
    let bestOut = -1;
    let bestIn = -1;
    for (let k = 0; k < n; k++) {
      if (on[k]) continue;
      let gain = 0;
      for (const r of chosen) acc[r] = 0;
      const row = k * m;
      for (let i = 0; i < m; i++) {
        const dk = d[row + i]!;
        const w = weight[i]!;
        const a = d1[i]!;
        if (dk < a) gain += w * (a - dk);
        const b = d2[i]!;
        acc[c1[i]!]! += w * (Math.min(b, Math.max(dk, a)) - a);
      }
      for (const r of chosen) {
        if (fixed[r]) continue;
        const delta = acc[r]! - gain;
        if (delta < bestDelta || (delta === bestDelta && bestOut >= 0 && (r < bestOut || (r === bestOut && k < bestIn)))) {
          bestDelta = delta;
          bestOut = r;
          bestIn = k;
        }
      }
    }
    if (bestOut < 0) break;
    chosen[chosen.indexOf(bestOut)] = bestIn;
    on[bestOut] = 0;
    on[bestIn] = 1;
  }
  return chosen.sort((a, b) => a - b);
}

/**
 * L(λ) = Σ λ_i + Σ_{fixed} ρ_j + the p − |fixed| smallest ρ_j of the others,
 * ρ_j = Σ_i min(0, w_i d_ij − λ_i): a lower bound for every λ, raised by subgradient steps.
 */
export function medianBound(model: MedianModel, upper: number, iterations: number, onSites?: (sites: number[]) => void): number {
  const { n, m, p, d, weight, fixed } = model;
  const lambda = new Float64Array(m);
  // the trivial bound: each demand served by its nearest site, whichever that is
  for (let i = 0; i < m; i++) {
    let a = Infinity;
    for (let j = 0; j < n; j++) a = Math.min(a, d[j * m + i]!);
    lambda[i] = weight[i]! * a;
  }
  const rho = new Float64Array(n);
  const x = new Uint8Array(n);
  const order: number[] = [];
  for (let j = 0; j < n; j++) if (!fixed[j]) order.push(j);
  const free = p - (n - order.length);
  const g = new Float64Array(m);
  let best = -Infinity;
  let pi = 2;
  let since = 0;
  for (let it = 0; it < iterations; it++) {
    rho.fill(0);
    for (let j = 0; j < n; j++) {
      let s = 0;
      const row = j * m;
      for (let i = 0; i < m; i++) {
        const v = weight[i]! * d[row + i]! - lambda[i]!;
        if (v < 0) s += v;
      }
      rho[j] = s;
    }
    let value = 0;
    for (let i = 0; i < m; i++) value += lambda[i]!;
    x.fill(0);
    for (let j = 0; j < n; j++) {
      if (fixed[j]) {
        x[j] = 1;
        value += rho[j]!;
      }
    }
    order.sort((a, b) => rho[a]! - rho[b]! || a - b);
    for (let t = 0; t < free; t++) {
      x[order[t]!] = 1;
      value += rho[order[t]!]!;
    }
    if (value > best + 1e-12 * Math.abs(best) || best === -Infinity) {
      best = value;
      since = 0;
      if (onSites && it % 10 === 0) onSites(Array.from(x.keys()).filter((j) => x[j]));
    } else if (++since >= 30) {
      pi /= 2;
      since = 0;
      if (pi < 1e-4) break;
    }
    if (upper - best <= 1e-9 * Math.max(1, upper)) break;
    let norm = 0;
    g.fill(1);
    for (let j = 0; j < n; j++) {
      if (!x[j]) continue;
      const row = j * m;
      for (let i = 0; i < m; i++) if (weight[i]! * d[row + i]! < lambda[i]!) g[i]!--;
    }
    for (let i = 0; i < m; i++) norm += g[i]! * g[i]!;
    if (norm === 0) break;
    const step = (pi * Math.max(upper - value, 1e-9 * Math.max(1, upper))) / norm;
    for (let i = 0; i < m; i++) lambda[i]! += step * g[i]!;
  }
  return best;
}

export function solveMedian(inst: MedianInstance, opts: { iterations?: number } = {}): MedianResult {
  const t0 = performance.now();
  const model = compileMedian(inst);
  let chosen = interchangeMedian(model, greedyMedian(model));
  let cost = medianCost(model, chosen);
  // the relaxed problems' sites, now and then, start another interchange (a Lagrangian heuristic)
  const seen = new Set<string>([chosen.join(',')]);
  const lower = medianBound(model, cost, opts.iterations ?? 300, (sites) => {
    const key = sites.join(',');
    if (seen.has(key)) return;
    seen.add(key);
    const other = interchangeMedian(model, sites);
    const c = medianCost(model, other);
    if (c < cost - 1e-9 * Math.max(1, cost)) {
      chosen = other;
      cost = c;
    }
  });
  const bound = Math.min(cost, Math.max(0, lower));
  return {
    chosen: chosen.map((j) => model.siteIds[j]!),
    cost,
    bound,
    gapPct: cost > 0 ? ((cost - bound) / cost) * 100 : 0,
    seconds: (performance.now() - t0) / 1000,
  };
}
