import type { RiskMethod } from '@railjoint/contracts';
import type { CellSet } from './cells.js';
import { knoxTest, nkdeFast, ranks, retrospective, scoreCoverage, type CoverageScore, type KnoxResult, type RiskEvent } from './methods.js';
import { exposureOf, fitTerrain, type FactorSpec } from './terrain.js';

/**
 * The methods' settings. NKDE: a 300 m kernel (three cells) with a one-year half-life, so the map
 * follows hotspots that move without forgetting steady ones. Near-repeat: the Knox window itself
 * (200 m, 14 days) used prospectively, as Bowers' promap does: risk is raised where incidents were
 * both near and recent. Stated in docs/risk.md; the backtest is how they are judged.
 */
export const SETTINGS = {
  nkde: { bandwidthM: 300, halfLifeDays: 365 },
  nearRepeat: { bandwidthM: 200, halfLifeDays: 14 },
  knox: { distanceM: 200, days: 14, runs: 99, seed: 12 },
} as const;

export const COVERAGES = [0.01, 0.05, 0.1] as const;

export interface MethodScores {
  scores: Float64Array;
  /** per cell, what the score is made of */
  factors: (i: number) => Record<string, number>;
  weights?: Array<{ factor: string; coefficient: number; relativeRisk: number }>;
}

/** One method's scores for every cell, from the incidents before `at` (the caller filters by category). */
export function scoreMethod(method: RiskMethod, cells: CellSet, factors: readonly FactorSpec[], events: readonly RiskEvent[], at: number): MethodScores {
  const past = events.filter((e) => e.t <= at);
  const counts = retrospective(cells, past);
  if (method === 'retrospective') return { scores: counts, factors: (i) => ({ incidents: counts[i]! }) };
  if (method === 'nkde' || method === 'near_repeat') {
    const s = method === 'nkde' ? SETTINGS.nkde : SETTINGS.nearRepeat;
    // per kilometre of line, so the numbers read the same whatever the cell length
    const d = nkdeFast(cells, past, { ...s, at });
    for (let i = 0; i < d.length; i++) d[i]! *= 1000;
    return { scores: d, factors: (i) => ({ incidents: counts[i]!, density: round(d[i]!, 4) }) };
  }
  const model = fitTerrain(cells, factors, counts);
  return { scores: model.scores, factors: (i) => ({ ...exposureOf(model.exposures, factors, i), incidents: counts[i]! }), weights: model.weights };
}

export { ranks };

export interface BacktestOutcome {
  trainEvents: number;
  testEvents: number;
  methods: Array<{ method: RiskMethod; baseline: boolean; scores: CoverageScore[] }>;
  knox: KnoxResult;
  weights: Array<{ factor: string; coefficient: number; relativeRisk: number }>;
}

/**
 * Trains every method on the incidents up to `trainUntil` and scores it on those after it up to
 * `testUntil`, which no method saw: hit rate, PAI and PEI* at 1, 5 and 10% of line length, beside
 * the retrospective map (the baseline). `factorsAt` gives the terrain as it stood at a moment
 * (open hazards change), so the model is not told about hazards found in the test window.
 */
export function backtest(cells: CellSet, factorsAt: (at: number) => readonly FactorSpec[], events: readonly RiskEvent[], trainUntil: number, testUntil: number): BacktestOutcome {
  const train = events.filter((e) => e.t <= trainUntil);
  const test = events.filter((e) => e.t > trainUntil && e.t <= testUntil);
  const hits = retrospective(cells, test);
  const lengths = Float64Array.from(cells.cells.map((c) => c.toMeasure - c.fromMeasure));
  const factors = factorsAt(trainUntil);
  let weights: BacktestOutcome['weights'] = [];
  const methods = (['retrospective', 'nkde', 'near_repeat', 'rtm'] as const).map((method) => {
    const m = scoreMethod(method, cells, factors, train, trainUntil);
    if (m.weights) weights = m.weights;
    return { method, baseline: method === 'retrospective', scores: COVERAGES.map((c) => scoreCoverage(m.scores, lengths, hits, c)) };
  });
  return { trainEvents: train.length, testEvents: test.length, methods, knox: knoxTest(train, SETTINGS.knox), weights };
}

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}
