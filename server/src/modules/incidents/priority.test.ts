import { describe, expect, it } from 'vitest';
import { computePriority, validatePriorityOverride } from './priority.js';

const base = { basePriority: 'P3' as const, highSpeed: false, placeKind: 'outside' as const };
const codes = (r: ReturnType<typeof computePriority>) => r.reasons.map((x) => x.code);

describe('computePriority', () => {
  it('keeps the base priority with nothing aggravating', () => {
    const r = computePriority(base);
    expect(r.priority).toBe('P3');
    expect(codes(r)).toEqual(['base']);
  });

  it('raises for a high-speed line only inside the enclosure or protection zone', () => {
    expect(computePriority({ ...base, highSpeed: true, placeKind: 'line_enclosure' }).priority).toBe('P2');
    expect(computePriority({ ...base, highSpeed: true, placeKind: 'protection_zone' }).priority).toBe('P2');
    expect(computePriority({ ...base, highSpeed: true, placeKind: 'station' }).priority).toBe('P3');
    expect(computePriority({ ...base, highSpeed: false, placeKind: 'line_enclosure' }).priority).toBe('P3');
  });

  it('raises when a train approaches within 10 minutes, not later', () => {
    expect(computePriority({ ...base, approachingTrain: { train: 'G1', inS: 600 } }).priority).toBe('P2');
    expect(computePriority({ ...base, approachingTrain: { train: 'G1', inS: 601 } }).priority).toBe('P3');
    expect(computePriority({ ...base, approachingTrain: null }).priority).toBe('P3');
  });

  it('adds up injuries and crowd, each one level', () => {
    const r = computePriority({ ...base, basePriority: 'P4', injuries: true, crowd: true });
    expect(r.priority).toBe('P2');
    expect(codes(r)).toEqual(['base', 'injuries', 'crowd']);
  });

  it('never goes past P1 and says so', () => {
    const r = computePriority({ basePriority: 'P2', highSpeed: true, placeKind: 'line_enclosure', approachingTrain: { train: 'G1', inS: 60 }, injuries: true, crowd: true });
    expect(r.priority).toBe('P1');
    expect(codes(r)).toContain('capped');
    for (const reason of r.reasons) {
      expect(reason.zh).toMatch(/[\u4e00-\u9fff]|P\d/);
      expect(reason.en.length).toBeGreaterThan(0);
    }
    expect(computePriority({ ...base, basePriority: 'P1' }).priority).toBe('P1');
  });
});

describe('validatePriorityOverride', () => {
  it('needs no reason when nothing changes', () => {
    expect(validatePriorityOverride('P2', undefined, null)).toEqual({ ok: true, priority: 'P2', overridden: false });
    expect(validatePriorityOverride('P2', 'P2', null)).toEqual({ ok: true, priority: 'P2', overridden: false });
  });
  it('refuses a change without a real reason', () => {
    const r = validatePriorityOverride('P2', 'P4', ' ok ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.zh).toContain('理由');
  });
  it('accepts a change with a reason', () => {
    expect(validatePriorityOverride('P3', 'P1', '现场报告有爆炸物')).toEqual({ ok: true, priority: 'P1', overridden: true });
  });
});
