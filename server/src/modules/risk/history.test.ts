import { describe, expect, it } from 'vitest';
import { NetworkModel } from '../network/network-model.js';
import { beside, collection, lineFeature, postsAlong, walk } from '../network/fixtures.js';
import { parseHistory } from './history.js';

const w = walk([109.2, 24.3], 5000, 100, () => 0);
// a long chain at 3000 m: K3+000 behind, K2+800 ahead, so K2+800–K3+000 occurs twice
const model = NetworkModel.build(collection(lineFeature('L1', '测试线', w, postsAlong(w, 500, 0, 'K', [{ atM: 3000, aheadM: 2800 }]))));
const CATEGORIES = new Set(['track_intrusion', 'stone_throwing']);
const NOW = Date.parse('2026-06-01T00:00:00Z');

describe('reading a history file', () => {
  it('places rows by point or by mileage; a time without a zone is Beijing time', () => {
    const [lon, lat] = beside(w, 1234, 40);
    const byPoint = parseHistory(`occurredAt,category,lon,lat\n2025-03-01T08:30:00+08:00,track_intrusion,${lon},${lat}\n2025-03-02,stone_throwing,${lon},${lat}`, model, CATEGORIES, NOW);
    expect(byPoint.problems).toEqual([]);
    expect(byPoint.rows).toHaveLength(2);
    expect(byPoint.rows[0]).toMatchObject({ occurredAt: '2025-03-01T00:30:00.000Z', lineId: 'L1', mileage: 'K1+234' });
    expect(byPoint.rows[0]!.measure).toBeCloseTo(1234, 0);
    expect(byPoint.rows[1]!.occurredAt).toBe('2025-03-01T16:00:00.000Z');
    const byMileage = parseHistory('occurredAt,category,lineId,mileage\n2025-03-01 08:30,track_intrusion,L1,K4+100', model, CATEGORIES, NOW);
    expect(byMileage.problems).toEqual([]);
    // K4+100 lies 1300 m past the break post, which reads K2+800 ahead
    expect(byMileage.rows[0]!.measure).toBeCloseTo(4300, 0);
  });

  it('names every bad row and column and keeps nothing', () => {
    const far = [110.5, 25.5];
    const [lon, lat] = beside(w, 100, 10);
    const text = [
      'occurredAt,category,lon,lat',
      `2025-02-30,track_intrusion,${lon},${lat}`,
      `2025-03-01,theft_of_hearts,${lon},${lat}`,
      `2025-03-01,track_intrusion,${far[0]},${far[1]}`,
      `yesterday,track_intrusion,abc,${lat}`,
      `2027-01-01,track_intrusion,${lon},${lat}`,
      `2025-03-01,track_intrusion,${lon},${lat}`,
    ].join('\n');
    const r = parseHistory(text, model, CATEGORIES, NOW);
    expect(r.rows).toEqual([]);
    expect(r.problems.map((p) => `${p.line} ${p.field}`)).toEqual(['2 occurredAt', '3 category', '4 lon', '5 occurredAt', '5 lon', '6 occurredAt']);
    expect(r.problems[1]!.message.en).toContain('theft_of_hearts');
    expect(r.problems[2]!.message.en).toContain('500 m from every line');
    expect(r.problems[5]!.message.en).toContain('future');
  });

  it('refuses unknown lines, mileages off the line and mileages a long chain repeats', () => {
    const text = ['occurredAt,category,lineId,mileage', '2025-03-01,track_intrusion,L9,K1+000', '2025-03-01,track_intrusion,L1,K9+000', '2025-03-01,track_intrusion,L1,K2+900', '2025-03-01,track_intrusion,L1,K2++1'].join('\n');
    const r = parseHistory(text, model, CATEGORIES, NOW);
    expect(r.problems.map((p) => `${p.line} ${p.field}`)).toEqual(['2 lineId', '3 mileage', '4 mileage', '5 mileage']);
    expect(r.problems[2]!.message.en).toContain('long chain');
  });

  it('refuses a file whose header is neither form', () => {
    expect(parseHistory('when,what,where\n1,2,3', model, CATEGORIES, NOW).problems[0]).toMatchObject({ line: 1, field: 'header' });
  });
});
