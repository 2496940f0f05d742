import { describe, expect, it } from 'vitest';
import { offsetPoint } from '../network/geo.js';
import { findLikelyDuplicates, type DuplicateProbe } from './duplicates.js';

const P: [number, number] = [113.3, 23.1];
const T0 = '2026-03-01T08:00:00Z';
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();
const report: DuplicateProbe = { categoryId: 'intrusion', coordinates: P, lineId: 'L1', mileageM: 123_400, occurredAt: T0 };

describe('findLikelyDuplicates', () => {
  it('finds near, recent reports of the same category, best first', () => {
    const open = [
      { id: 'near', categoryId: 'intrusion', coordinates: offsetPoint(P, 50, 0), receivedAt: at(60) },
      { id: 'farther', categoryId: 'intrusion', coordinates: offsetPoint(P, 400, 0), receivedAt: at(600) },
      { id: 'other-category', categoryId: 'theft', coordinates: P, receivedAt: at(0) },
      { id: 'too-far', categoryId: 'intrusion', coordinates: offsetPoint(P, 800, 0), receivedAt: at(0) },
      { id: 'too-old', categoryId: 'intrusion', coordinates: P, receivedAt: at(-1900) },
    ];
    const r = findLikelyDuplicates(report, open);
    expect(r.map((c) => c.id)).toEqual(['near', 'farther']);
    expect(r[0]!.by).toBe('point');
    expect(r[0]!.score).toBeGreaterThan(r[1]!.score);
  });

  it('uses the mileage along the same line when that is closer', () => {
    // 3 km apart on the map (the other side of a loop) but 200 m apart by mileage.
    const open = [{ id: 'same-spot', categoryId: 'intrusion', coordinates: offsetPoint(P, 3000, 0), lineId: 'L1', mileageM: 123_600, occurredAt: T0 }];
    const r = findLikelyDuplicates(report, open);
    expect(r).toEqual([{ id: 'same-spot', score: expect.any(Number), distanceM: 200, by: 'mileage', timeApartS: 0 }]);
    expect(findLikelyDuplicates(report, [{ ...open[0]!, lineId: 'L2' }])).toEqual([]);
  });

  it('honours the distance and window options and skips itself', () => {
    const open = [{ id: 'x', categoryId: 'intrusion', coordinates: offsetPoint(P, 700, 0), occurredAt: at(3000) }];
    expect(findLikelyDuplicates(report, open)).toEqual([]);
    expect(findLikelyDuplicates(report, open, { distanceM: 1000, windowS: 3600 }).map((c) => c.id)).toEqual(['x']);
    expect(findLikelyDuplicates({ ...report, id: 'x' }, open, { distanceM: 1000, windowS: 3600 })).toEqual([]);
  });

  it('cannot compare without any position', () => {
    expect(findLikelyDuplicates({ ...report, coordinates: null, lineId: null }, [{ id: 'a', categoryId: 'intrusion', coordinates: P }])).toEqual([]);
  });
});
