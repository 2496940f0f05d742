import type { CoverInstance, MedianInstance } from '@railjoint/contracts';
import type { Highs } from 'highs';

/**
 * The exact covering model, as PySAL's spopt states it, for HiGHS (WebAssembly, from npm):
 *
 *   max Σ_i w_i y_i   s.t.  y_i − Σ_{j covers i} x_j ≤ 0,   Σ_j x_j = p,   x_j ∈ {0,1} (1 if fixed),   0 ≤ y_i ≤ 1
 *
 * With budgets, a row per budgeted group Σ_{j in g} cost_j x_j ≤ B_g, and Σ_j x_j ≤ p (the budgets
 * may allow fewer than p). With capacities (any site having one), the assignment form instead of y:
 * continuous z_ij for each site j covering demand i, the weight of i that j answers,
 *
 *   max Σ z_ij   s.t.  Σ_j z_ij ≤ w_i,   Σ_i z_ij − cap_j x_j ≤ 0 (sites with a capacity),
 *                      z_ij − w_i x_j ≤ 0,   0 ≤ z_ij ≤ w_i
 *
 * (the last rows are all a site without capacity needs, and tighten the relaxation for the others).
 * Built from the plain instance, without the fast solver's merging, so the tests check the fast
 * solver against an independent statement of the problem. Meant for small instances: its time
 * grows quickly with size (a time limit turns it into one more heuristic with a bound).
 */
export interface CoverColumns {
  /** columns: x_0 … x_{n−1}, then y_0 … y_{m−1} (or the z_ij); rows as built */
  numCols: number;
  numRows: number;
  cost: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** row-wise matrix */
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  integer: Uint8Array;
  names: string[];
}

/** Constraint rows gathered one at a time into the row-wise (CSR) form the solvers take. */
class RowBuilder {
  private readonly starts: number[] = [0];
  private readonly indices: number[] = [];
  private readonly values: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];

  /** lo ≤ Σ v·x_col ≤ hi over the entries [col, v] */
  readonly add = (entries: Array<[number, number]>, lo: number, hi: number): void => {
    for (const [col, v] of entries) {
      this.indices.push(col);
      this.values.push(v);
    }
    this.starts.push(this.indices.length);
    this.lower.push(lo);
    this.upper.push(hi);
  };

  csr() {
    return {
      numRows: this.lower.length,
      rowLower: Float64Array.from(this.lower),
      rowUpper: Float64Array.from(this.upper),
      starts: Int32Array.from(this.starts),
      indices: Int32Array.from(this.indices),
      values: Float64Array.from(this.values),
    };
  }
}

export function coverColumns(inst: CoverInstance): CoverColumns {
  const n = inst.sites.length;
  const demandIndex = new Map(inst.demands.map((d, i) => [d.id, i]));
  const coverers: number[][] = inst.demands.map(() => []);
  inst.sites.forEach((s, j) => {
    for (const id of new Set(inst.covers[s.id] ?? [])) coverers[demandIndex.get(id)!]!.push(j);
  });
  const capacitated = inst.sites.some((s) => s.capacity !== undefined);
  const cost: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const integer: number[] = [];
  const names: string[] = [];
  const column = (name: string, c: number, lo: number, hi: number, int: boolean) => {
    names.push(name);
    cost.push(c);
    lower.push(lo);
    upper.push(hi);
    integer.push(int ? 1 : 0);
    return names.length - 1;
  };
  inst.sites.forEach((s, j) => column(`x${j}`, 0, s.fixed ? 1 : 0, 1, true));
  const rows = new RowBuilder();
  const row = rows.add;
  if (!capacitated) {
    inst.demands.forEach((d, i) => {
      const y = column(`y${i}`, d.weight, 0, 1, false);
      row([...coverers[i]!.map((j): [number, number] => [j, -1]), [y, 1]], -Infinity, 0);
    });
  } else {
    const bySite: Array<Array<[number, number]>> = inst.sites.map(() => []);
    inst.demands.forEach((d, i) => {
      const own: Array<[number, number]> = [];
      for (const j of coverers[i]!) {
        const z = column(`z${i}_${j}`, 1, 0, d.weight, false);
        own.push([z, 1]);
        bySite[j]!.push([z, 1]);
        row([[z, 1], [j, -d.weight]], -Infinity, 0);
      }
      if (own.length) row(own, -Infinity, d.weight);
    });
    inst.sites.forEach((s, j) => {
      if (s.capacity !== undefined && bySite[j]!.length) row([...bySite[j]!, [j, -s.capacity]], -Infinity, 0);
    });
  }
  const budgets = Object.entries(inst.budgets ?? {});
  for (const [group, budget] of budgets) {
    row(inst.sites.flatMap((s, j): Array<[number, number]> => (s.group === group ? [[j, s.cost ?? 1]] : [])), -Infinity, budget);
  }
  row(inst.sites.map((_, j) => [j, 1]), budgets.length ? -Infinity : inst.p, inst.p);
  return {
    numCols: names.length,
    cost: Float64Array.from(cost),
    lower: Float64Array.from(lower),
    upper: Float64Array.from(upper),
    ...rows.csr(),
    integer: Uint8Array.from(integer),
    names,
  };
}

