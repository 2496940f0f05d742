import { describe, expect, it } from 'vitest';
import { carriedTo, decisionState, isOverdue, recordProblems } from './model.js';

describe('joint meeting rules', () => {
  it('follows the task order: completed is done, cancelled is cancelled, anything else open', () => {
    expect(['issued', 'acknowledged', 'in_progress', 'completed', 'cancelled'].map(decisionState)).toEqual(['open', 'open', 'open', 'done', 'cancelled']);
    expect(isOverdue('open', '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z')).toBe(true);
    expect(isOverdue('done', '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z')).toBe(false);
    expect(isOverdue('open', '2026-12-03T00:00:00.000Z', '2026-12-02T00:00:00.000Z')).toBe(false);
  });

  it('carries open decisions of earlier meetings to a later one that invites their owner', () => {
    const d = (id: string, meetingId: string, meetingAt: string, ownerAgencyId: string, state: 'open' | 'done' = 'open') => ({ id, meetingId, meetingAt, ownerAgencyId, state });
    const decisions = [
      d('a', 'm1', '2026-11-01T02:00:00Z', 'cb-yufeng'),
      d('b', 'm1', '2026-11-01T02:00:00Z', 'cb-liubei', 'done'),
      d('c', 'm1', '2026-11-01T02:00:00Z', 'tw-tianma'),
      d('e', 'm3', '2027-01-01T02:00:00Z', 'cb-yufeng'),
    ];
    const next = { id: 'm2', scheduledAt: '2026-12-01T02:00:00Z', agencies: ['lz-centre', 'cb-yufeng', 'cb-liubei'] };
    expect(carriedTo(next, decisions).map((x) => x.id)).toEqual(['a']);
  });

  it('names every problem of a record', () => {
    const problems = recordProblems(
      {
        attendance: [
          { agencyId: 'cb-yufeng', attended: true },
          { agencyId: 'cb-yufeng', attended: false },
          { agencyId: 'cb-x', attended: true },
        ],
        minutes: '纪要',
        decisions: [
          { text: '修护网', ownerAgencyId: 'nope', dueAt: '2026-12-20T00:00:00Z' },
          { text: '巡逻', ownerAgencyId: 'cb-yufeng', dueAt: '2026-11-20T00:00:00Z' },
        ],
      },
      ['cb-yufeng', 'lz-centre'],
      '2026-12-01T02:00:00.000Z',
      (id) => id !== 'nope',
    );
    expect(problems.map((p) => p.field)).toEqual(['body.attendance[1].agencyId', 'body.attendance[2].agencyId', 'body.decisions[0].ownerAgencyId', 'body.decisions[1].dueAt']);
  });
});
