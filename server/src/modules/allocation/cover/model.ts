import type { CoverInstance } from '@railjoint/contracts';

/**
 * A covering instance in the form the solvers work on: sites and demands by index, both directions
 * of the covering relation as compressed rows. Demands covered by exactly the same sites are merged
 * into one (their weights added) and demands no site covers are set aside — neither changes which
 * choice is best, and on instances built from points within a radius the merge removes a good part
 * of the rows.
 */
export interface CoverModel {
  siteIds: string[];
  /** number of sites */
  n: number;
  p: number;
  fixed: Uint8Array;
  fixedCount: number;
  /** number of merged demands */
  m: number;
  weight: Float64Array;
  /** demands of site j: siteDemands[siteStart[j] .. siteStart[j + 1]) */
  siteStart: Int32Array;
  siteDemands: Int32Array;
  /** sites covering demand i: demandSites[demandStart[i] .. demandStart[i + 1]) */
  demandStart: Int32Array;
  demandSites: Int32Array;
  /** weight of the demands no site covers: never covered, whatever the choice */
  uncoverable: number;
  /** per site the index of its budget in `budget`, −1 for a site no budget limits */
  group: Int32Array;
  /** per site what it costs its group's budget */
  cost: Float64Array;
  /** per budgeted group the most its chosen sites may cost together; empty: no budgets */
  budget: Float64Array;
  /**
   * per site the most weight it can answer (Infinity: unlimited), or null when no site's capacity
   * can bind — a capacity at least the weight the site covers is none, so such instances keep the
   * uncapacitated path
   */
  capacity: Float64Array | null;
}

export function compileCover(inst: CoverInstance): CoverModel {
  const n = inst.sites.length;
  const siteIndex = new Map<string, number>();
  inst.sites.forEach((s, j) => siteIndex.set(s.id, j));
  const demandIndex = new Map<string, number>();
  inst.demands.forEach((d, i) => demandIndex.set(d.id, i));
  // sites covering each raw demand, ascending and without repeats
  const coverers: number[][] = inst.demands.map(() => []);
  for (let j = 0; j < n; j++) {
    const list = inst.covers[inst.sites[j]!.id];
    if (!list) continue;
    for (const id of list) {
      const i = demandIndex.get(id);
      if (i === undefined) throw new Error(`covers.${inst.sites[j]!.id}: unknown demand "${id}"`);
      coverers[i]!.push(j);
    }
  }
  const groups = new Map<string, number>();
  const weights: number[] = [];
  const groupSites: number[][] = [];
  let uncoverable = 0;
  inst.demands.forEach((d, i) => {
    const sites = [...new Set(coverers[i]!)].sort((a, b) => a - b);
    if (sites.length === 0) {
      uncoverable += d.weight;
      return;
    }
    if (d.weight === 0) return;
    const key = sites.join(',');
    const g = groups.get(key);
    if (g === undefined) {
      groups.set(key, weights.length);
      weights.push(d.weight);
      groupSites.push(sites);
    } else weights[g]! += d.weight;
  });
  const m = weights.length;
  const demandStart = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) demandStart[i + 1] = demandStart[i]! + groupSites[i]!.length;
  const demandSites = new Int32Array(demandStart[m]!);
  const perSite = new Int32Array(n);
  for (let i = 0; i < m; i++) {
    demandSites.set(groupSites[i]!, demandStart[i]!);
    for (const j of groupSites[i]!) perSite[j]!++;
  }
  const siteStart = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) siteStart[j + 1] = siteStart[j]! + perSite[j]!;
  const siteDemands = new Int32Array(siteStart[n]!);
  const fill = siteStart.slice(0, n);
  for (let i = 0; i < m; i++) for (const j of groupSites[i]!) siteDemands[fill[j]!++] = i;
  const fixed = new Uint8Array(n);
  inst.sites.forEach((s, j) => {
    if (s.fixed) fixed[j] = 1;
  });
  const budgetIndex = new Map<string, number>();
  const budget: number[] = [];
  for (const [g, b] of Object.entries(inst.budgets ?? {})) {
    budgetIndex.set(g, budget.length);
    budget.push(b);
  }
  const group = Int32Array.from(inst.sites, (s) => (s.group === undefined ? -1 : (budgetIndex.get(s.group) ?? -1)));
  const cost = Float64Array.from(inst.sites, (s) => s.cost ?? 1);
  let capacity: Float64Array | null = null;
  inst.sites.forEach((s, j) => {
    if (s.capacity === undefined) return;
    let reach = 0;
    for (let e = siteStart[j]!; e < siteStart[j + 1]!; e++) reach += weights[siteDemands[e]!]!;
    if (s.capacity >= reach) return;
    capacity ??= new Float64Array(n).fill(Infinity);
    capacity[j] = s.capacity;
  });
  return {
    siteIds: inst.sites.map((s) => s.id),
    n,
    p: inst.p,
    fixed,
    fixedCount: fixed.reduce((a, b) => a + b, 0),
    m,
    weight: Float64Array.from(weights),
    siteStart,
    siteDemands,
    demandStart,
    demandSites,
    uncoverable,
    group,
    cost,
    budget: Float64Array.from(budget),
    capacity,
  };
}

/** The weight a choice of sites covers (merged demands only; exact, not bookkept). */
export function coveredWeight(model: CoverModel, chosen: ArrayLike<number>): number {
  const on = new Uint8Array(model.n);
  for (let k = 0; k < chosen.length; k++) on[chosen[k]!] = 1;
  let total = 0;
  for (let i = 0; i < model.m; i++) {
    for (let e = model.demandStart[i]!; e < model.demandStart[i + 1]!; e++) {
      if (on[model.demandSites[e]!]) {
        total += model.weight[i]!;
        break;
      }
    }
  }
  return total;
}
