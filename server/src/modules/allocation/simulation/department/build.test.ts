import { describe, expect, it } from 'vitest';
import { SimulationScenario, type LonLat } from '@railjoint/contracts';
import { etaModel, type AccessPoint } from '../../../dispatch/eta.js';
import { compileScenario } from '../compile.js';
import { simulate } from '../simulate.js';
import { assignPosts, beijingHour, buildDepartmentScenario, DEFAULT_SERVICE_MEAN_S, DEFAULT_TRANSFER, nearestStretch, staffUnits, stretchTravel, type DepartmentData, type Stretch } from './build.js';

// a straight line due east along 25°N: 0.1° of longitude is about 10.1 km
const LAT = 25;
const at = (m: number): LonLat => [110 + m / 100_900, LAT];
const point = (m: number) => ({ coordinates: at(m), measureM: m });
const stretch = (from: number): Stretch => ({ id: `L:${from}`, lineId: 'L', label: `L K${from / 1000}+000`, middle: point(from + 5000), quarter: point(from + 7500) });
const STRETCHES = [stretch(0), stretch(10_000)];
const ACCESS: AccessPoint[] = [2000, 8000, 12_000, 18_000].map((m) => ({ id: `g${m}`, name: `gate ${m}`, kind: 'access_gate', coordinates: at(m), lineId: 'L', measureM: m }));
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);

function data(over: Partial<DepartmentData> = {}): DepartmentData {
  const events: DepartmentData['events'] = [];
  // ten days of history: theft at 09:30 Beijing (01:30 UTC) on stretch 0 every day, fence damage on stretch 1 every other day at 15:00 Beijing
  for (let d = 0; d < 10; d++) {
    events.push({ t: T0 + d * DAY + 1.5 * 3_600_000, category: 'theft', stretch: 0 });
    if (d % 2 === 0) events.push({ t: T0 + d * DAY + 7 * 3_600_000, category: 'fence', stretch: 1 });
  }
  events.push({ t: T0 + 10 * DAY, category: 'theft', stretch: 1 });
  return {
    stretches: STRETCHES,
    events,
    categories: [
      { id: 'theft', name: '盗窃' },
      { id: 'fence', name: '护网破损' },
      { id: 'kite', name: '风筝' },
    ],
    agencies: [
      { id: 'rp', name: '铁路派出所' },
      { id: 'lp', name: '县公安局' },
      { id: 'ms', name: '工务段' },
    ],
    lead: {
      'theft@L:0': { agencyId: 'rp', limitS: 1200, byLead: true },
      'fence@L:10000': { agencyId: 'lp', limitS: 2400, byLead: false },
    },
    units: [
      { id: 'car-rp', agencyId: 'rp', position: at(3000) },
      { id: 'car-lp', agencyId: 'lp', position: [110 + 16_000 / 100_900, LAT + 0.01] },
    ],
    serviceS: { theft: [600, 900, 1200, 1500, 1800], fence: [100] },
    transfers: { incidents: 3, transferred: 1, delaysS: [300] },
    access: ACCESS,
    ...over,
  };
}

const opts = { days: 5, seed: 3, staffing: {}, eta: etaModel(), lang: 'en' as const };

