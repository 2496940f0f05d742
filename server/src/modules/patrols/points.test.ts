import { describe, expect, it } from 'vitest';
import { beijingMonth, patrolHours, statementCsv, statementRows, statementTotals } from './points.js';

describe('hours, points and statements', () => {
  it('caps a patrol left running and never counts backwards', () => {
    expect(patrolHours('2026-12-01T00:00:00Z', '2026-12-01T02:30:00Z')).toBe(2.5);
    expect(patrolHours('2026-12-01T00:00:00Z', '2026-12-02T12:00:00Z')).toBe(16);
    expect(patrolHours('2026-12-01T02:00:00Z', '2026-12-01T01:00:00Z')).toBe(0);
    expect(beijingMonth(Date.parse('2026-11-30T17:00:00Z'))).toBe('2026-12');
  });

  it('sums each member’s credits, counts a patrol once and leaves credits of strangers out', () => {
    const rows = statementRows(
      [
        { id: 'm1', label: '韦志强', active: true },
        { id: 'm2', label: '队员2', active: true },
        { id: 'm3', label: '队员3', active: false },
      ],
      [
        { memberId: 'm1', kind: 'patrol_hours', points: 0, hours: 2.5, refId: 'p1' },
        { memberId: 'm1', kind: 'check_in_on_time', points: 2, hours: 0, refId: 'c1' },
        { memberId: 'm1', kind: 'check_in_late', points: 1, hours: 0, refId: 'c2' },
        { memberId: 'm2', kind: 'finding_filed', points: 3, hours: 0, refId: 'f1' },
        { memberId: 'm2', kind: 'finding_useful', points: 10, hours: 0, refId: 'f1' },
        { memberId: 'zz', kind: 'check_in_on_time', points: 2, hours: 0, refId: 'c9' },
      ],
    );
    expect(rows.map((r) => r.memberId)).toEqual(['m2', 'm1']);
    expect(rows[1]).toMatchObject({ patrols: 1, hours: 2.5, checkInsOnTime: 1, checkInsLate: 1, points: 3 });
    expect(statementTotals(rows)).toMatchObject({ points: 16, findings: 1, usefulFindings: 1, hours: 2.5 });
  });

  it('writes CSV Excel reads in Chinese, with formula-looking names defused', () => {
    const s = { month: '2026-12', teamId: 't', teamName: 'T', rows: [{ memberId: 'm', label: '=HYPERLINK("x")', patrols: 1, hours: 1, checkInsOnTime: 1, checkInsLate: 0, findings: 0, usefulFindings: 0, points: 2 }], totals: { patrols: 1, hours: 1, checkInsOnTime: 1, checkInsLate: 0, findings: 0, usefulFindings: 0, points: 2 } };
    const csv = statementCsv(s, 'zh-CN');
    expect(csv.startsWith('\uFEFF队员,巡逻次数')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")",1,1,1,0,0,0,2`);
    expect(csv.trimEnd().split('\r\n').at(-1)).toBe('合计,1,1,1,0,0,0,2');
  });
});
