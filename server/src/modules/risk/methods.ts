import { createRng } from '../../demo/prng.js';
import type { CellSet } from './cells.js';

/** An incident placed on the line: which line, where along its geometry, when. */
export interface RiskEvent {
  lineId: string;
  measure: number;
  /** ms since epoch */
  t: number;
  category: string;
}

const DAY_MS = 86_400_000;

/** Incidents per cell (the retrospective hotspot map): the baseline every method is held against. */
export function retrospective(cells: CellSet, events: readonly RiskEvent[]): Float64Array {
  const out = new Float64Array(cells.cells.length);
  for (const e of events) {
    const i = cells.cellAt(e.lineId, e.measure);
    if (i >= 0) out[i]! += 1;
  }
  return out;
}

export interface KernelOptions {
  /** the kernel's scale along the line, metres */
  bandwidthM: number;
  /** an incident this many days before `at` weighs half; Infinity for no decay */
  halfLifeDays: number;
  /** ms since epoch: incidents after it are ignored, older ones decay */
  at: number;
}

/** Weight of an incident at `at`: 0 after it, halving every half-life before it. */
export function decayWeight(t: number, o: KernelOptions): number {
  if (t > o.at) return 0;
  return Number.isFinite(o.halfLifeDays) ? Math.pow(0.5, (o.at - t) / (o.halfLifeDays * DAY_MS)) : 1;
}

/**
 * The kernel along the network: a Laplace kernel exp(−d/h)/(2h) of the distance d measured along
 * the line. Chosen over a Gaussian or Epanechnikov kernel because it factorises along a line, so
 * every cell's density comes from one sweep each way instead of a sum over all incidents.
 */
export function kernel(d: number, h: number): number {
  return Math.exp(-Math.abs(d) / h) / (2 * h);
}

/**
 * Network kernel density with time decay at every cell's midpoint, by two sweeps per line:
 * O(n log n + m). Distance is along the line's own geometry (chain breaks do not matter: the
 * geometry is continuous); incidents on other lines do not reach across junctions.
 */
export function nkdeFast(cells: CellSet, events: readonly RiskEvent[], o: KernelOptions): Float64Array {
  const out = new Float64Array(cells.cells.length);
  const h = o.bandwidthM;
  const byLine = groupByLine(events, o);
  for (const [lineId, list] of byLine) {
    const r = cells.range(lineId);
    if (!r) continue;
    list.sort((a, b) => a.x - b.x);
    // left to right: incidents at or behind each midpoint
    let acc = 0;
    let x0 = -Infinity;
    let k = 0;
    for (let i = r.from; i < r.to; i++) {
      const x = cells.midpoint(i);
      acc = x0 === -Infinity ? 0 : acc * Math.exp(-(x - x0) / h);
      for (; k < list.length && list[k]!.x <= x; k++) acc += list[k]!.w * Math.exp(-(x - list[k]!.x) / h);
      out[i] = acc;
      x0 = x;
    }
    // right to left: incidents strictly ahead
    acc = 0;
    x0 = Infinity;
    k = list.length - 1;
    for (let i = r.to - 1; i >= r.from; i--) {
      const x = cells.midpoint(i);
      acc = x0 === Infinity ? 0 : acc * Math.exp(-(x0 - x) / h);
      for (; k >= 0 && list[k]!.x > x; k--) acc += list[k]!.w * Math.exp(-(list[k]!.x - x) / h);
      out[i]! += acc;
      x0 = x;
    }
    for (let i = r.from; i < r.to; i++) out[i]! /= 2 * h;
  }
  return out;
}

/** The same densities, every incident against every cell of its line: the reference for tests and the bench. */
export function nkdeNaive(cells: CellSet, events: readonly RiskEvent[], o: KernelOptions): Float64Array {
  const out = new Float64Array(cells.cells.length);
  const byLine = groupByLine(events, o);
  for (const [lineId, list] of byLine) {
    const r = cells.range(lineId);
    if (!r) continue;
    for (let i = r.from; i < r.to; i++) {
      const x = cells.midpoint(i);
      let s = 0;
      for (const e of list) s += e.w * kernel(x - e.x, o.bandwidthM);
      out[i] = s;
    }
  }
  return out;
}

