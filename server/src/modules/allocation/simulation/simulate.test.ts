import { describe, expect, it } from 'vitest';
import { SimulationScenario, type SimulationScenarioInput } from '@railjoint/contracts';
import { compileScenario } from './compile.js';
import { simulate, SimulationCancelled } from './simulate.js';
import { mmc } from './erlang.js';
import { hypercubeApprox, hypercubeExact } from './hypercube.js';
import { SortedArrayEventQueue } from './event-queue.js';

const run = (input: SimulationScenarioInput, policy?: 'siloed' | 'joint' | 'joint_optimised_posts') =>
  simulate(compileScenario(SimulationScenario.parse(input), policy ? { policy } : {}));

/** one district, c identical units, Poisson calls, exponential service, no travel: M/M/c */
function mmcScenario(c: number, offeredLoad: number, meanS: number, days: number, seed: number): SimulationScenarioInput {
  return {
    horizonDays: days,
    warmupDays: 1,
    seed,
    agencies: [{ id: 'police' }],
    areas: [{ id: 'd', agencyId: 'police' }],
    categories: [{ id: 'call', limitS: 600, service: { kind: 'exponential', meanS } }],
    arrivals: { kind: 'rates', rates: [{ categoryId: 'call', areaId: 'd', perHour: (offeredLoad / meanS) * 3600 }] },
    units: Array.from({ length: c }, (_, i) => ({ id: `u${i}`, agencyId: 'police', postAreaId: 'd' })),
    travel: { kind: 'matrix', seconds: [[0]] },
  };
}

/** two districts of two agencies, one unit each, a quarter of the calls first received by the wrong agency */
const twoAgencies: SimulationScenarioInput = {
  horizonDays: 200,
  warmupDays: 1,
  seed: 11,
  agencies: [{ id: 'railway' }, { id: 'local' }],
  areas: [
    { id: 'station', agencyId: 'railway' },
    { id: 'town', agencyId: 'local' },
  ],
  categories: [
    { id: 'theft', limitS: 900, service: { kind: 'lognormal', meanS: 2400, sdS: 1200 } },
    { id: 'trespass', limitS: 600, service: { kind: 'exponential', meanS: 1200 } },
  ],
  arrivals: {
    kind: 'rates',
    rates: [
      { categoryId: 'theft', areaId: 'station', perHour: 0.5 },
      { categoryId: 'trespass', areaId: 'station', perHour: Array.from({ length: 24 }, (_, h) => (h >= 7 && h < 22 ? 0.4 : 0.1)) },
      { categoryId: 'theft', areaId: 'town', perHour: 0.2 },
    ],
  },
  units: [
    { id: 'r1', agencyId: 'railway', postAreaId: 'station' },
    { id: 'l1', agencyId: 'local', postAreaId: 'town' },
  ],
  travel: { kind: 'means', meanS: { station: 300, town: 400 } },
  transfer: { share: 0.25, delay: { kind: 'uniform', minS: 300, maxS: 900 } },
  alternativePosts: [{ unitId: 'l1', postAreaId: 'station' }],
};

