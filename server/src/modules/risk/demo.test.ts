import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../demo/generate.js';
import { NetworkModel } from '../network/network-model.js';
import { DEFAULT_CATEGORIES } from '../organisation/taxonomy.js';
import { DEMO_HISTORY_CATEGORIES, generateDemoHistory } from './demo.js';
import { knoxTest } from './methods.js';

const UNTIL = Date.parse('2026-12-01T00:00:00Z');
const DAY = 86_400_000;
const model = NetworkModel.build(generateDemo({ scale: 'department' }).network);
const rows = generateDemoHistory(model, UNTIL);
const times = rows.map((r) => Date.parse(r.occurredAt));

describe('the demo history', () => {
  it('is the same for the same seed and day, three years of it, in the platform’s categories', () => {
    expect(generateDemoHistory(model, UNTIL)).toEqual(rows);
    expect(generateDemoHistory(model, UNTIL, 7)).not.toEqual(rows);
    expect(rows.length).toBeGreaterThan(3000);
    expect(rows.length).toBeLessThan(6000);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(UNTIL - 3 * 365 * DAY);
    expect(Math.max(...times)).toBeLessThanOrEqual(UNTIL);
    const known = new Set(DEFAULT_CATEGORIES.map((c) => c.id));
    expect(DEMO_HISTORY_CATEGORIES.filter((c) => !known.has(c))).toEqual([]);
    expect(new Set(rows.map((r) => r.category))).toEqual(new Set(DEMO_HISTORY_CATEGORIES));
  });

  it('has the travel rush, summer and near stations more incidents, and near-repeats', () => {
    const perDay = (from: string, to: string) => times.filter((t) => t >= Date.parse(from) && t < Date.parse(to)).length / ((Date.parse(to) - Date.parse(from)) / DAY);
    // the 2026 travel rush (festival 17 February) against the weeks after it
    expect(perDay('2026-02-05', '2026-03-10')).toBeGreaterThan(1.3 * perDay('2026-03-20', '2026-04-25'));
    // summers against autumns, over the three years (one month alone is too noisy)
    const summer = ['2024', '2025', '2026'].map((y) => perDay(`${y}-06-15`, `${y}-08-15`));
    const autumn = ['2024', '2025', '2026'].map((y) => perDay(`${y}-10-01`, `${y}-12-01`));
    expect(summer.reduce((a, b) => a + b)).toBeGreaterThan(1.2 * autumn.reduce((a, b) => a + b));
    // within 500 m of a station: many times the average per kilometre
    const stations = model.stations().flatMap((s) => s.lines);
    const near = rows.filter((r) => stations.some((s) => s.lineId === r.lineId && Math.abs(s.measureM - r.measure) <= 500)).length;
    const totalKm = model.lines().reduce((s, l) => s + l.ref.lengthM, 0) / 1000;
    expect(near / stations.length).toBeGreaterThan((3 * rows.length) / totalKm);
    const knox = knoxTest(rows.slice(0, 1500).map((r, i) => ({ lineId: r.lineId, measure: r.measure, t: times[i]!, category: r.category })), { distanceM: 200, days: 14, runs: 19, seed: 1 });
    expect(knox.pValue).toBe(0.05);
    expect(knox.ratio).toBeGreaterThan(1.5);
  });
});