function groupByLine(events: readonly RiskEvent[], o: KernelOptions): Map<string, Array<{ x: number; w: number }>> {
  const byLine = new Map<string, Array<{ x: number; w: number }>>();
  for (const e of events) {
    const w = decayWeight(e.t, o);
    if (w <= 0) continue;
    let list = byLine.get(e.lineId);
    if (!list) byLine.set(e.lineId, (list = []));
    list.push({ x: e.measure, w });
  }
  return byLine;
}

export interface KnoxResult {
  distanceM: number;
  days: number;
  /** pairs close in both space (along the same line) and time */
  observed: number;
  /** the mean of the same count over the permutations */
  expected: number;
  ratio: number;
  /** (1 + permutations with at least as many) / (runs + 1) */
  pValue: number;
  runs: number;
}

/**
 * Knox test for near-repeats (Ratcliffe): are pairs of incidents close in space also close in
 * time more often than if the times were shuffled among the places? The spatially close pairs are
 * found once (sorted by line and measure); each permutation only re-checks their times.
 */
export function knoxTest(events: readonly RiskEvent[], opts: { distanceM: number; days: number; runs: number; seed: number }): KnoxResult {
  const sorted = [...events].sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : a.measure - b.measure));
  const pairsA: number[] = [];
  const pairsB: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j]!.lineId === sorted[i]!.lineId && sorted[j]!.measure - sorted[i]!.measure <= opts.distanceM; j++) {
      pairsA.push(i);
      pairsB.push(j);
    }
  }
  const times = Float64Array.from(sorted.map((e) => e.t));
  const window = opts.days * DAY_MS;
  const count = (t: Float64Array) => {
    let n = 0;
    for (let p = 0; p < pairsA.length; p++) if (Math.abs(t[pairsA[p]!]! - t[pairsB[p]!]!) <= window) n++;
    return n;
  };
  const observed = count(times);
  const rng = createRng(opts.seed);
  const shuffled = Float64Array.from(times);
  let atLeast = 0;
  let sum = 0;
  for (let r = 0; r < opts.runs; r++) {
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      const tmp = shuffled[i]!;
      shuffled[i] = shuffled[j]!;
      shuffled[j] = tmp;
    }
    const c = count(shuffled);
    sum += c;
    if (c >= observed) atLeast++;
  }
  const expected = opts.runs ? sum / opts.runs : 0;
  return { distanceM: opts.distanceM, days: opts.days, observed, expected: round(expected, 2), ratio: expected > 0 ? round(observed / expected, 3) : 0, pValue: round((1 + atLeast) / (opts.runs + 1), 4), runs: opts.runs };
}

export interface PoissonFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
}

/**
 * Poisson regression y ~ Poisson(exposure · exp(b0 + Σ b_k x_k)) by Newton–Raphson (IRLS). A small
 * ridge on the factor coefficients keeps a factor that no cell with an incident has from running
 * to −∞ (and keeps the system solvable when two factors coincide on this network).
 */
