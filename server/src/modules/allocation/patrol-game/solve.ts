import type { PatrolGameInstance, PatrolGameResult } from '@railjoint/contracts';
import { createRng } from '../../../demo/prng.js';
import { loadHighs } from '../cover/exact.js';
import { bestResponse, byRank, compileGame, coverageOf, uniform, type Game } from './model.js';
import { sampleAssignment } from './sample.js';

/**
 * The defender's optimal mixed strategy (a strong Stackelberg equilibrium) by multiple linear
 * programmes (Conitzer & Sandholm 2006): for each target t*, the best coverage under which t* is
 * the attacker's best response — maximise c_t* subject to every other target paying the attacker
 * no more — over fractional assignments of teams to the targets they reach (each team at most one
 * target a day, each target at most one team). The best of these is the equilibrium; any such
 * fractional assignment is a mixture of daily schedules, which `sampleAssignment` draws.
 */
export async function solveGame(g: Game): Promise<Float64Array> {
  const highs = await loadHighs();
  const T = g.targets.length;
  const R = g.teams.length;
  const E = g.teamOf.length;
  const byTarget: number[][] = Array.from({ length: T }, () => []);
  const byTeam: number[][] = Array.from({ length: R }, () => []);
  for (let e = 0; e < E; e++) {
    byTarget[g.targetOf[e]!]!.push(e);
    byTeam[g.teamOf[e]!]!.push(e);
  }
  let best: { defender: number; x: Float64Array } | null = null;
  // the attacker's utility at a target can fall no lower than with full coverage: a target whose
  // unprotected value is below another's fully protected one can never be the best response
  const floor = Math.max(...Array.from(g.value, (v, t) => (byTarget[t]!.length ? v * (1 - g.k) : v)));
  for (let star = 0; star < T; star++) {
    if (g.value[star]! < floor) continue;
    const starts: number[] = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const lower: number[] = [];
    const upper: number[] = [];
    const row = (cols: Array<[number, number]>, lo: number, hi: number) => {
      for (const [j, v] of cols) {
        indices.push(j);
        values.push(v);
      }
      starts.push(indices.length);
      lower.push(lo);
      upper.push(hi);
    };
    for (const es of byTeam) if (es.length) row(es.map((e) => [e, 1]), -highs.infinity, 1);
    for (const es of byTarget) if (es.length) row(es.map((e) => [e, 1]), -highs.infinity, 1);
    for (let t = 0; t < T; t++) {
      if (t === star) continue;
      // k·v_t·c_t − k·v_*·c_* ≥ v_t − v_*
      const cols: Array<[number, number]> = [...byTarget[t]!.map((e): [number, number] => [e, g.k * g.value[t]!]), ...byTarget[star]!.map((e): [number, number] => [e, -g.k * g.value[star]!])];
      row(cols, g.value[t]! - g.value[star]!, highs.infinity);
    }
    const cost = new Float64Array(E);
    for (const e of byTarget[star]!) cost[e] = 1;
    const numRows = lower.length;
    const model = highs.createModel({
      numCols: E,
      numRows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: cost,
      colLower: new Float64Array(E),
      colUpper: new Float64Array(E).fill(1),
      rowLower: Float64Array.from(lower),
      rowUpper: Float64Array.from(upper),
      matrix: { format: 'csr', numRows, numCols: E, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
    });
    try {
      model.options.set({ output_flag: false });
      model.run();
      if (model.getModelStatus() !== highs.constants.modelStatus.optimal) continue;
      const x = Float64Array.from(model.getSolution().colValue, (v) => Math.min(1, Math.max(0, v)));
      const defender = bestResponse(g, coverageOf(g, x)).defender;
      if (!best || defender > best.defender + 1e-9) best = { defender, x };
    } finally {
      model.dispose();
    }
  }
  // some t* is always feasible (the one the attacker picks under any coverage)
  return best!.x;
}

export async function playPatrolGame(inst: PatrolGameInstance): Promise<PatrolGameResult> {
  const t0 = performance.now();
  const g = compileGame(inst);
  const x = await solveGame(g);
  // scored on the coverage as reported (six decimals): the equilibrium leaves many targets tied for
  // the attacker and counts on ties going the defender's way, which no real schedule is exact enough
  // to hold — the rounded figure is the one a department can count on
  const score = (assignment: Float64Array) => {
    const r = bestResponse(g, coverageOf(g, assignment).map(round));
    return { defenderUtility: round(r.defender), attacked: g.targets[r.target]! };
  };
  const coverage = coverageOf(g, x);
  const assignment: Record<string, Record<string, number>> = {};
  for (let e = 0; e < x.length; e++) {
    if (x[e]! < 1e-6) continue;
    (assignment[g.teams[g.teamOf[e]!]!] ??= {})[g.targets[g.targetOf[e]!]!] = round(x[e]!);
  }
  const rng = createRng(inst.seed);
  const schedules = Array.from({ length: inst.days }, () => {
    const day: Record<string, string> = {};
    for (const e of sampleAssignment(g.teamOf, g.targetOf, g.teams.length, x, rng)) day[g.teams[g.teamOf[e]!]!] = g.targets[g.targetOf[e]!]!;
    return day;
  });
  return {
    coverage: Object.fromEntries(g.targets.map((id, t) => [id, round(coverage[t]!)])),
    assignment,
    game: score(x),
    byRank: score(byRank(g)),
    uniform: score(uniform(g)),
    schedules,
    seconds: (performance.now() - t0) / 1000,
  };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