export interface ExactCoverResult {
  chosen: string[];
  covered: number;
  /** HiGHS's proven bound (the optimum when `optimal`) */
  bound: number;
  optimal: boolean;
  status: string;
  seconds: number;
}

let loaded: Promise<Highs> | null = null;

/** HiGHS, loaded once per process (compiling the WebAssembly takes a moment). */
export function loadHighs(): Promise<Highs> {
  // the package's types are written for CommonJS while Node loads its ES module: take the loader
  // wherever the module system put it
  type Loader = () => Promise<Highs>;
  loaded ??= import('highs').then((mod) => {
    const outer = mod.default as unknown as Loader | { default: Loader };
    return (typeof outer === 'function' ? outer : outer.default)();
  });
  return loaded;
}

export async function solveCoverExact(inst: CoverInstance, opts: { timeLimitS?: number; relGap?: number } = {}): Promise<ExactCoverResult> {
  const highs = await loadHighs();
  const t0 = performance.now();
  const c = coverColumns(inst);
  const inf = highs.infinity;
  const model = highs.createModel({
    numCols: c.numCols,
    numRows: c.numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: c.cost,
    colLower: c.lower,
    colUpper: c.upper,
    rowLower: c.rowLower.map((v) => (v === -Infinity ? -inf : v)),
    rowUpper: c.rowUpper,
    matrix: { format: 'csr', numRows: c.numRows, numCols: c.numCols, starts: c.starts, indices: c.indices, values: c.values },
    integrality: Int32Array.from(c.integer),
  });
  try {
    model.options.set({ output_flag: false, mip_rel_gap: opts.relGap ?? 0, time_limit: opts.timeLimitS ?? 60 });
    model.run();
    const status = model.getModelStatus();
    const x = model.getSolution().colValue;
    const chosen = inst.sites.filter((_, j) => x[j]! > 0.5).map((s) => s.id);
    const covered = model.getObjectiveValue();
    const dual = Number(model.info.get('mip_dual_bound'));
    const optimal = status === highs.constants.modelStatus.optimal;
    const name = Object.entries(highs.constants.modelStatus).find(([, v]) => v === status)?.[0] ?? String(status);
    return { chosen, covered, bound: Number.isFinite(dual) ? dual : covered, optimal, status: name, seconds: (performance.now() - t0) / 1000 };
  } finally {
    model.dispose();
  }
}

/**
 * The p-median model for HiGHS: min Σ w_i d_ij z_ij s.t. Σ_j z_ij = 1, z_ij ≤ x_j, Σ x_j = p,
 * binary x (1 if fixed), 0 ≤ z ≤ 1. n × m assignment columns: small instances only.
 */
export async function solveMedianExact(inst: MedianInstance, opts: { timeLimitS?: number } = {}): Promise<{ chosen: string[]; cost: number; bound: number; optimal: boolean; seconds: number }> {
  const highs = await loadHighs();
  const t0 = performance.now();
  const n = inst.sites.length;
  const m = inst.demands.length;
  const numCols = n + n * m;
  const z = (j: number, i: number) => n + j * m + i;
  const cost = new Float64Array(numCols);
  const lower = new Float64Array(numCols);
  const upper = new Float64Array(numCols).fill(1);
  const integrality = new Int32Array(numCols);
  inst.sites.forEach((s, j) => {
    integrality[j] = 1;
    if (s.fixed) lower[j] = 1;
    for (let i = 0; i < m; i++) cost[z(j, i)] = inst.demands[i]!.weight * inst.distances[j]![i]!;
  });
  const rows = new RowBuilder();
  const row = rows.add;
  for (let i = 0; i < m; i++) row(inst.sites.map((_, j) => [z(j, i), 1]), 1, 1);
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) row([[z(j, i), 1], [j, -1]], -highs.infinity, 0);
  row(inst.sites.map((_, j) => [j, 1]), inst.p, inst.p);
  const csr = rows.csr();
  const model = highs.createModel({
    numCols,
    numRows: csr.numRows,
    sense: highs.constants.objectiveSense.minimize,
    colCost: cost,
    colLower: lower,
    colUpper: upper,
    rowLower: csr.rowLower,
    rowUpper: csr.rowUpper,
    matrix: { format: 'csr', numRows: csr.numRows, numCols, starts: csr.starts, indices: csr.indices, values: csr.values },
    integrality,
  });
  try {
    model.options.set({ output_flag: false, mip_rel_gap: 0, time_limit: opts.timeLimitS ?? 60 });
    model.run();
    const x = model.getSolution().colValue;
    const value = model.getObjectiveValue();
    const dual = Number(model.info.get('mip_dual_bound'));
    return {
      chosen: inst.sites.filter((_, j) => x[j]! > 0.5).map((s) => s.id),
      cost: value,
      bound: Number.isFinite(dual) ? dual : value,
      optimal: model.getModelStatus() === highs.constants.modelStatus.optimal,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    model.dispose();
  }
}
