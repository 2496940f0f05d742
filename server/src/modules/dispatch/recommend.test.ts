import { describe, expect, it } from 'vitest';
import { UNIT_KINDS, type LonLat } from '@railjoint/contracts';
import { distanceM, offsetPoint } from '../network/geo.js';
import { etaModel, type AccessPoint, type DispatchTarget, type DispatchUnit } from './eta.js';
import { UnitIndex, recommendUnits, recommendUnitsLinear } from './recommend.js';

function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const O: LonLat = [113, 30];
const onLine = (m: number) => offsetPoint(O, m, 0);
const LINE_M = 100_000;
const access: AccessPoint[] = [];
for (let m = 0; m <= LINE_M; m += 3000) access.push({ id: `g${m}`, name: `g${m}`, kind: m % 15_000 === 0 ? 'station' : 'access_gate', coordinates: onLine(m), lineId: 'L1', measureM: m });

function randomUnits(n: number, rand: () => number): DispatchUnit[] {
  const statuses = ['available', 'available', 'available', 'busy', 'off_duty'] as const;
  return Array.from({ length: n }, (_, i) => {
    const kind = UNIT_KINDS[Math.floor(rand() * UNIT_KINDS.length)]!;
    const riding = kind === 'train_police_team' && rand() < 0.7;
    return {
      id: `u${String(i).padStart(5, '0')}`,
      agencyId: `a${i % 7}`,
      kind,
      status: statuses[Math.floor(rand() * statuses.length)]!,
      position: offsetPoint(O, rand() * LINE_M, (rand() - 0.5) * 40_000),
      train: riding ? `T${Math.floor(rand() * 20)}` : null,
    };
  });
}

describe('UnitIndex', () => {
  it('moves and removes units in place', () => {
    const idx = new UnitIndex({ cellM: 1000 });
    idx.upsert({ id: 'a', agencyId: 'x', kind: 'patrol_car', status: 'available', position: O });
    idx.upsert({ id: 'b', agencyId: 'x', kind: 'patrol_car', status: 'available', position: offsetPoint(O, 5000, 0) });
    expect(idx.nearest(offsetPoint(O, 4000, 0), { k: 1 })[0]!.unit.id).toBe('b');
    idx.upsert({ id: 'b', agencyId: 'x', kind: 'patrol_car', status: 'available', position: offsetPoint(O, 50_000, 0) });
    expect(idx.nearest(offsetPoint(O, 4000, 0), { k: 1 })[0]!.unit.id).toBe('a');
    expect(idx.nearest(offsetPoint(O, 4000, 0), { k: 5, radiusM: 10_000 }).map((r) => r.unit.id)).toEqual(['a']);
    expect(idx.remove('a')).toBe(true);
    expect(idx.size).toBe(1);
    expect(idx.nearest(O, { k: 1 })[0]!.unit.id).toBe('b');
  });

  it('nearest agrees with sorting every unit by distance', () => {
    const rand = rng(7);
    const units = randomUnits(2000, rand).filter((u) => !u.train);
    const idx = new UnitIndex({ cellM: 1500 });
    for (const u of units) idx.upsert(u);
    const p = offsetPoint(O, 40_000, 3000);
    const got = idx.nearest(p, { k: 20 }).map((r) => r.unit.id);
    const want = [...units].sort((a, b) => distanceM(a.position!, p) - distanceM(b.position!, p)).slice(0, 20).map((u) => u.id);
    expect(new Set(got)).toEqual(new Set(want));
  });
});

describe('recommendUnits', () => {
  it('ranks only available units of the allowed agencies', () => {
    const idx = new UnitIndex();
    const t: DispatchTarget = { coordinates: offsetPoint(O, 0, 1000), placeKind: 'outside', line: null };
    idx.upsert({ id: 'near-busy', agencyId: 'a1', kind: 'patrol_car', status: 'busy', position: offsetPoint(O, 0, 1100) });
    idx.upsert({ id: 'near-other', agencyId: 'zz', kind: 'patrol_car', status: 'available', position: offsetPoint(O, 0, 1100) });
    idx.upsert({ id: 'far', agencyId: 'a1', kind: 'patrol_car', status: 'available', position: offsetPoint(O, 0, 9000) });
    idx.upsert({ id: 'mid', agencyId: 'a2', kind: 'foot_team', status: 'available', position: offsetPoint(O, 0, 1500) });
    const r = recommendUnits(t, idx, { allowedAgencyIds: ['a1', 'a2'], accessPoints: access });
    expect(r.map((x) => x.unitId)).toEqual(['mid', 'far']);
    expect(r[0]).toMatchObject({ agencyId: 'a2', route: 'direct' });
  });

  it('agrees with the linear scan on random data', () => {
    const rand = rng(20260301);
    const units = randomUnits(5000, rand);
    const idx = new UnitIndex({ cellM: 2000 });
    for (const u of units) idx.upsert(u);
    const model = etaModel();
    const trainArrival = (train: string, stationId: string) => ((train.length * 97 + stationId.length * 31 + Number(stationId.slice(1))) % 3600);
    for (let i = 0; i < 200; i++) {
      const m = rand() * LINE_M;
      const off = rand() < 0.5 ? 5 : (rand() - 0.5) * 6000;
      const t: DispatchTarget = {
        coordinates: offsetPoint(onLine(m), 0, off),
        placeKind: off === 5 ? 'line_enclosure' : 'outside',
        line: { lineId: 'L1', measureM: m },
      };
      const opts = { allowedAgencyIds: i % 3 === 0 ? null : ['a1', 'a2', 'a3'], accessPoints: access, speeds: model, trainArrival, limit: 10 };
      const fast = recommendUnits(t, idx, opts);
      const slow = recommendUnitsLinear(t, units, opts);
      expect(fast).toEqual(slow);
      expect(fast.length).toBe(10);
    }
  });
});
