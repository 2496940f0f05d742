import type { PatrolGameInstance } from '@railjoint/contracts';

/**
 * The patrol game's payoffs, without I/O. An attack on target t with value v_t succeeds when t is
 * not patrolled: the defender loses v_t, the attacker gains v_t; when it is patrolled the defender
 * loses nothing and the attacker pays `caughtShare · v_t`. Under coverage c the attacker expects
 * v_t − c_t·v_t·(1 + caughtShare) and the defender −v_t·(1 − c_t). The attacker sees the coverage
 * (not the day's schedule) and picks the target that pays it best, ties broken in the defender's
 * favour (the strong Stackelberg equilibrium's convention).
 */
export interface Game {
  targets: string[];
  value: Float64Array;
  k: number;
  teams: string[];
  /** edges team × target a team can reach: teamOf[e], targetOf[e] */
  teamOf: Int32Array;
  targetOf: Int32Array;
}

export function compileGame(inst: PatrolGameInstance): Game {
  const targets = inst.targets.map((t) => t.id);
  const index = new Map(targets.map((id, i) => [id, i]));
  const teamOf: number[] = [];
  const targetOf: number[] = [];
  inst.teams.forEach((team, r) => {
    for (const id of new Set(team.reach)) {
      teamOf.push(r);
      targetOf.push(index.get(id)!);
    }
  });
  return { targets, value: Float64Array.from(inst.targets.map((t) => t.value)), k: 1 + inst.caughtShare, teams: inst.teams.map((t) => t.id), teamOf: Int32Array.from(teamOf), targetOf: Int32Array.from(targetOf) };
}

export const attackerUtility = (g: Game, t: number, c: number) => g.value[t]! * (1 - g.k * c);
export const defenderUtility = (g: Game, t: number, c: number) => -g.value[t]! * (1 - c);

/** The attacker's best response to a coverage and what the defender then expects. */
export function bestResponse(g: Game, coverage: ArrayLike<number>): { target: number; defender: number } {
  const EPS = 1e-9;
  let best = -Infinity;
  for (let t = 0; t < g.targets.length; t++) best = Math.max(best, attackerUtility(g, t, coverage[t]!));
  let target = -1;
  let defender = -Infinity;
  for (let t = 0; t < g.targets.length; t++) {
    if (attackerUtility(g, t, coverage[t]!) < best - EPS * Math.max(1, Math.abs(best))) continue;
    const d = defenderUtility(g, t, coverage[t]!);
    if (d > defender) {
      defender = d;
      target = t;
    }
  }
  return { target, defender };
}

/** Coverage from an edge assignment (the probability each team patrols each target). */
export function coverageOf(g: Game, x: ArrayLike<number>): Float64Array {
  const c = new Float64Array(g.targets.length);
  for (let e = 0; e < g.teamOf.length; e++) c[g.targetOf[e]!]! += x[e]!;
  for (let t = 0; t < c.length; t++) c[t] = Math.min(1, c[t]!);
  return c;
}

/** Patrols fixed by risk: riskiest target first, each to a free team that can reach it; every day the same. */
export function byRank(g: Game): Float64Array {
  const x = new Float64Array(g.teamOf.length);
  const busy = new Uint8Array(g.teams.length);
  const order = [...g.targets.keys()].sort((a, b) => g.value[b]! - g.value[a]!);
  for (const t of order) {
    // the team with the fewest other options goes, so broad teams stay free for later targets
    let pick = -1;
    let options = Infinity;
    for (let e = 0; e < g.teamOf.length; e++) {
      if (g.targetOf[e] !== t || busy[g.teamOf[e]!]) continue;
      const r = g.teamOf[e]!;
      let n = 0;
      for (let f = 0; f < g.teamOf.length; f++) if (g.teamOf[f] === r) n++;
      if (n < options) {
        options = n;
        pick = e;
      }
    }
    if (pick >= 0) {
      x[pick] = 1;
      busy[g.teamOf[pick]!] = 1;
    }
  }
  return x;
}

/** Each team spreads its days evenly over the targets it can reach. */
export function uniform(g: Game): Float64Array {
  const degree = new Int32Array(g.teams.length);
  for (let e = 0; e < g.teamOf.length; e++) degree[g.teamOf[e]!]!++;
  return Float64Array.from(g.teamOf, (r) => 1 / degree[r]!);
}
