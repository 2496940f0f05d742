import { describe, expect, it } from 'vitest';
import { beijingDate, dutiesFor, dutyStatus, isoWeekday, type PlanForDuties } from './duties.js';

const plan = (over: Partial<PlanForDuties> = {}): PlanForDuties => ({ id: 'p', version: 1, kind: 'patrol', days: [1, 2, 3, 4, 5, 6, 7], windows: [{ from: '08:00', to: '11:00' }], rounds: 1, checkEveryH: null, validFrom: '2026-01-01', validUntil: null, active: true, ...over });

describe('duties from a plan', () => {
  it('turns Beijing windows into UTC slots, split into rounds', () => {
    const d = dutiesFor(plan({ rounds: 3 }), '2026-12-01');
    expect(d.map((x) => [x.start, x.end])).toEqual([
      ['2026-12-01T00:00:00.000Z', '2026-12-01T01:00:00.000Z'],
      ['2026-12-01T01:00:00.000Z', '2026-12-01T02:00:00.000Z'],
      ['2026-12-01T02:00:00.000Z', '2026-12-01T03:00:00.000Z'],
    ]);
    expect(new Set(d.map((x) => x.id)).size).toBe(3);
  });

  it('runs a night window past midnight and splits a sentinel shift every N hours, the last slot shorter', () => {
    const d = dutiesFor(plan({ kind: 'sentinel', checkEveryH: 3, windows: [{ from: '20:00', to: '04:00' }] }), '2026-12-01');
    expect(d.map((x) => [x.start, x.end])).toEqual([
      ['2026-12-01T12:00:00.000Z', '2026-12-01T15:00:00.000Z'],
      ['2026-12-01T15:00:00.000Z', '2026-12-01T18:00:00.000Z'],
      ['2026-12-01T18:00:00.000Z', '2026-12-01T20:00:00.000Z'],
    ]);
  });

  it('keeps to the plan’s days and validity, and gives the same ids every time (a new version, new ids)', () => {
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(dutiesFor(plan({ days: [1] }), '2026-12-06')).toEqual([]);
    expect(dutiesFor(plan({ validUntil: '2026-11-30' }), '2026-12-01')).toEqual([]);
    expect(dutiesFor(plan({ active: false }), '2026-12-01')).toEqual([]);
    expect(dutiesFor(plan(), '2026-12-01')[0]!.id).toBe(dutiesFor(plan(), '2026-12-01')[0]!.id);
    expect(dutiesFor(plan({ version: 2 }), '2026-12-01')[0]!.id).not.toBe(dutiesFor(plan(), '2026-12-01')[0]!.id);
  });

  it('dates instants by Beijing days and says where a duty stands', () => {
    expect(beijingDate(Date.parse('2026-12-01T16:30:00Z'))).toBe('2026-12-02');
    const d = { start: '2026-12-01T00:00:00Z', end: '2026-12-01T03:00:00Z' };
    const t = (iso: string) => Date.parse(iso);
    expect(dutyStatus(d, 0, 3, t('2026-11-30T23:00:00Z'), 900)).toBe('upcoming');
    expect(dutyStatus(d, 1, 3, t('2026-12-01T03:10:00Z'), 900)).toBe('open');
    expect(dutyStatus(d, 1, 3, t('2026-12-01T03:20:00Z'), 900)).toBe('partly_done');
    expect(dutyStatus(d, 0, 3, t('2026-12-01T03:20:00Z'), 900)).toBe('missed');
    expect(dutyStatus(d, 3, 3, t('2026-12-01T01:00:00Z'), 900)).toBe('done');
  });
});
