import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LonLat } from '@railjoint/contracts';
import { distanceM, offsetPoint } from '../network/geo.js';
import { findLikelyDuplicates, type DuplicateProbe } from './duplicates.js';

const O: LonLat = [109.41, 24.31];
const T0 = Date.parse('2026-12-01T08:00:00+08:00');

/** Reports around one spot within a few kilometres and a couple of hours, some on the same line. */
const probe = fc
  .record({
    category: fc.constantFrom('stone_throwing', 'livestock_on_line', 'fire_near_line'),
    east: fc.integer({ min: -2000, max: 2000 }),
    north: fc.integer({ min: -2000, max: 2000 }),
    onLine: fc.option(fc.record({ lineId: fc.constantFrom('L1', 'L2'), mileageM: fc.integer({ min: 100_000, max: 103_000 }) }), { nil: null }),
    minutes: fc.option(fc.integer({ min: -120, max: 120 }), { nil: null }),
    hasPoint: fc.boolean(),
  })
  .map(
    (p): DuplicateProbe => ({
      categoryId: p.category,
      coordinates: p.hasPoint || !p.onLine ? offsetPoint(O, p.east, p.north) : null,
      lineId: p.onLine?.lineId ?? null,
      mileageM: p.onLine?.mileageM ?? null,
      occurredAt: p.minutes === null ? null : new Date(T0 + p.minutes * 60_000).toISOString(),
    }),
  );
const open = fc.array(probe, { maxLength: 25 }).map((ps) => ps.map((p, i) => ({ ...p, id: `i${i}` })));
const options = fc.record({ distanceM: fc.integer({ min: 50, max: 3000 }), windowS: fc.integer({ min: 60, max: 7200 }) });

describe('likely duplicates, by property', () => {
  it('are of the same category, near enough in space and time, never the report itself, best first', () => {
    fc.assert(
      fc.property(probe, open, options, fc.nat(), (report, others, opts, self) => {
        const me = others.length ? { ...report, id: others[self % others.length]!.id } : report;
        const found = findLikelyDuplicates(me, others, opts);
        const byId = new Map(others.map((o) => [o.id, o]));
        for (const c of found) {
          const o = byId.get(c.id)!;
          expect(c.id).not.toBe(me.id);
          expect(o.categoryId).toBe(me.categoryId);
          expect(c.distanceM).toBeLessThanOrEqual(opts.distanceM + 0.5);
          expect(c.timeApartS).toBeLessThanOrEqual(opts.windowS + 0.5);
          expect(c.score).toBeGreaterThanOrEqual(0);
          expect(c.score).toBeLessThanOrEqual(1);
        }
        for (let i = 1; i < found.length; i++) expect(found[i - 1]!.score).toBeGreaterThanOrEqual(found[i]!.score);
        expect(new Set(found.map((c) => c.id)).size).toBe(found.length);
      }),
    );
  });

  it('is a symmetric relation: if B looks like a duplicate of A, A looks like one of B, as near and as likely', () => {
    fc.assert(
      fc.property(probe, probe, options, (a, b, opts) => {
        const ab = findLikelyDuplicates({ ...a, id: 'A' }, [{ ...b, id: 'B' }], opts);
        const ba = findLikelyDuplicates({ ...b, id: 'B' }, [{ ...a, id: 'A' }], opts);
        expect(ab.map(({ id: _id, ...rest }) => rest)).toEqual(ba.map(({ id: _id, ...rest }) => rest));
      }),
    );
  });

  it('never loses a candidate when the distance or the window is widened', () => {
    fc.assert(
      fc.property(probe, open, options, options, (report, others, o1, o2) => {
        const narrow = { distanceM: Math.min(o1.distanceM, o2.distanceM), windowS: Math.min(o1.windowS, o2.windowS) };
        const wide = { distanceM: Math.max(o1.distanceM, o2.distanceM), windowS: Math.max(o1.windowS, o2.windowS) };
        const wideIds = new Set(findLikelyDuplicates(report, others, wide).map((c) => c.id));
        for (const c of findLikelyDuplicates(report, others, narrow)) expect(wideIds.has(c.id)).toBe(true);
      }),
    );
  });

  it('measures the shorter of the straight line and the distance along the same line', () => {
    fc.assert(
      fc.property(probe, probe, (a, b) => {
        const [c] = findLikelyDuplicates({ ...a, id: 'A' }, [{ ...b, id: 'B' }], { distanceM: 1e9, windowS: 1e9 });
        const straight = a.coordinates && b.coordinates ? distanceM(a.coordinates, b.coordinates) : Infinity;
        const along = a.lineId && a.lineId === b.lineId ? Math.abs(a.mileageM! - b.mileageM!) : Infinity;
        if (a.categoryId !== b.categoryId || (straight === Infinity && along === Infinity)) expect(c).toBeUndefined();
        else expect(c!.distanceM).toBe(Math.round(Math.min(straight, along)));
      }),
    );
  });

  it('ranks a nearer report at the same time apart at least as likely', () => {
    fc.assert(
      fc.property(probe, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: -20, max: 20 }), (report, d1, d2, minutes) => {
        if (!report.coordinates) return;
        const at = (d: number, id: string) => ({ ...report, id, lineId: null, mileageM: null, coordinates: offsetPoint(report.coordinates!, d, 0), occurredAt: report.occurredAt && new Date(Date.parse(report.occurredAt) + minutes * 60_000).toISOString() });
        const [near, far] = [Math.min(d1, d2), Math.max(d1, d2)];
        const found = findLikelyDuplicates({ ...report, id: 'R' }, [at(near, 'near'), at(far, 'far')]);
        const score = (id: string) => found.find((c) => c.id === id)?.score ?? -1;
        expect(score('near')).toBeGreaterThanOrEqual(score('far'));
      }),
    );
  });
});
