import { describe, expect, it } from 'vitest';
import { HttpError } from '../../platform/http/errors.js';
import { hourlyAndDaily, kpiPeriod } from './kpi-period.js';

const H = 3600_000;
const NOW = Date.parse('2026-12-01T02:00:00+08:00');

function refusal(f: () => unknown): { status: number; fields: string[] } {
  try {
    f();
  } catch (e) {
    if (e instanceof HttpError) return { status: e.status, fields: (e.details?.fields ?? []).map((x) => x.field) };
    throw e;
  }
  throw new Error('not refused');
}

describe('kpiPeriod', () => {
  it('defaults to the day up to now, and keeps a period asked for', () => {
    expect(kpiPeriod({}, NOW)).toEqual({ fromMs: NOW - 24 * H, toMs: NOW });
    expect(kpiPeriod({ from: '2026-11-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' }, NOW)).toEqual({ fromMs: Date.parse('2026-10-31T16:00:00Z'), toMs: Date.parse('2026-11-30T16:00:00Z') });
  });

  it('refuses a from alone that is not before now, or more than a year before it, naming from', () => {
    expect(refusal(() => kpiPeriod({ from: new Date(NOW + H).toISOString() }, NOW))).toEqual({ status: 400, fields: ['query.from'] });
    expect(refusal(() => kpiPeriod({ from: new Date(NOW - 367 * 24 * H).toISOString() }, NOW))).toEqual({ status: 400, fields: ['query.from'] });
    expect(kpiPeriod({ from: new Date(NOW - 366 * 24 * H).toISOString() }, NOW).fromMs).toBe(NOW - 366 * 24 * H);
  });

  it('ends a period reaching past now at now, and refuses one that starts later', () => {
    expect(kpiPeriod({ from: '2026-11-30T20:00:00+08:00', to: '2026-12-01T08:00:00+08:00' }, NOW)).toEqual({ fromMs: Date.parse('2026-11-30T12:00:00Z'), toMs: NOW });
    expect(refusal(() => kpiPeriod({ from: '2026-12-01T03:00:00+08:00', to: '2026-12-01T08:00:00+08:00' }, NOW))).toEqual({ status: 400, fields: ['query.from'] });
  });
});

describe('hourlyAndDaily', () => {
  it('lays every hour out, quiet ones as zeros, and sums Beijing days with their busiest hour', () => {
    // 22:30 to 02:30 Beijing time: five clock hours over two Beijing days
    const from = Date.parse('2026-11-30T22:30:00+08:00');
    const to = Date.parse('2026-12-01T02:30:00+08:00');
    const counts = new Map([
      [Date.parse('2026-11-30T22:00:00+08:00'), 3],
      [Date.parse('2026-12-01T01:00:00+08:00'), 7],
      [Date.parse('2026-12-01T02:00:00+08:00'), 2],
    ]);
    const { hourly, daily } = hourlyAndDaily(counts, from, to, 31);
    expect(hourly).toEqual([3, 0, 0, 7, 2]);
    expect(daily).toEqual([
      { day: '2026-11-30', alarms: 3, hours: 1.5, peakHour: 3 },
      { day: '2026-12-01', alarms: 9, hours: 2.5, peakHour: 7 },
    ]);
  });

  it('keeps no hours past the limit, but every day', () => {
    const from = Date.parse('2026-01-01T00:00:00+08:00');
    const to = Date.parse('2026-03-01T00:00:00+08:00');
    const { hourly, daily } = hourlyAndDaily(new Map([[Date.parse('2026-02-10T09:00:00+08:00'), 4]]), from, to, 31);
    expect(hourly).toEqual([]);
    expect(daily).toHaveLength(59);
    expect(daily.every((d) => d.hours === 24)).toBe(true);
    expect(daily.find((d) => d.day === '2026-02-10')).toEqual({ day: '2026-02-10', alarms: 4, hours: 24, peakHour: 4 });
  });
});
