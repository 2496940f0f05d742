import { describe, expect, it } from 'vitest';
import { BriefingRequest } from '@railjoint/contracts';
import { briefingCode, briefingTitle, dueBriefings, isOver, notableReasons, parseSchedule, periodAt, periodOf, previousPeriod } from './model.js';

const bj = (s: string) => Date.parse(`${s}+08:00`);
const iso = (ms: number) => new Date(ms).toISOString();

describe('periods in Beijing time', () => {
  it('a day starts at Beijing midnight, 16:00 UTC the day before', () => {
    const p = periodOf('daily', '2026-12-03');
    expect([iso(p.fromMs), iso(p.toMs)]).toEqual(['2026-12-02T16:00:00.000Z', '2026-12-03T16:00:00.000Z']);
  });
  it('a week runs Monday to Monday, a month to the first of the next (December into January)', () => {
    expect(iso(periodOf('weekly', '2026-11-30').toMs)).toBe('2026-12-06T16:00:00.000Z');
    const m = periodOf('monthly', '2026-12');
    expect([iso(m.fromMs), iso(m.toMs)]).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
  });
  it('finds the period an instant falls in by the Beijing calendar, not UTC', () => {
    // 23:30 UTC on Sunday 6 December is 07:30 on Monday 7 December in Beijing
    const at = Date.parse('2026-12-06T23:30:00Z');
    expect(periodAt('daily', at).period).toBe('2026-12-07');
    expect(periodAt('weekly', at).period).toBe('2026-12-07');
    expect(periodAt('weekly', bj('2026-12-06T23:59:00')).period).toBe('2026-11-30');
    expect(previousPeriod(periodAt('monthly', bj('2027-01-01T00:00:00'))).period).toBe('2026-12');
  });
  it('names and numbers a briefing by kind and period', () => {
    expect(briefingTitle(periodOf('weekly', '2026-11-30'))).toBe('每周警情通报（2026年11月30日—12月6日）');
    expect(briefingCode(periodOf('monthly', '2026-12'))).toBe('JQTB-M202612');
    expect(isOver(periodOf('daily', '2026-12-03'), bj('2026-12-03T23:59:59'))).toBe(false);
    expect(isOver(periodOf('daily', '2026-12-03'), bj('2026-12-04T00:00:00'))).toBe(true);
  });
});

describe('the schedule', () => {
  const s = parseSchedule('08:00', undefined);
  it('owes yesterday’s daily briefing from 08:00, and until then the day before’s', () => {
    expect(dueBriefings({ ...s, kinds: ['daily'] }, bj('2026-12-04T08:00:00')).map((p) => p.period)).toEqual(['2026-12-03']);
    expect(dueBriefings({ ...s, kinds: ['daily'] }, bj('2026-12-04T07:59:00')).map((p) => p.period)).toEqual(['2026-12-02']);
  });
  it('owes last week’s on Monday and last month’s on the first', () => {
    expect(dueBriefings(s, bj('2026-12-07T08:05:00')).map((p) => `${p.kind}:${p.period}`)).toEqual(['daily:2026-12-06', 'weekly:2026-11-30', 'monthly:2026-11']);
    expect(dueBriefings(s, bj('2026-12-01T07:00:00')).map((p) => `${p.kind}:${p.period}`)).toEqual(['daily:2026-11-29', 'weekly:2026-11-23', 'monthly:2026-10']);
  });
  it('reads its settings and refuses bad ones', () => {
    expect(parseSchedule(undefined, undefined)).toEqual({ atMinute: 480, kinds: ['daily', 'weekly', 'monthly'] });
    expect(parseSchedule('6:30', 'daily')).toEqual({ atMinute: 390, kinds: ['daily'] });
    expect(parseSchedule(undefined, 'none').kinds).toEqual([]);
    expect(() => parseSchedule('25:00', undefined)).toThrow(/HH:MM/);
    expect(() => parseSchedule(undefined, 'daily,yearly')).toThrow(/yearly/);
  });
});

describe('figures', () => {
  it('names why an incident is notable', () => {
    expect(notableReasons({ priority: 'P1', command: true, declined: false, breached: true })).toEqual(['p1', 'joint_command', 'limit_breached']);
    expect(notableReasons({ priority: 'P3', command: false, declined: false, breached: false })).toEqual([]);
  });
  it('the request names a real day, a Monday for a week, a month for a month', () => {
    expect(BriefingRequest.safeParse({ kind: 'daily', period: '2026-12-03' }).success).toBe(true);
    expect(BriefingRequest.safeParse({ kind: 'daily', period: '2026-02-30' }).success).toBe(false);
    expect(BriefingRequest.safeParse({ kind: 'weekly', period: '2026-12-01' }).success).toBe(false);
    expect(BriefingRequest.safeParse({ kind: 'weekly', period: '2026-11-30' }).success).toBe(true);
    expect(BriefingRequest.safeParse({ kind: 'monthly', period: '2026-12-01' }).success).toBe(false);
  });
});
