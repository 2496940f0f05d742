import { describe, expect, it } from 'vitest';
import type { LonLat } from '@railjoint/contracts';
import { distanceM, offsetPoint } from '../network/geo.js';
import { estimateEta, etaLowerBoundS, etaModel, prepareTarget, type AccessPoint, type DispatchTarget, type DispatchUnit } from './eta.js';

// A straight line running east from O: measure = metres east of O.
const O: LonLat = [113, 30];
const onLine = (m: number) => offsetPoint(O, m, 0);
const gate = (id: string, m: number): AccessPoint => ({ id, name: `${id}通道门`, kind: 'access_gate', coordinates: onLine(m), lineId: 'L1', measureM: m });
const station = (id: string, m: number): AccessPoint => ({ id, name: `${id}站`, kind: 'station', coordinates: onLine(m), lineId: 'L1', measureM: m });
const access = [gate('G1', 2000), gate('G2', 8000), station('S1', 10_000), station('S2', 20_000)];
const inside: DispatchTarget = { coordinates: onLine(2500), placeKind: 'line_enclosure', line: { lineId: 'L1', measureM: 2500 } };
const unit = (over: Partial<DispatchUnit>): DispatchUnit => ({ id: 'u', agencyId: 'a', kind: 'patrol_car', status: 'available', position: null, ...over });
const model = etaModel({ lang: 'en' });

describe('estimateEta', () => {
  it('goes direct to an incident outside the railway, with the detour factor', () => {
    const t: DispatchTarget = { coordinates: offsetPoint(O, 0, 1000), placeKind: 'outside', line: null };
    const r = estimateEta(unit({ position: offsetPoint(O, 0, 5000) }), prepareTarget(t, access), model)!;
    expect(r.route).toBe('direct');
    expect(r.distanceM).toBeCloseTo(4000 * 1.3, 0);
    expect(r.etaS).toBeCloseTo((5200 / 40) * 3.6, 0);
    expect(r.assumptions.join(' ')).toContain('detour factor 1.3');
  });

  it('enters the enclosure through the access gate that makes the whole trip fastest', () => {
    // 1 km north of G1: drive 1.3 km, open the gate, walk 500 m along the track.
    const r = estimateEta(unit({ position: offsetPoint(onLine(2000), 0, 1000) }), prepareTarget(inside, access), model)!;
    expect(r.route).toBe('via_access_gate');
    expect(r.distanceM).toBeCloseTo(1300 + 500, 0);
    expect(r.etaS).toBeCloseTo((1300 / 40) * 3.6 + 60 + (500 / 5) * 3.6, 0);
    expect(r.reason).toContain('G1');
  });

  it('comes in via a station when that is nearer', () => {
    const t: DispatchTarget = { coordinates: onLine(10_300), placeKind: 'line_enclosure', line: { lineId: 'L1', measureM: 10_300 } };
    const r = estimateEta(unit({ kind: 'foot_team', position: offsetPoint(onLine(10_000), 0, 200) }), prepareTarget(t, access), etaModel())!;
    expect(r.route).toBe('via_station');
    expect(r.reason).toContain('S1站');
    expect(r.etaS).toBeCloseTo((240 / 5) * 3.6 + 120 + (300 / 5) * 3.6, 0);
  });

  it('walks along the track when the unit is already on the same line', () => {
    const r = estimateEta(unit({ kind: 'foot_team', position: onLine(3500), onRailway: true, line: { lineId: 'L1', measureM: 3500 } }), prepareTarget(inside, access), model)!;
    expect(r.route).toBe('direct');
    expect(r.etaS).toBeCloseTo((1000 / 5) * 3.6, 0);
  });

  it('brings a train team by its train to the nearest station it calls at', () => {
    const t: DispatchTarget = { coordinates: onLine(11_000), placeKind: 'line_enclosure', line: { lineId: 'L1', measureM: 11_000 } };
    const calls = (_train: string, stationId: string) => (stationId === 'S1' ? 900 : stationId === 'S2' ? 300 : null);
    const r = estimateEta(unit({ kind: 'train_police_team', train: 'G1234', position: null }), prepareTarget(t, access), model, calls)!;
    expect(r.route).toBe('by_train');
    // S1: 900 s + 1 km walk (720 s) = 1620 s; S2: 300 s + 9 km walk = 6780 s.
    expect(r.etaS).toBeCloseTo(900 + 720, 0);
    expect(r.via?.id).toBe('S1');
  });

  it('a train team on the incident train is there already; without a train it cannot come', () => {
    const t: DispatchTarget = { coordinates: onLine(5000), placeKind: 'train', line: { lineId: 'L1', measureM: 5000 }, train: 'D88' };
    expect(estimateEta(unit({ kind: 'train_police_team', train: 'D88' }), prepareTarget(t, access), model)!.etaS).toBe(0);
    expect(estimateEta(unit({ kind: 'train_police_team', position: onLine(5000) }), prepareTarget(t, access), model)).toBeNull();
  });

  it('cannot reach the track with no access point on the line; speeds are configurable', () => {
    const p = prepareTarget({ ...inside, line: { lineId: 'L9', measureM: 0 } }, access);
    expect(estimateEta(unit({ position: O }), p, model)).toBeNull();
    const t: DispatchTarget = { coordinates: offsetPoint(O, 0, 1000), placeKind: 'outside', line: null };
    const fast = estimateEta(unit({ position: O }), prepareTarget(t, access), etaModel({ speeds: { patrol_car: { kmh: 80, detour: 1 } } }))!;
    expect(fast.etaS).toBeCloseTo(45, 0);
  });

  it('speaks Chinese by default', () => {
    const r = estimateEta(unit({ position: offsetPoint(onLine(2000), 0, 1000) }), prepareTarget(inside, access), etaModel())!;
    expect(r.reason).toMatch(/通道门/);
  });

  it('the lower bound the spatial search stops on never exceeds a real ETA', () => {
    let seed = 99;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const kinds = ['patrol_car', 'local_police_car', 'foot_team', 'volunteer_team', 'station_post'] as const;
    for (let i = 0; i < 2000; i++) {
      const m = rand() * 25_000;
      const t: DispatchTarget = { coordinates: onLine(m), placeKind: i % 2 ? 'line_enclosure' : 'outside', line: { lineId: 'L1', measureM: m } };
      const p = prepareTarget(t, access);
      const u = unit({ kind: kinds[i % kinds.length]!, position: offsetPoint(O, rand() * 30_000 - 2000, (rand() - 0.5) * 20_000) });
      const r = estimateEta(u, p, model)!;
      expect(etaLowerBoundS(p, model, distanceM(u.position!, t.coordinates))).toBeLessThanOrEqual(r.etaS + 1e-6);
    }
  });
});
