import { describe, expect, it } from 'vitest';
import { deadlineFor, isOverdue, overlaps, parseDeadlineDays, step } from './model.js';

describe('the hazard lifecycle', () => {
  it('walks reported → assigned → rectifying → rectified → verified → closed', () => {
    expect(step('reported', 'assign')).toEqual({ ok: true, to: 'assigned' });
    expect(step('assigned', 'start')).toEqual({ ok: true, to: 'rectifying' });
    expect(step('rectifying', 'rectify', 1)).toEqual({ ok: true, to: 'rectified' });
    expect(step('rectified', 'verify')).toEqual({ ok: true, to: 'verified' });
    expect(step('verified', 'close')).toEqual({ ok: true, to: 'closed' });
  });
  it('needs photos after the work to call it rectified', () => {
    expect(step('rectifying', 'rectify', 0)).toEqual({ ok: false, code: 'after_photos_required' });
  });
  it('never closes what was not verified', () => {
    for (const s of ['reported', 'assigned', 'rectifying', 'rectified'] as const) expect(step(s, 'close')).toEqual({ ok: false, code: 'not_verified' });
    expect(step('closed', 'close')).toEqual({ ok: false, code: 'hazard_transition' });
  });
  it('sends a failed verification back to rectifying, and rejects only before the work', () => {
    expect(step('rectified', 'fail_verification')).toEqual({ ok: true, to: 'rectifying' });
    expect(step('assigned', 'reject')).toEqual({ ok: true, to: 'rejected' });
    expect(step('rectifying', 'reject')).toEqual({ ok: false, code: 'hazard_transition' });
    expect(step('rejected', 'assign')).toEqual({ ok: false, code: 'hazard_transition' });
    expect(step('reported', 'start')).toEqual({ ok: false, code: 'hazard_transition' });
  });
});

describe('deadlines by severity', () => {
  const t = Date.parse('2026-12-01T00:00:00Z');
  it('gives critical 3, major 15 and minor 30 days by default', () => {
    expect(deadlineFor(t, 'critical')).toBe('2026-12-04T00:00:00.000Z');
    expect(deadlineFor(t, 'major')).toBe('2026-12-16T00:00:00.000Z');
    expect(deadlineFor(t, 'minor')).toBe('2026-12-31T00:00:00.000Z');
  });
  it('reads the configuration and refuses nonsense', () => {
    expect(parseDeadlineDays('critical=1, minor=60')).toEqual({ critical: 1, major: 15, minor: 60 });
    expect(parseDeadlineDays(undefined)).toEqual({ critical: 3, major: 15, minor: 30 });
    expect(() => parseDeadlineDays('critical=0')).toThrow(/critical=0/);
    expect(() => parseDeadlineDays('urgent=2')).toThrow(/urgent/);
  });
  it('is overdue only while the rectification is owed', () => {
    expect(isOverdue('rectifying', '2026-12-04T00:00:00.000Z', '2026-12-05T00:00:00.000Z')).toBe(true);
    expect(isOverdue('rectified', '2026-12-04T00:00:00.000Z', '2026-12-05T00:00:00.000Z')).toBe(false);
    expect(isOverdue('assigned', '2026-12-04T00:00:00.000Z', '2026-12-03T00:00:00.000Z')).toBe(false);
  });
  it('tells overlapping stretches from touching ones', () => {
    expect(overlaps({ fromM: 0, toM: 100 }, { fromM: 100, toM: 200 })).toBe(false);
    expect(overlaps({ fromM: 0, toM: 101 }, { fromM: 100, toM: 200 })).toBe(true);
  });
});
