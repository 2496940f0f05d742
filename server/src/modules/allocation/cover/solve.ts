import type { CoverInstance, CoverResult } from '@railjoint/contracts';
import { compileCover, coveredWeight, type CoverModel } from './model.js';
import { CoverState, greedy, interchange, stateOf } from './local-search.js';
import { lagrangianBound } from './lagrangian.js';
import { CapacitatedSearch } from './capacitated.js';
import { flowValue } from './flow.js';

export interface FastCoverOptions {
  /** subgradient iterations at most (the run is the same for the same instance: no clock decides) */
  iterations?: number;
  /** stop once the gap to the bound is below this fraction */
  stopGap?: number;
  /** the subgradient method's step rule (see `lagrangian.ts`) */
  patience?: number;
  deflection?: number;
  smallestStep?: number;
  /** relaxed problems' sites seed an interchange every this many iterations (and at each better bound) */
  sitesEvery?: number;
  /** with capacities: interchanges started from relaxed problems' sites at most (each costs flow updates) */
  capacitatedRestarts?: number;
  /** with capacities: the restarts together do at most this many times the flow searching the first search did */
  capacitatedRestartWork?: number;
}

export interface FastCoverSolution {
  /** site indices, ascending */
  chosen: number[];
  covered: number;
  bound: number;
  gapPct: number;
  iterations: number;
  /** local searches started from the relaxed problems' sites */
  restarts: number;
}

/**
 * The fast covering solver: a greedy start improved by interchange, then Lagrangian relaxation
 * for the bound, whose relaxed solutions (sites that look best under the current prices) seed
 * further interchanges — a Lagrangian heuristic. Deterministic: iteration counts, never time, end it.
 */
export function solveCoverModel(model: CoverModel, opts: FastCoverOptions = {}): FastCoverSolution {
  if (model.capacity) return solveCapacitated(model, opts);
  const total = model.weight.reduce((a, b) => a + b, 0);
  let best: CoverState = greedy(model);
  interchange(best);
  const seen = new Set<string>([best.chosenList().join(',')]);
  let restarts = 0;
  const { bound, iterations } = lagrangianBound(model, {
    lower: () => best.covered,
    // measured on the bench's uniform instance (docs/allocation.md): 2,000 iterations with a step
    // halved after 100 without a better bound, a direction deflected by 0.7 of the previous one,
    // and interchanges from every 30th relaxed problem, bring the bound from 0.18% to 0.04% above
    // the LP relaxation's value in about 1.4× the time; the old rule (1,000 / 40 / 0.5 / 10) stalls
    // early, its step halved to nothing
    iterations: opts.iterations ?? 2000,
    stopGap: opts.stopGap ?? 1e-6,
    patience: opts.patience ?? 100,
    deflection: opts.deflection ?? 0.7,
    smallestStep: opts.smallestStep ?? 1e-6,
    sitesEvery: opts.sitesEvery ?? 30,
    onSites: (sites) => {
      const key = Array.from(sites).sort((a, b) => a - b).join(',');
      if (seen.has(key)) return;
      seen.add(key);
      // every new set, however poor it covers as it stands: measured, the best answers come from
      // interchanges started at sets 3–5% below the incumbent
      const s = stateOf(model, sites);
      interchange(s);
      restarts++;
      if (s.covered > best.covered + 1e-9 * Math.max(1, best.covered)) best = s;
    },
  });
  const chosen = best.chosenList();
  // the bookkept sum may have drifted in the last bits: report the recount
  const covered = coveredWeight(model, chosen);
  const upper = Math.max(covered, Math.min(bound, total));
  return { chosen, covered, bound: upper, gapPct: upper > 0 ? ((upper - covered) / upper) * 100 : 0, iterations, restarts };
}

/**
 * The same scheme when posts have capacities: what a choice covers is the maximum flow from the
 * demands to the chosen sites (kept in place by `FlowState`), and the bound is the Lagrangian one
 * with each site's value a fractional knapsack of its demands under its capacity (`lagrangian.ts`).
 * An interchange costs flow updates rather than sums, so fewer are started from relaxed problems
 * (the first `capacitatedRestarts` new site sets, while they have searched no more than
 * `capacitatedRestartWork` times the nodes the first search did) and each makes at most p moves.
 */
function solveCapacitated(model: CoverModel, opts: FastCoverOptions): FastCoverSolution {
  const total = model.weight.reduce((a, b) => a + b, 0);
  const search = new CapacitatedSearch(model);
  let best = search.start();
  search.interchange(best);
  const seen = new Set<string>([best.chosenList().join(',')]);
  let restarts = 0;
  const most = opts.capacitatedRestarts ?? 10;
  // small instances are cheap whatever: a floor keeps their restarts
  const work = Math.max(search.meter.work * (1 + (opts.capacitatedRestartWork ?? 2)), 2_000_000);
  const { bound, iterations } = lagrangianBound(model, {
    lower: () => best.value,
    iterations: opts.iterations ?? 1000,
    stopGap: opts.stopGap ?? 1e-6,
    patience: opts.patience,
    deflection: opts.deflection,
    smallestStep: opts.smallestStep,
    sitesEvery: opts.sitesEvery ?? 10,
    onSites: (sites) => {
      if (restarts >= most || search.meter.work >= work) return;
      const key = Array.from(sites).sort((a, b) => a - b).join(',');
      if (seen.has(key)) return;
      seen.add(key);
      const s = search.start(sites);
      // a few moves each: a start far from the incumbent would otherwise take a long walk of
      // flow updates to end where the first interchange did
      search.interchange(s, model.p);
      restarts++;
      if (s.value > best.value + 1e-9 * Math.max(1, best.value)) best = s;
    },
  });
  const chosen = best.chosenList();
  // a fresh maximum flow, not the one changed in place move after move
  const covered = flowValue(model, chosen);
  const upper = Math.max(covered, Math.min(bound, total));
  return { chosen, covered, bound: upper, gapPct: upper > 0 ? ((upper - covered) / upper) * 100 : 0, iterations, restarts };
}

/** The answer of `railjoint plan cover` and of the API, in the instance's own ids. */
export function solveCover(inst: CoverInstance, opts: FastCoverOptions = {}): CoverResult {
  const t0 = performance.now();
  const model = compileCover(inst);
  const s = solveCoverModel(model, opts);
  return {
    chosen: s.chosen.map((j) => model.siteIds[j]!),
    covered: s.covered,
    bound: s.bound,
    gapPct: s.gapPct,
    seconds: (performance.now() - t0) / 1000,
  };
}
