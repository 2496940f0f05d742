import { describe, expect, it } from 'vitest';
import { levelFor, severer, type LevelFacts } from './response-level.js';

const quiet: LevelFacts = { priority: 'P3', highSpeed: false, injured: 0, dead: 0, lineBlocked: false, blockedMinutes: 0, agencies: 2, openMinutes: 10 };

describe('response level rules', () => {
  it('stays at IV for an ordinary case', () => {
    expect(levelFor(quiet)).toEqual({ level: 'IV', reasons: [] });
  });

  it('raises with casualties, most for deaths', () => {
    expect(levelFor({ ...quiet, injured: 1 }).level).toBe('III');
    expect(levelFor({ ...quiet, injured: 3 }).level).toBe('II');
    expect(levelFor({ ...quiet, dead: 1 }).level).toBe('II');
    expect(levelFor({ ...quiet, dead: 3 }).level).toBe('I');
    expect(levelFor({ ...quiet, injured: 10 }).level).toBe('I');
  });

  it('raises for a blocked line, more on a high-speed line and with time', () => {
    expect(levelFor({ ...quiet, lineBlocked: true }).level).toBe('III');
    expect(levelFor({ ...quiet, lineBlocked: true, highSpeed: true }).level).toBe('II');
    expect(levelFor({ ...quiet, lineBlocked: true, highSpeed: true, blockedMinutes: 120 }).level).toBe('I');
    expect(levelFor({ ...quiet, lineBlocked: true, blockedMinutes: 240 }).level).toBe('II');
  });

  it('raises with the number of agencies and the duration, and keeps every reason', () => {
    const r = levelFor({ ...quiet, priority: 'P1', agencies: 6, openMinutes: 200 });
    expect(r.level).toBe('II');
    expect(r.reasons.map((x) => x.code)).toEqual(['priority', 'agencies', 'agencies_many', 'duration']);
  });

  it('orders levels with I the most severe', () => {
    expect(severer('III', 'II')).toBe('II');
    expect(severer('I', 'IV')).toBe('I');
  });
});
