import { describe, expect, it } from 'vitest';
import { addDays, formatLocalIso, isServiceDate, localDate, parseGtfsTime, serviceInstant, weekdayIndex } from './gtfs-time.js';

describe('GTFS times', () => {
  it('parses HH:MM:SS with hours past 24 and rejects bad text', () => {
    expect(parseGtfsTime('25:10:00')).toBe(25 * 3600 + 600);
    expect(parseGtfsTime('7:05:09')).toBe(7 * 3600 + 309);
    for (const bad of ['25:60:00', '12:00', 'ab:cd:ef', '']) expect(parseGtfsTime(bad)).toBeNull();
  });

  it('puts times past 24:00 on the day after the service date (Asia/Shanghai)', () => {
    const ms = serviceInstant('20261231', parseGtfsTime('25:10:00')!, 'Asia/Shanghai');
    expect(new Date(ms).toISOString()).toBe('2026-12-31T17:10:00.000Z');
    expect(formatLocalIso(ms, 'Asia/Shanghai')).toBe('2027-01-01T01:10:00+08:00');
    expect(localDate(ms, 'Asia/Shanghai')).toBe('20270101');
  });

  it('is right across DST changes (America/New_York)', () => {
    // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT; GTFS counts from noon minus 12 h
    expect(new Date(serviceInstant('20260308', 12 * 3600, 'America/New_York')).toISOString()).toBe('2026-03-08T16:00:00.000Z');
    expect(new Date(serviceInstant('20260307', 12 * 3600, 'America/New_York')).toISOString()).toBe('2026-03-07T17:00:00.000Z');
    // fall back on 2026-11-01: 08:00 is EST
    expect(new Date(serviceInstant('20261101', 8 * 3600, 'America/New_York')).toISOString()).toBe('2026-11-01T13:00:00.000Z');
    expect(formatLocalIso(Date.parse('2026-07-01T16:00:00Z'), 'America/New_York')).toBe('2026-07-01T12:00:00-04:00');
  });

  it('does date arithmetic on YYYYMMDD', () => {
    expect(addDays('20261231', 1)).toBe('20270101');
    expect(addDays('20260301', -1)).toBe('20260228');
    expect(weekdayIndex('20261130')).toBe(0); // a Monday
    expect(isServiceDate('20260230')).toBe(false);
    expect(isServiceDate('20260228')).toBe(true);
  });
});
