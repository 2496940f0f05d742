import { describe, expect, it } from 'vitest';
import type { SchemeItem } from '@railjoint/contracts';
import { itemScore, rankTotals, schemeProblems, scoreAgency } from './model.js';
import { periodAt, periodEnded, periodRange, periodsBefore } from './period.js';
import { SchemeInput } from '@railjoint/contracts';
import { INDICATORS } from '../indicators/definitions.js';
import { DEMO_SCHEME } from './demo.js';

const lin = (target: number, floor: number, weight = 50): SchemeItem => ({ indicatorId: 'x', weight, target, floor, rule: 'linear' });

describe('assessment scores', () => {
  it('score linearly between floor and target, either way round, and clamp', () => {
    expect(itemScore(lin(90, 60), 'higher_better', 75)).toBe(50);
    expect(itemScore(lin(90, 60), 'higher_better', 95)).toBe(100);
    expect(itemScore(lin(90, 60), 'higher_better', 40)).toBe(0);
    // answer time: 60 s is the target, 300 s scores nothing
    expect(itemScore(lin(60, 300), 'lower_better', 120)).toBe(75);
    expect(itemScore(lin(60, 300), 'lower_better', 30)).toBe(100);
    expect(itemScore({ ...lin(95, 0), rule: 'threshold' }, 'higher_better', 94.9)).toBe(0);
    expect(itemScore({ ...lin(95, 0), rule: 'threshold' }, 'higher_better', 95)).toBe(100);
    expect(itemScore(lin(90, 60), 'higher_better', null)).toBeNull();
  });

  it('share the weight of an unmeasured item among the others', () => {
    const r = scoreAgency([
      { item: lin(90, 60, 60), direction: 'higher_better', value: 75 },
      { item: lin(90, 60, 20), direction: 'higher_better', value: 90 },
      { item: lin(90, 60, 20), direction: 'higher_better', value: null },
    ]);
    // (50·60 + 100·20) / 80
    expect(r.total).toBe(62.5);
    expect(r.items.map((x) => x.points)).toEqual([37.5, 25, null]);
    expect(scoreAgency([{ item: lin(90, 60), direction: 'higher_better', value: null }]).total).toBeNull();
  });

  it('rank with shared places and leave the unmeasured unranked', () => {
    expect(rankTotals([{ total: 80 }, { total: 92 }, { total: 80 }, { total: null }, { total: 70 }]).map((r) => r.rank)).toEqual([2, 1, 2, null, 4]);
  });

  it('hold the demo scheme to the same rules as any other (a renamed indicator fails here)', () => {
    expect(SchemeInput.safeParse(DEMO_SCHEME).success).toBe(true);
    expect(schemeProblems(DEMO_SCHEME.items, new Map(INDICATORS.map((i) => [i.id, i.direction])))).toEqual([]);
  });

  it('find unknown indicators and floors on the wrong side', () => {
    const dirs = new Map([['answer', 'lower_better' as const], ['ack', 'higher_better' as const]]);
    const problems = schemeProblems([{ ...lin(60, 30), indicatorId: 'answer' }, { ...lin(90, 95), indicatorId: 'ack' }, { ...lin(1, 0), indicatorId: 'nope' }], dirs);
    expect(problems.map((p) => p.field)).toEqual(['body.items[0].floor', 'body.items[1].floor', 'body.items[2].indicatorId']);
  });
});

describe('assessment periods', () => {
  it('are Beijing-time months and quarters', () => {
    expect(periodRange('2026-11')).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
    expect(periodRange('2026Q4')).toEqual({ from: '2026-09-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
    expect(periodsBefore('2026-02', 3)).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(periodsBefore('2026Q1', 2)).toEqual(['2025Q3', '2025Q4']);
    expect(periodAt(Date.parse('2026-11-30T16:30:00Z'), 'month')).toBe('2026-12');
    expect(periodAt(Date.parse('2026-11-30T15:30:00Z'), 'quarter')).toBe('2026Q4');
    expect(periodEnded('2026-11', Date.parse('2026-11-30T16:00:00Z'))).toBe(true);
    expect(periodEnded('2026-11', Date.parse('2026-11-30T15:59:59Z'))).toBe(false);
  });
});
