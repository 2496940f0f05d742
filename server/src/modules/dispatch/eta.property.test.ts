import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LonLat, PlaceKind, UnitKind } from '@railjoint/contracts';
import { distanceM, offsetPoint } from '../network/geo.js';
import { etaFigures, etaLowerBoundS, etaModel, prepareTarget, type AccessPoint, type DispatchTarget, type DispatchUnit } from './eta.js';

// A straight line running east from O: a measure is metres east of O.
const O: LonLat = [109.4, 24.3];
const onLine = (m: number) => offsetPoint(O, m, 0);
const LINE_M = 40_000;

const KINDS: UnitKind[] = ['patrol_car', 'local_police_car', 'foot_team', 'volunteer_team', 'station_post'];
const measure = fc.integer({ min: 0, max: LINE_M });
const accessPoints = fc.array(fc.record({ m: measure, station: fc.boolean() }), { minLength: 1, maxLength: 8 }).map((xs) =>
  xs.map(({ m, station }, i): AccessPoint => ({ id: `a${i}`, name: `入口${i}`, kind: station ? 'station' : 'access_gate', coordinates: onLine(m), lineId: 'L1', measureM: m })),
);
const target = fc.record({ m: measure, offsetM: fc.integer({ min: -3000, max: 3000 }), place: fc.constantFrom<PlaceKind>('line_enclosure', 'protection_zone', 'outside', 'station') }).map(
  ({ m, offsetM, place }): DispatchTarget => ({ coordinates: place === 'line_enclosure' ? onLine(m) : offsetPoint(onLine(m), 0, offsetM), placeKind: place, line: { lineId: 'L1', measureM: m } }),
);
const unitAt = (kind: UnitKind, position: LonLat, extra: Partial<DispatchUnit> = {}): DispatchUnit => ({ id: 'u', agencyId: 'a', kind, status: 'available', position, ...extra });
const position = fc.record({ east: fc.integer({ min: -10_000, max: LINE_M + 10_000 }), north: fc.integer({ min: -15_000, max: 15_000 }) }).map(({ east, north }) => offsetPoint(O, east, north));
const speeds = fc.record({ kmh: fc.double({ min: 0.5, max: 120, noNaN: true }), detour: fc.double({ min: 1, max: 3, noNaN: true }) });

describe('ETA model, by property', () => {
  it('is never negative, and never less than the lower bound the spatial search stops on', () => {
    fc.assert(
      fc.property(target, accessPoints, position, fc.constantFrom(...KINDS), (t, access, p, kind) => {
        const model = etaModel();
        const prepared = prepareTarget(t, access);
        const f = etaFigures(unitAt(kind, p), prepared, model);
        if (!f) return;
        expect(f.etaS).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(f.etaS)).toBe(true);
        expect(f.etaS + 1e-6).toBeGreaterThanOrEqual(etaLowerBoundS(prepared, model, distanceM(p, t.coordinates)));
      }),
    );
  });

  it('grows with distance: a unit farther away on the same bearing is never sooner', () => {
    fc.assert(
      fc.property(target.filter((t) => t.placeKind !== 'line_enclosure'), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 20_000 }), fc.constantFrom(...KINDS), (t, bearing, d1, d2, kind) => {
        const prepared = prepareTarget(t, []);
        const model = etaModel();
        const away = (d: number) => offsetPoint(t.coordinates, d * Math.cos(bearing), d * Math.sin(bearing));
        const [near, far] = [Math.min(d1, d2), Math.max(d1, d2)];
        expect(etaFigures(unitAt(kind, away(near)), prepared, model)!.etaS).toBeLessThanOrEqual(etaFigures(unitAt(kind, away(far)), prepared, model)!.etaS + 1e-6);
      }),
    );
  });

  it('grows with the walk along the track for a unit already inside the fence', () => {
    fc.assert(
      fc.property(measure, measure, measure, fc.constantFrom(...KINDS), (incidentM, a, b, kind) => {
        const t: DispatchTarget = { coordinates: onLine(incidentM), placeKind: 'line_enclosure', line: { lineId: 'L1', measureM: incidentM } };
        const prepared = prepareTarget(t, []);
        const inside = (m: number) => etaFigures(unitAt(kind, onLine(m), { onRailway: true, line: { lineId: 'L1', measureM: m } }), prepared, etaModel())!.etaS;
        const [near, far] = Math.abs(a - incidentM) <= Math.abs(b - incidentM) ? [a, b] : [b, a];
        expect(inside(near)).toBeLessThanOrEqual(inside(far) + 1e-6);
      }),
    );
  });

  it('is never later with a faster vehicle or a straighter road', () => {
    fc.assert(
      fc.property(target, accessPoints, position, speeds, speeds, (t, access, p, s1, s2) => {
        const prepared = prepareTarget(t, access);
        const slow = { kmh: Math.min(s1.kmh, s2.kmh), detour: Math.max(s1.detour, s2.detour) };
        const fast = { kmh: Math.max(s1.kmh, s2.kmh), detour: Math.min(s1.detour, s2.detour) };
        const eta = (s: typeof slow) => etaFigures(unitAt('patrol_car', p), prepared, etaModel({ speeds: { patrol_car: s } }))?.etaS ?? Infinity;
        expect(eta(fast)).toBeLessThanOrEqual(eta(slow) + 1e-6);
      }),
    );
  });

  it('enters the railway where the whole trip is fastest: the early stop never misses a better access point', () => {
    fc.assert(
      fc.property(measure, accessPoints, position, fc.constantFrom(...KINDS), (m, access, p, kind) => {
        const t: DispatchTarget = { coordinates: onLine(m), placeKind: 'line_enclosure', line: { lineId: 'L1', measureM: m } };
        const model = etaModel();
        const f = etaFigures(unitAt(kind, p), prepareTarget(t, access), model)!;
        const speed = model.speeds[kind]!;
        const walkMps = Math.min(speed.kmh, model.trackWalkKmh) / 3.6;
        const best = Math.min(...access.map((a) => (distanceM(p, a.coordinates) * speed.detour) / (speed.kmh / 3.6) + model.accessOverheadS[a.kind] + Math.abs(a.measureM - m) / walkMps));
        expect(f.etaS).toBeCloseTo(best, 6);
      }),
    );
  });
});
