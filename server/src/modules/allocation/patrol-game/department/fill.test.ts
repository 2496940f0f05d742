import { describe, expect, it } from 'vitest';
import { PatrolGameInstance } from '@railjoint/contracts';
import { bestResponse, compileGame, coverageOf } from '../model.js';
import { playPatrolGame } from '../solve.js';
import { fillIdle, schedulesOf, strategyOf } from './fill.js';

// two teams, four stretches: north reaches a, b, c; south c, d (edges in that order)
const inst = PatrolGameInstance.parse({
  targets: [{ id: 'a', value: 0.4 }, { id: 'b', value: 0.3 }, { id: 'c', value: 0.2 }, { id: 'd', value: 0.1 }],
  teams: [{ id: 'north', reach: ['a', 'b', 'c'] }, { id: 'south', reach: ['c', 'd'] }],
  caughtShare: 1,
  days: 0,
});

describe('keeping teams busy within the equilibrium', () => {
  it('fills a team’s idle share onto what it reaches, riskiest first, no worse for the defender, never two stretches a team a day', () => {
    const g = compileGame(inst);
    // a strategy as a linear programme's vertex may leave it: north out 40 % of its days, south 60 %
    const raw = Float64Array.from([0.3, 0.3, 0, 0.2, 0.2]);
    const busy = fillIdle(g, raw);
    expect(Array.from(busy, (v) => Math.round(v * 1e9) / 1e9)).toEqual([0.7, 0.3, 0, 0.8, 0.2]);
    const load = (x: Float64Array, team: number) => x.reduce((s, v, e) => s + (g.teamOf[e] === team ? v : 0), 0);
    expect(load(busy, 0)).toBeCloseTo(1, 6);
    expect(load(busy, 1)).toBeCloseTo(1, 6);
    for (let t = 0; t < 4; t++) expect(busy.reduce((s, v, e) => s + (g.targetOf[e] === t ? v : 0), 0)).toBeLessThanOrEqual(1 + 1e-9);
    expect(bestResponse(g, coverageOf(g, busy)).defender).toBeGreaterThanOrEqual(bestResponse(g, coverageOf(g, raw)).defender - 1e-9);
    const days = schedulesOf(g, busy, 200, 5);
    // busy every day: each team has a stretch on each of the 200 days, the two never on the same one
    expect(days.every((d) => Object.keys(d).length === 2 && d.north !== d.south)).toBe(true);
  });

  it('leaves the equilibrium alone where it keeps the teams busy already', async () => {
    const g = compileGame(inst);
    const eq = strategyOf(g, (await playPatrolGame(inst)).assignment);
    expect(Array.from(fillIdle(g, eq))).toEqual(Array.from(eq));
  });
});
