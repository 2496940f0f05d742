import { describe, expect, it } from 'vitest';
import { customProblem, readPeriod, resolvePeriod, writePeriod } from './kpiPeriod';

const NOW = Date.parse('2026-12-01T02:00:00+08:00');

describe('the KPI page’s period', () => {
  it('resolves presets against the platform’s now, the month in Beijing time', () => {
    expect(resolvePeriod({ kind: '24h' }, NOW)).toEqual({ from: '2026-11-29T18:00:00.000Z', to: '2026-11-30T18:00:00.000Z' });
    expect(resolvePeriod({ kind: '7d' }, NOW).from).toBe('2026-11-23T18:00:00.000Z');
    expect(resolvePeriod({ kind: '30d' }, NOW).from).toBe('2026-10-31T18:00:00.000Z');
    // 02:00 on 1 December in Beijing is still 30 November in UTC: the month is December's
    expect(resolvePeriod({ kind: 'month' }, NOW)).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-11-30T18:00:00.000Z' });
    // at the month's first instant it is still a period that ends after it starts
    const first = Date.parse('2027-01-01T00:00:00+08:00');
    const m = resolvePeriod({ kind: 'month' }, first);
    expect(Date.parse(m.to)).toBeGreaterThan(Date.parse(m.from));
    expect(resolvePeriod({ kind: 'custom', from: '2026-11-30T08:00', to: '2026-11-30T20:00' }, NOW)).toEqual({ from: '2026-11-30T00:00:00.000Z', to: '2026-11-30T12:00:00.000Z' });
    // last night asked for at 02:00 ends now
    expect(resolvePeriod({ kind: 'custom', from: '2026-11-30T20:00', to: '2026-12-01T08:00' }, NOW)).toEqual({ from: '2026-11-30T12:00:00.000Z', to: '2026-11-30T18:00:00.000Z' });
  });

  it('goes into the address and back, the default leaving it clean', () => {
    const round = (p: Parameters<typeof writePeriod>[1]) => readPeriod(writePeriod(new URLSearchParams('x=1'), p), NOW);
    expect(round({ kind: '7d' })).toEqual({ kind: '7d' });
    expect(round({ kind: 'month' })).toEqual({ kind: 'month' });
    expect(round({ kind: 'custom', from: '2026-11-01T00:00', to: '2026-12-01T00:00' })).toEqual({ kind: 'custom', from: '2026-11-01T00:00', to: '2026-12-01T00:00' });
    expect(writePeriod(new URLSearchParams('x=1&period=7d'), { kind: '24h' }).toString()).toBe('x=1');
    expect(writePeriod(new URLSearchParams('from=a&to=b'), { kind: '30d' }).toString()).toBe('period=30d');
  });

  it('falls back to the last day for an address it cannot read', () => {
    expect(readPeriod(new URLSearchParams('period=year'), NOW)).toEqual({ kind: '24h' });
    expect(readPeriod(new URLSearchParams('from=2026-12-01T08:00&to=2026-11-30T20:00'), NOW)).toEqual({ kind: '24h' });
    expect(readPeriod(new URLSearchParams('from=yesterday&to=today&period=7d'), NOW)).toEqual({ kind: '7d' });
  });

  it('checks a custom period as the server does', () => {
    expect(customProblem('2026-11-30T20:00', '2026-12-01T08:00', NOW)).toBeNull();
    expect(customProblem('2026-12-01T08:00', '2026-12-01T08:00', NOW)).toBe('backwards');
    expect(customProblem('2025-11-29T00:00', '2026-12-01T00:00', NOW)).toBe('tooLong');
    expect(customProblem('2025-11-30T00:00', '2026-12-01T00:00', NOW)).toBeNull();
    expect(customProblem('', '2026-12-01T00:00', NOW)).toBe('invalid');
    // 1 December 03:00 has not come at 02:00
    expect(customProblem('2026-12-01T03:00', '2026-12-01T08:00', NOW)).toBe('future');
    expect(readPeriod(new URLSearchParams('from=2026-12-01T03:00&to=2026-12-01T08:00'), NOW)).toEqual({ kind: '24h' });
  });
});