describe('simulation against queueing theory', () => {
  it('matches Erlang C (mean wait, probability of waiting) within 2% on one district with c units', () => {
    // 5 units at 70% load, 3.4 million calls: the batch-to-batch spread of these figures is well under 1%
    const c = 5;
    const load = 3.5;
    const meanS = 1800;
    const r = run(mmcScenario(c, load, meanS, 20_000, 1));
    const theory = mmc(c, load / meanS, meanS);
    expect(r.counts.counted).toBeGreaterThan(3_000_000);
    expect(Math.abs(r.overall.waitProbability! / theory.waitProbability - 1)).toBeLessThan(0.02);
    expect(Math.abs(r.overall.meanQueueWaitS! / theory.meanWait - 1)).toBeLessThan(0.02);
    expect(Math.abs(r.agencies[0]!.utilisation! / theory.utilisation - 1)).toBeLessThan(0.01);
    // no travel: the response is the wait
    expect(r.overall.meanS).toBeCloseTo(r.overall.meanQueueWaitS!, 6);
  });

  it("matches the hypercube model on three districts: the exact one within 1%, Larson's approximation within its 2%", () => {
    const hc = { units: 3, rates: [0.75, 0.375, 0.375], preference: [[0, 1, 2], [1, 0, 2], [2, 0, 1]], meanService: 1 };
    const meanS = 1800;
    // travel times only order the units (a thousandth of a second apart): the hypercube has no travel
    const seconds = [0, 1, 2].map((i) => [0, 1, 2].map((j) => 0.001 * (1 + hc.preference[j]!.indexOf(i))));
    const r = run({
      horizonDays: 20_000,
      warmupDays: 1,
      seed: 3,
      agencies: [{ id: 'police' }],
      areas: [0, 1, 2].map((j) => ({ id: `d${j}`, agencyId: 'police' })),
      categories: [{ id: 'call', limitS: 600, service: { kind: 'exponential', meanS } }],
      arrivals: { kind: 'rates', rates: hc.rates.map((rate, j) => ({ categoryId: 'call', areaId: `d${j}`, perHour: (rate * 3600) / meanS })) },
      units: [0, 1, 2].map((i) => ({ id: `u${i}`, agencyId: 'police', postAreaId: `d${i}` })),
      travel: { kind: 'matrix', seconds },
    });
    const exact = hypercubeExact(hc);
    const approx = hypercubeApprox(hc);
    r.units.forEach((u, n) => {
      expect(Math.abs(u.utilisation! / exact.workload[n]! - 1), `unit ${n} against the exact model`).toBeLessThan(0.01);
      expect(Math.abs(u.utilisation! / approx.workload[n]! - 1), `unit ${n} against the approximation`).toBeLessThan(0.02);
    });
    expect(Math.abs(r.overall.waitProbability! / exact.waitProbability - 1)).toBeLessThan(0.02);
  });
});

