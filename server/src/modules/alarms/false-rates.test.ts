import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { byKind, daily, DEFAULT_PERIOD_MS, falseRate, MAX_PERIOD_MS, period, rankDevices } from './false-rates.js';

describe('false-alarm rates', () => {
  it('is the share marked false, and zero for a device that raised nothing', () => {
    expect(falseRate({ alarms: 4, falseAlarms: 1 })).toBe(0.25);
    expect(falseRate({ alarms: 3, falseAlarms: 1 })).toBe(0.3333);
    expect(falseRate({ alarms: 0, falseAlarms: 0 })).toBe(0);
    expect(falseRate({ alarms: 2, falseAlarms: 2 })).toBe(1);
  });

  it('stays between zero and one whatever the counts', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (alarms, falseAlarms) => {
        const r = falseRate({ alarms, falseAlarms });
        return r >= 0 && r <= 1 && (alarms === 0 ? r === 0 : true);
      }),
    );
  });

  it('ranks by rate, then by how many were false, then by id', () => {
    const ranked = rankDevices([
      { deviceId: 'b', kind: 'camera', alarms: 2, falseAlarms: 1 },
      { deviceId: 'a', kind: 'camera', alarms: 20, falseAlarms: 10 },
      { deviceId: 'c', kind: 'radar', alarms: 5, falseAlarms: 5 },
      { deviceId: 'd', kind: 'radar', alarms: 5, falseAlarms: 0 },
      { deviceId: 'e', kind: 'radar', alarms: 2, falseAlarms: 1 },
    ]);
    expect(ranked.map((r) => [r.deviceId, r.rate])).toEqual([
      ['c', 1],
      ['a', 0.5],
      ['b', 0.5],
      ['e', 0.5],
      ['d', 0],
    ]);
  });

  it('sums per kind over its devices', () => {
    const kinds = byKind([
      { deviceId: 'a', kind: 'camera', alarms: 3, falseAlarms: 1 },
      { deviceId: 'b', kind: 'camera', alarms: 1, falseAlarms: 1 },
      { deviceId: 'c', kind: 'radar', alarms: 1, falseAlarms: 0 },
    ]);
    expect(kinds).toEqual([
      { kind: 'camera', alarms: 4, falseAlarms: 2, rate: 0.5 },
      { kind: 'radar', alarms: 1, falseAlarms: 0, rate: 0 },
    ]);
  });

  it('defaults the period to the month before now and cuts one longer than a year', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(period({}, now)).toEqual({ fromMs: now - DEFAULT_PERIOD_MS, toMs: now });
    expect(period({ from: '2026-11-30T00:00:00Z', to: '2026-11-30T12:00:00Z' }, now)).toEqual({ fromMs: Date.parse('2026-11-30T00:00:00Z'), toMs: Date.parse('2026-11-30T12:00:00Z') });
    expect(period({ from: '2020-01-01T00:00:00Z' }, now)).toEqual({ fromMs: now - MAX_PERIOD_MS, toMs: now });
  });

  it('counts alarms per Beijing day, every day present, earlier alarms on the first day', () => {
    // 2026-11-29 00:00 to 2026-12-01 12:00 Beijing time
    const from = Date.parse('2026-11-29T00:00:00+08:00');
    const to = Date.parse('2026-12-01T12:00:00+08:00');
    const days = daily(
      [
        { firstAt: '2026-11-20T10:00:00Z', falseAt: null },
        // 23:30 UTC on the 29th is the 30th in Beijing
        { firstAt: '2026-11-29T23:30:00Z', falseAt: '2026-11-30T01:00:00Z' },
        { firstAt: '2026-11-30T01:00:00+08:00', falseAt: null },
        { firstAt: '2026-12-01T11:59:00+08:00', falseAt: '2026-12-01T12:30:00+08:00' },
      ],
      from,
      to,
    );
    expect(days).toEqual([
      { day: '2026-11-29', alarms: 1, falseAlarms: 0 },
      { day: '2026-11-30', alarms: 2, falseAlarms: 1 },
      { day: '2026-12-01', alarms: 1, falseAlarms: 1 },
    ]);
  });

  it('never loses or invents an alarm in the days', () => {
    const from = Date.parse('2026-11-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 * 86_400_000 }), fc.array(fc.record({ offset: fc.integer({ min: -10 * 86_400_000, max: 60 * 86_400_000 }), false: fc.boolean() }), { maxLength: 50 }), (span, list) => {
        const to = from + span;
        const alarms = list.filter((a) => from + a.offset < to).map((a) => ({ firstAt: new Date(from + a.offset).toISOString(), falseAt: a.false ? new Date(to).toISOString() : null }));
        const days = daily(alarms, from, to);
        return days.reduce((s, d) => s + d.alarms, 0) === alarms.length && days.reduce((s, d) => s + d.falseAlarms, 0) === alarms.filter((a) => a.falseAt).length;
      }),
    );
  });
});
