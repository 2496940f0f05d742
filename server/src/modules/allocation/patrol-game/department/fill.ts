import type { PatrolGameResult } from '@railjoint/contracts';
import { createRng } from '../../../../demo/prng.js';
import { bestResponse, coverageOf, type Game } from '../model.js';
import { sampleAssignment } from '../sample.js';

/**
 * The equilibrium's linear programme maximises only the attacked target's coverage, so the vertex
 * it returns may leave a team idle on a fifth of its days. For real duties that is waste: of the
 * strategies as good for the defender, take one where every team patrols whenever a stretch it
 * reaches has room. Extra coverage elsewhere only lowers what other targets pay the attacker, so
 * the attacked one stays a best response at the same coverage; the defender's utility is checked
 * anyway, and the strategy kept as it was should a tie break differently.
 */
export function fillIdle(g: Game, x: ArrayLike<number>): Float64Array {
  const E = g.teamOf.length;
  const y = Float64Array.from(x as ArrayLike<number>, (v) => Math.max(0, v));
  const teamLoad = new Float64Array(g.teams.length);
  const targetLoad = new Float64Array(g.targets.length);
  const loads = () => {
    teamLoad.fill(0);
    targetLoad.fill(0);
    for (let e = 0; e < E; e++) {
      teamLoad[g.teamOf[e]!]! += y[e]!;
      targetLoad[g.targetOf[e]!]! += y[e]!;
    }
  };
  // a strategy read back from rounded probabilities may exceed a team's or target's one a day by a hair
  loads();
  for (let e = 0; e < E; e++) y[e] = y[e]! / Math.max(1, teamLoad[g.teamOf[e]!]!);
  loads();
  for (let e = 0; e < E; e++) y[e] = y[e]! / Math.max(1, targetLoad[g.targetOf[e]!]!);
  loads();
  const order = [...Array(E).keys()].sort((a, b) => g.value[g.targetOf[b]!]! - g.value[g.targetOf[a]!]!);
  for (const e of order) {
    const r = g.teamOf[e]!;
    const t = g.targetOf[e]!;
    const add = Math.min(1 - teamLoad[r]!, 1 - targetLoad[t]!);
    if (add <= 1e-9) continue;
    y[e]! += add;
    teamLoad[r]! += add;
    targetLoad[t]! += add;
  }
  const before = bestResponse(g, coverageOf(g, x)).defender;
  return bestResponse(g, coverageOf(g, y)).defender >= before - 1e-9 ? y : Float64Array.from(x as ArrayLike<number>);
}

/** The game's strategy from a result (team → target → probability) as edge weights of the compiled game. */
export function strategyOf(g: Game, assignment: PatrolGameResult['assignment']): Float64Array {
  return Float64Array.from(g.teamOf, (r, e) => assignment[g.teams[r]!]?.[g.targets[g.targetOf[e]!]!] ?? 0);
}

/** Daily schedules (team → target) drawn from a strategy, as the game's own sampler draws them. */
export function schedulesOf(g: Game, x: Float64Array, days: number, seed: number): Array<Record<string, string>> {
  const rng = createRng(seed);
  return Array.from({ length: days }, () => {
    const day: Record<string, string> = {};
    for (const e of sampleAssignment(g.teamOf, g.targetOf, g.teams.length, x, rng)) day[g.teams[g.teamOf[e]!]!] = g.targets[g.targetOf[e]!]!;
    return day;
  });
}