describe('simulation', () => {
  it('is reproducible from its seed, and the naive event queue gives the very same result', () => {
    const sc = compileScenario(SimulationScenario.parse({ ...twoAgencies, horizonDays: 30 }), { policy: 'siloed' });
    const a = simulate(sc);
    expect(simulate(sc)).toEqual(a);
    expect(simulate(sc, { queue: () => new SortedArrayEventQueue() })).toEqual(a);
    const other = simulate(compileScenario(SimulationScenario.parse({ ...twoAgencies, horizonDays: 30, seed: 12 }), { policy: 'siloed' }));
    expect(other.overall.meanS).not.toBe(a.overall.meanS);
  });

  it('meets the same incidents under every policy, and joint working answers faster than siloed', () => {
    const siloed = run(twoAgencies, 'siloed');
    const joint = run(twoAgencies, 'joint');
    const moved = run(twoAgencies, 'joint_optimised_posts');
    expect(joint.counts.generated).toBe(siloed.counts.generated);
    expect(moved.counts.generated).toBe(siloed.counts.generated);
    // only agencies working apart pass cases to each other
    expect(siloed.counts.transferred).toBeGreaterThan(0.2 * siloed.counts.generated);
    expect(siloed.overall.meanTransferDelayS!).toBeGreaterThan(300);
    expect(siloed.overall.meanTransferDelayS!).toBeLessThan(900);
    expect(joint.counts.transferred).toBe(0);
    expect(joint.overall.p90S!).toBeLessThan(siloed.overall.p90S!);
    expect(joint.overall.withinLimitShare!).toBeGreaterThan(siloed.overall.withinLimitShare!);
    // siloed, the local unit never goes to the station; joint, it backs the railway unit up there
    const local = (r: typeof joint) => r.units.find((u) => u.unitId === 'l1')!;
    expect(local(siloed).utilisation!).toBeLessThan(local(joint).utilisation!);
    // both units at the station: the station is answered faster, the town slower
    expect(moved.units.find((u) => u.unitId === 'l1')!.postAreaId).toBe('station');
    const area = (r: typeof joint, id: string) => r.byArea.find((x) => x.areaId === id)!;
    expect(area(moved, 'station').meanS!).toBeLessThan(area(joint, 'station').meanS!);
    expect(area(moved, 'town').meanS!).toBeGreaterThan(area(joint, 'town').meanS!);
    // groups add up
    expect(joint.byCategory.reduce((s, c) => s + c.incidents, 0)).toBe(joint.overall.incidents);
    expect(joint.byArea.reduce((s, c) => s + c.incidents, 0)).toBe(joint.overall.incidents);
    expect(joint.overall.p50S!).toBeLessThanOrEqual(joint.overall.p90S!);
  });

  it('replays a history exactly: a second call waits for the unit to come back', () => {
    const r = run({
      ...twoAgencies,
      horizonDays: 1,
      warmupDays: 0,
      categories: [{ id: 'theft', limitS: 60, service: { kind: 'fixed', s: 100 } }],
      arrivals: {
        kind: 'history',
        incidents: [
          { atS: 10, categoryId: 'theft', areaId: 'station' },
          { atS: 0, categoryId: 'theft', areaId: 'station' },
          { atS: 999_999, categoryId: 'theft', areaId: 'station' }, // after the horizon: left out
        ],
      },
      units: [{ id: 'r1', agencyId: 'railway', postAreaId: 'station' }],
      travel: { kind: 'matrix', seconds: [[5, 5], [5, 5]] },
      transfer: { share: 0, delay: { kind: 'fixed', s: 0 } },
      alternativePosts: [],
    });
    // first: on scene at 5 s; second: the unit is back at 110 s, on scene at 115 s, 105 s after the call
    expect(r.counts.generated).toBe(2);
    expect(r.overall.meanS).toBe(55);
    expect(r.overall.meanQueueWaitS).toBe(50);
    expect(r.overall.waitProbability).toBe(0.5);
    expect(r.overall.withinLimitShare).toBe(0.5);
    expect(r.units[0]!.busyS).toBe(220);
    expect(r.units[0]!.utilisation).toBeCloseTo(220 / 86_400, 12);
  });

  it('follows the hour of day and the shifts: night calls wait for the day shift', () => {
    const r = run({
      horizonDays: 20,
      seed: 5,
      agencies: [{ id: 'police' }],
      areas: [{ id: 'd', agencyId: 'police' }],
      categories: [{ id: 'call', limitS: 600, service: { kind: 'fixed', s: 60 } }],
      // calls between 02:00 and 03:00 only
      arrivals: { kind: 'rates', rates: [{ categoryId: 'call', areaId: 'd', perHour: Array.from({ length: 24 }, (_, h) => (h === 2 ? 2 : 0)) }] },
      units: [
        { id: 'day', agencyId: 'police', postAreaId: 'd', shifts: [{ fromHour: 8, toHour: 20 }] },
        { id: 'never', agencyId: 'police', postAreaId: 'd', shifts: [{ fromHour: 5, toHour: 5 }] },
      ],
      travel: { kind: 'matrix', seconds: [[0]] },
    });
    expect(r.counts.generated).toBeGreaterThan(15);
    expect(r.overall.waitProbability).toBe(1);
    expect(r.overall.p50S!).toBeGreaterThan(5 * 3600);
    expect(r.overall.p90S!).toBeLessThanOrEqual(6 * 3600 + 60 * 40);
    expect(r.units[0]!.dutyS).toBe(20 * 12 * 3600);
    expect(r.units[1]!.dispatches).toBe(0);
  });

  it('a shift across midnight and several shifts a day', () => {
    const r = run({
      ...mmcScenario(1, 0.2, 600, 10, 2),
      units: [{ id: 'u', agencyId: 'police', postAreaId: 'd', shifts: [{ fromHour: 22, toHour: 6 }, { fromHour: 12, toHour: 14 }] }],
    });
    expect(r.units[0]!.dutyS).toBe(9 * 10 * 3600);
  });

  it('refuses a department whose backlog grows without end rather than fill the memory', () => {
    // one unit, a hundred one-hour calls an hour
    const overloaded = { ...mmcScenario(1, 100, 3600, 450, 1), warmupDays: 0 };
    expect(() => run(overloaded)).toThrow(expect.objectContaining({ field: 'units', message: expect.stringMatching(/cannot keep up/) }));
  });

  it('reports progress and can be cancelled', () => {
    const sc = compileScenario(SimulationScenario.parse(mmcScenario(2, 1, 600, 2000, 1)));
    const seen: number[] = [];
    simulate(sc, { onProgress: (done) => seen.push(done) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toBeGreaterThan(seen[0]!);
    let asked = 0;
    expect(() => simulate(sc, { cancelled: () => ++asked > 2 })).toThrow(SimulationCancelled);
  });
});