describe('what-if scenario from the department data', () => {
  it('counts arrivals by category, district and Beijing hour over the days the history spans', () => {
    expect(beijingHour(T0 + 1.5 * 3_600_000)).toBe(9);
    expect(beijingHour(T0 + 17 * 3_600_000)).toBe(1);
    const b = buildDepartmentScenario(data(), opts);
    expect(b.historyDays).toBe(10);
    const rates = b.scenario.arrivals.kind === 'rates' ? b.scenario.arrivals.rates : [];
    const theft = rates.find((r) => r.categoryId === 'theft' && r.areaId === 'L:0|rp')!;
    expect((theft.perHour as number[])[9]).toBeCloseTo(1, 10);
    expect((theft.perHour as number[]).reduce((a, x) => a + x, 0)).toBeCloseTo(1, 10);
    expect((rates.find((r) => r.categoryId === 'fence')!.perHour as number[])[15]).toBeCloseTo(0.5, 10);
    // theft on stretch 1 has no one to answer: left out, and said so
    expect(rates.some((r) => r.areaId.startsWith('L:10000') && r.categoryId === 'theft')).toBe(false);
    expect(b.incidentsPerDay).toBeCloseTo(1.5, 10);
    expect(b.assumptions[0]).toMatch(/16 past incidents .* over 10 days.*1 where no agency with patrol cars answers left out/);
    expect(b.assumptions[1]).toMatch(/5 incidents, the supporting or local police answer/);
    // the categories that never happened are not modelled
    expect(b.scenario.categories.map((c) => c.id)).toEqual(['theft', 'fence']);
  });

  it('posts the cars at the nearest stretch, draws measured times where there are enough and defaults otherwise', () => {
    const b = buildDepartmentScenario(data(), opts);
    expect(b.scenario.units).toEqual([
      { id: 'car-rp', agencyId: 'rp', postAreaId: 'L:0|rp' },
      { id: 'car-lp', agencyId: 'lp', postAreaId: 'L:10000|lp' },
    ]);
    const [theft, fence] = b.scenario.categories;
    expect(theft).toMatchObject({ limitS: 1200, service: { kind: 'empirical', valuesS: [600, 900, 1200, 1500, 1800] } });
    expect(fence).toMatchObject({ limitS: 2400, service: { kind: 'exponential', meanS: DEFAULT_SERVICE_MEAN_S } });
    expect(b.scenario.transfer).toEqual({ share: DEFAULT_TRANSFER.share, delay: { kind: 'uniform', minS: DEFAULT_TRANSFER.minS, maxS: DEFAULT_TRANSFER.maxS } });
    expect(b.assumptions.join(' ')).toMatch(/too little data \(3 incidents, 1 answered transfers\)/);
    const measured = buildDepartmentScenario(data({ transfers: { incidents: 40, transferred: 10, delaysS: [60, 120, 180, 240, 300] } }), opts);
    expect(measured.scenario.transfer).toEqual({ share: 0.25, delay: { kind: 'empirical', valuesS: [60, 120, 180, 240, 300] } });
  });

  it('takes travel from the ETA model: nearer within a stretch than across, through the gates', () => {
    const m = stretchTravel(STRETCHES, ACCESS, etaModel());
    expect(m[0]![0]!).toBeLessThan(m[0]![1]!);
    expect(m[1]![1]!).toBeLessThan(m[1]![0]!);
    // to the next middle: ~7 km by road at 40 km/h with detour 1.3 (~820 s) to the gate at 12 km,
    // 60 s through it, then 3 km on foot along the track at 5 km/h (2160 s)
    expect(m[0]![1]!).toBeGreaterThan(2900);
    expect(m[0]![1]!).toBeLessThan(3200);
    expect(nearestStretch(STRETCHES, at(14_000))).toBe(1);
  });

  it('changes staffing per agency and moves cars to the proposed posts nearest first', () => {
    const units = [
      { id: 'a1', agencyId: 'a', position: at(0) },
      { id: 'a2', agencyId: 'a', position: at(1000) },
      { id: 'b1', agencyId: 'b', position: at(15_000) },
    ];
    expect(staffUnits(units, { a: 0.5 }).map((u) => u.id)).toEqual(['a1', 'b1']);
    expect(staffUnits(units, { b: 2.2, a: 0 }).map((u) => u.id)).toEqual(['b1', 'b1#2']);
    expect(staffUnits(units, {}).length).toBe(3);
    const moved = assignPosts(units, [at(14_000), at(500)]);
    expect(moved.get('b1')).toEqual(at(14_000));
    expect(moved.has('a1') !== moved.has('a2')).toBe(true);
    const b = buildDepartmentScenario(data({ proposedPosts: [at(15_000)] }), { ...opts, staffing: { lp: 2 } });
    expect(b.scenario.units!.map((u) => u.id)).toEqual(['car-rp', 'car-lp', 'car-lp#2']);
    expect(b.scenario.alternativePosts).toEqual([{ unitId: 'car-lp', postAreaId: 'L:10000|lp' }]);
    expect(b.postAssumptions[0]).toMatch(/1 patrol cars moved to the 1 posts/);
    expect(b.assumptions.join(' ')).toMatch(/Staffing changed: 县公安局 ×2/);
  });

  it('moves posts by hand before staffing: the car waits at the stretch nearest its new place, copies with it, and it is said', () => {
    const moves = [{ unitId: 'car-rp', to: at(16_000), toName: 'gate 16' }];
    const b = buildDepartmentScenario(data({ units: [{ id: 'car-rp', agencyId: 'rp', position: at(3000), callsign: '巡1' }, ...data().units.slice(1)] }), { ...opts, staffing: { rp: 2 }, moves });
    expect(b.scenario.units!.filter((u) => u.agencyId === 'rp')).toEqual([
      { id: 'car-rp', agencyId: 'rp', postAreaId: 'L:10000|rp' },
      { id: 'car-rp#2', agencyId: 'rp', postAreaId: 'L:10000|rp' },
    ]);
    expect(b.moves).toEqual([{ unitId: 'car-rp', callsign: '巡1', to: 'gate 16', from: 'L K0+000', stretch: 'L K10+000' }]);
    expect(b.assumptions.join(' ')).toContain('Posts moved: 巡1 to gate 16 (waits at L K10+000, was at L K0+000)');
    // a move within the stretch changes nothing in the model, and is said so; a car taken off shift too
    const near = buildDepartmentScenario(data(), { ...opts, staffing: { rp: 0, lp: 1 }, moves: [{ unitId: 'car-rp', to: at(4000), toName: 'gate 4' }] });
    expect(near.assumptions.join(' ')).toMatch(/the stretch it was on: no change in the model.*car-rp not on shift/);
    // the simulation meets the same incidents and answers the theft from further away
    const sim = (m: typeof moves) => simulate(compileScenario(SimulationScenario.parse(buildDepartmentScenario(data(), { ...opts, days: 60, moves: m }).scenario), { policy: 'joint' }));
    const [stay, away] = [sim([]), sim(moves)];
    expect(away.counts.generated).toBe(stay.counts.generated);
    const theft = (r: typeof stay) => r.byCategory.find((c) => c.categoryId === 'theft')!.meanS!;
    expect(theft(away)).toBeGreaterThan(theft(stay));
  });

  it('makes a scenario the simulator takes, where both policies meet the same incidents', () => {
    const sc = SimulationScenario.parse(buildDepartmentScenario(data(), opts).scenario);
    const siloed = simulate(compileScenario(sc, { policy: 'siloed' }));
    const joint = simulate(compileScenario(sc, { policy: 'joint' }));
    expect(joint.counts.generated).toBe(siloed.counts.generated);
    expect(siloed.counts.generated).toBeGreaterThan(0);
    expect(joint.counts.transferred).toBe(0);
  });
});