export function fitPoisson(x: readonly number[][], y: ArrayLike<number>, exposure: ArrayLike<number>, opts: { ridge?: number; iterations?: number } = {}): PoissonFit {
  const n = y.length;
  const k = (x[0]?.length ?? 0) + 1;
  const ridge = opts.ridge ?? 0.1;
  const beta = new Array<number>(k).fill(0);
  let total = 0;
  let expo = 0;
  for (let i = 0; i < n; i++) {
    total += y[i]!;
    expo += exposure[i]!;
  }
  beta[0] = Math.log(Math.max(total, 0.5) / Math.max(expo, 1e-9));
  let it = 0;
  for (; it < (opts.iterations ?? 50); it++) {
    const grad = new Array<number>(k).fill(0);
    const hess = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (let i = 0; i < n; i++) {
      const row = x[i]!;
      let eta = beta[0]!;
      for (let j = 1; j < k; j++) eta += beta[j]! * row[j - 1]!;
      const mu = exposure[i]! * Math.exp(eta);
      const r = y[i]! - mu;
      for (let a = 0; a < k; a++) {
        const xa = a === 0 ? 1 : row[a - 1]!;
        if (xa === 0) continue;
        grad[a]! += r * xa;
        for (let b = 0; b < k; b++) {
          const xb = b === 0 ? 1 : row[b - 1]!;
          if (xb !== 0) hess[a]![b]! += mu * xa * xb;
        }
      }
    }
    for (let j = 1; j < k; j++) {
      grad[j]! -= ridge * beta[j]!;
      hess[j]![j]! += ridge;
    }
    const step = solve(hess, grad);
    let moved = 0;
    for (let j = 0; j < k; j++) {
      beta[j]! += step[j]!;
      moved = Math.max(moved, Math.abs(step[j]!));
    }
    if (moved < 1e-8) {
      it++;
      break;
    }
  }
  return { intercept: beta[0]!, coefficients: beta.slice(1), iterations: it };
}

/** Gaussian elimination with partial pivoting (the systems here are a handful of factors wide). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const pivot = m[c]![c]!;
    if (Math.abs(pivot) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / pivot;
      if (f === 0) continue;
      for (let j = c; j <= n; j++) m[r]![j]! -= f * m[c]![j]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

export interface CoverageScore {
  coverage: number;
  hitRate: number;
  pai: number;
  pei: number;
}

/**
 * How well a ranking caught the test window's incidents when the top `coverage` share of line
 * length is flagged. Cells are taken best first; where the cut falls inside a run of equal scores,
 * that run counts in proportion (the expected catch of breaking the tie at random), so a method
 * with coarse scores is neither flattered nor punished by the order of the cells.
 * PAI = hit share / length share; PEI* = hits / the most any flagging of the same length catches.
 */
export function scoreCoverage(scores: ArrayLike<number>, lengths: ArrayLike<number>, hits: ArrayLike<number>, coverage: number): CoverageScore {
  const n = scores.length;
  let totalLength = 0;
  let totalHits = 0;
  for (let i = 0; i < n; i++) {
    totalLength += lengths[i]!;
    totalHits += hits[i]!;
  }
  const budget = coverage * totalLength;
  const caught = fill(n, budget, lengths, hits, (a, b) => scores[b]! - scores[a]!, (a, b) => scores[a] === scores[b]);
  const best = fill(n, budget, lengths, hits, (a, b) => hits[b]! / lengths[b]! - hits[a]! / lengths[a]!, () => false);
  const hitRate = totalHits ? caught / totalHits : 0;
  return { coverage, hitRate: round(hitRate, 4), pai: round(coverage > 0 ? hitRate / coverage : 0, 3), pei: round(best > 0 ? caught / best : 0, 4) };
}

function fill(n: number, budget: number, lengths: ArrayLike<number>, hits: ArrayLike<number>, order: (a: number, b: number) => number, tied: (a: number, b: number) => boolean): number {
  const idx = Array.from({ length: n }, (_, i) => i).sort(order);
  let left = budget;
  let caught = 0;
  for (let i = 0; i < idx.length && left > 1e-9; ) {
    let j = i;
    let len = 0;
    let h = 0;
    do {
      len += lengths[idx[j]!]!;
      h += hits[idx[j]!]!;
      j++;
    } while (j < idx.length && tied(idx[i]!, idx[j]!));
    if (len <= left) {
      caught += h;
      left -= len;
    } else {
      caught += (h * left) / len;
      left = 0;
    }
    i = j;
  }
  return caught;
}

/** 1 for the highest score; equal scores share the better rank. */
export function ranks(scores: ArrayLike<number>): Int32Array {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const out = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const i = idx[p]!;
    out[i] = p > 0 && scores[idx[p - 1]!] === scores[i] ? out[idx[p - 1]!]! : p + 1;
  }
  return out;
}

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}
