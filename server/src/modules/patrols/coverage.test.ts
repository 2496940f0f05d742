import { describe, expect, it } from 'vitest';
import { coverageTotals, sectionCoverage, type CoverageInput } from './coverage.js';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const base: CoverageInput = {
  sections: [
    { id: 's1', lineId: 'l', name: 'A—B' },
    { id: 's2', lineId: 'l', name: 'B—C' },
    { id: 's3', lineId: 'l', name: 'C—D' },
  ],
  risk: new Map([['s2', 2.5]]),
  lastPatrolled: new Map([['s1', '2026-12-01T07:00:00Z']]),
  sectionOf: new Map<string, string | null>([['a', 's1'], ['b', 's1'], ['c', 's2'], ['x', null]]),
  duties: [
    { id: 'd1', planId: 'p1', joint: false, end: '2026-12-01T08:00:00Z', checkpointIds: ['a', 'b', 'x'] },
    { id: 'd2', planId: 'p2', joint: true, end: '2026-12-01T12:00:00Z', checkpointIds: ['b', 'c'] },
    { id: 'd3', planId: 'p2', joint: true, end: '2026-12-01T06:00:00Z', checkpointIds: ['c'] },
  ],
  done: new Map<string, Map<string, { late: boolean }>>([
    ['d1', new Map([['a', { late: false }]])],
    ['d2', new Map([['b', { late: true }]])],
    ['d3', new Map([['c', { late: false }]])],
  ]),
  agencies: new Map([['d2', new Set(['x'])], ['d3', new Set(['x', 'y'])]]),
  now: NOW,
  graceS: 900,
};

describe('coverage per section', () => {
  it('counts each duty’s visits under the section of its checkpoint: on time, late, missed after the grace, pending before', () => {
    const rows = sectionCoverage(base);
    const s1 = rows.find((r) => r.sectionId === 's1')!;
    expect(s1).toMatchObject({ planned: 3, onTime: 1, late: 1, missed: 1, pending: 0, hoursSince: 3, riskWeight: 1, planIds: ['p1', 'p2'] });
    const s2 = rows.find((r) => r.sectionId === 's2')!;
    expect(s2).toMatchObject({ planned: 2, onTime: 1, pending: 1, riskWeight: 2.5, lastPatrolledAt: null, hoursSince: null });
  });

  it('counts a joint duty as done jointly only when two agencies checked in for it', () => {
    const s2 = sectionCoverage(base).find((r) => r.sectionId === 's2')!;
    expect(s2).toMatchObject({ jointPlanned: 2, jointDone: 1 });
  });

  it('shows sections nobody planned, and totals the day', () => {
    const rows = sectionCoverage(base);
    expect(rows.find((r) => r.sectionId === 's3')).toMatchObject({ planned: 0, planIds: [] });
    expect(coverageTotals(rows, Date.parse('2026-11-30T16:00:00Z'))).toMatchObject({ sections: 3, patrolledToday: 1, planned: 5, onTime: 2, late: 1, missed: 1, pending: 1, jointPlanned: 3, jointDone: 1 });
  });
});
