import { describe, expect, it } from 'vitest';
import { CoverInstance } from '@railjoint/contracts';
import { answeredBy, bestEta, coveredBy, coversWithin, postInstance, type DemandCell, type PostCandidate } from './build.js';

const cell = (id: string, weight: number): DemandCell => ({ id, lineId: 'l', measureM: 0, coordinates: [110, 25], weight });
const site = (id: string, agencyId: string | null, current = false): PostCandidate => ({ id, name: id, kind: current ? 'unit_post' : 'station', coordinates: [110, 25], current, agencyId });

describe('posts on the department data: the pure parts', () => {
  const cells = [cell('a', 4), cell('b', 3), cell('c', 2), cell('d', 1)];
  const covers = { s1: ['a', 'b'], s2: ['b', 'c'], s3: ['d'] };

  it('answers with capacities as a flow: divisible demand, each post at most its capacity', () => {
    // unlimited: the covered weight
    expect(answeredBy(['s1', 's2'], cells, covers)).toBe(coveredBy(['s1', 's2'], cells, covers).weight);
    expect(answeredBy(['s1', 's2'], cells, covers)).toBe(9);
    // capacity 5: s1 takes a (4) and 1 of b, s2 the other 2 of b and c (2) → 5 + 4 = 9
    expect(answeredBy(['s1', 's2'], cells, covers, 5)).toBeCloseTo(9);
    // capacity 3: s1 3 of a, s2 3 of b and c → 6, not the 3 + 3 a greedy split by cell might miss
    expect(answeredBy(['s1', 's2'], cells, covers, 3)).toBeCloseTo(6);
    // a post that covers little is bounded by what it covers
    expect(answeredBy(['s3'], cells, covers, 100)).toBeCloseTo(1);
    expect(answeredBy([], cells, covers, 5)).toBe(0);
    // the same post twice counts once
    expect(answeredBy(['s1', 's1'], cells, covers, 2)).toBeCloseTo(2);
  });

  it('builds the instance: current posts fixed and p more when kept, agencies as groups, budgets and capacity', () => {
    const candidates = [site('car', 'ps1', true), site('s1', 'ps1'), site('s2', 'ps2'), site('s3', null)];
    const kept = postInstance({ p: 2, keep: true, budgets: { ps1: 1 }, capacity: 5 }, candidates, cells, { car: ['a'], ...covers });
    expect(CoverInstance.safeParse(kept).success).toBe(true);
    expect(kept.p).toBe(3);
    expect(kept.sites).toEqual([
      { id: 'car', fixed: true, group: 'ps1', capacity: 5 },
      { id: 's1', group: 'ps1', capacity: 5 },
      { id: 's2', group: 'ps2', capacity: 5 },
      { id: 's3', capacity: 5 },
    ]);
    expect(kept.budgets).toEqual({ ps1: 1 });
    const scratch = postInstance({ p: 9, keep: false, budgets: {} }, candidates, cells, covers);
    expect(scratch.p).toBe(4);
    expect(scratch.sites.some((s) => s.fixed)).toBe(false);
    expect(scratch.budgets).toBeUndefined();
    expect(scratch.sites[0]).toEqual({ id: 'car', group: 'ps1' });
  });

  it('reads coverage and the fastest arrival from the ETA table', () => {
    const etas = new Map([
      ['a', new Map([['s1', 300.4], ['s2', 1000]])],
      ['b', new Map([['s2', 899.6]])],
      ['c', new Map<string, number>()],
    ]);
    const c = coversWithin([site('s1', null), site('s2', null)], etas, 900);
    expect(c).toEqual({ s1: ['a'], s2: ['b'] });
    expect(bestEta(etas.get('a'), new Set(['s1', 's2']))).toBe(300);
    expect(bestEta(etas.get('a'), new Set(['s2']))).toBe(1000);
    expect(bestEta(etas.get('c'), new Set(['s1']))).toBeNull();
    expect(bestEta(undefined, new Set(['s1']))).toBeNull();
  });
});
