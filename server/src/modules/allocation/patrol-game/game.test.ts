import { describe, expect, it } from 'vitest';
import { PatrolGameInstance } from '@railjoint/contracts';
import { createRng } from '../../../demo/prng.js';
import { bestResponse, compileGame, coverageOf } from './model.js';
import { playPatrolGame, solveGame } from './solve.js';
import { sampleAssignment } from './sample.js';

const instance = (raw: unknown) => PatrolGameInstance.parse(raw);

describe('the patrol game', () => {
  it('solves the textbook two-target case: mix, and beat patrols fixed on the riskier target', async () => {
    const r = await playPatrolGame(instance({ targets: [{ id: 'bridge', value: 2 }, { id: 'gate', value: 1 }], teams: [{ id: 'team', reach: ['bridge', 'gate'] }], caughtShare: 1, days: 0 }));
    expect(r.coverage.bridge).toBeCloseTo(0.5, 6);
    expect(r.game).toEqual({ defenderUtility: -0.5, attacked: 'gate' });
    // fixed on the bridge every day: the attacker goes to the gate, unprotected
    expect(r.byRank).toEqual({ defenderUtility: -1, attacked: 'gate' });
  });

  it('is beaten by none of many random assignments of the same teams', async () => {
    const rng = createRng(7);
    const targets = Array.from({ length: 8 }, (_, i) => ({ id: `t${i}`, value: 1 + Math.round(rng.next() * 99) }));
    const teams = Array.from({ length: 3 }, (_, r) => ({ id: `r${r}`, reach: targets.filter(() => rng.next() < 0.6).map((t) => t.id).concat(targets[r]!.id) }));
    const g = compileGame(instance({ targets, teams, caughtShare: 0.5 }));
    const optimum = bestResponse(g, coverageOf(g, await solveGame(g))).defender;
    for (let trial = 0; trial < 20_000; trial++) {
      // a random feasible assignment: each team splits at most one day over what it reaches, targets capped at 1
      const x = new Float64Array(g.teamOf.length);
      for (let r = 0; r < g.teams.length; r++) {
        const es = [...g.teamOf.keys()].filter((e) => g.teamOf[e] === r);
        const w = es.map(() => rng.next() ** 3);
        const sum = w.reduce((a, b) => a + b, 0) / rng.next();
        es.forEach((e, i) => (x[e] = w[i]! / Math.max(sum, w.reduce((a, b) => a + b, 0))));
      }
      const c = coverageOf(g, x);
      expect(bestResponse(g, c).defender).toBeLessThanOrEqual(optimum + 1e-7);
    }
  });

  it('draws daily schedules that are assignments and follow the strategy exactly in expectation', () => {
    // fractional edges forming paths and cycles: three teams, four targets
    const teamOf = Int32Array.from([0, 0, 1, 1, 2, 2, 2]);
    const targetOf = Int32Array.from([0, 1, 1, 2, 2, 3, 0]);
    const x = [0.3, 0.5, 0.4, 0.6, 0.2, 0.5, 0.3];
    const rng = createRng(11);
    const hits = new Float64Array(x.length);
    const N = 20_000;
    for (let n = 0; n < N; n++) {
      const day = sampleAssignment(teamOf, targetOf, 3, x, rng);
      expect(new Set(day.map((e) => teamOf[e])).size).toBe(day.length);
      expect(new Set(day.map((e) => targetOf[e])).size).toBe(day.length);
      for (const e of day) hits[e]!++;
    }
    x.forEach((p, e) => expect(Math.abs(hits[e]! / N - p)).toBeLessThan(0.015));
  });
});
