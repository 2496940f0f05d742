import type { Statement } from '@railjoint/contracts';

/**
 * Volunteer hours and points (积分) as data: what each credit is worth. Points reward work that
 * can be checked — a verified check-in, a finding that became an incident, a report that proved
 * useful when its incident was closed — never a mere tap on the phone.
 */
export const POINT_RULES = {
  check_in_on_time: 2,
  check_in_late: 1,
  finding_filed: 3,
  finding_useful: 10,
  report_useful: 10,
  patrol_hours: 0,
} as const;
export type CreditKind = keyof typeof POINT_RULES;

/** Outcomes of an incident that make the finding or report behind it not useful: nothing earns points for them. */
export const NOT_USEFUL_OUTCOMES: readonly string[] = ['false_alarm', 'nothing_found', 'malicious_report'];

/** A patrol longer than this was left running (a phone forgotten in a pocket): its hours are capped. */
export const MAX_PATROL_HOURS = 16;

export function patrolHours(startedAt: string, finishedAt: string): number {
  const h = (Date.parse(finishedAt) - Date.parse(startedAt)) / 3600_000;
  return Math.round(Math.min(MAX_PATROL_HOURS, Math.max(0, h)) * 100) / 100;
}

/** The Beijing month (YYYY-MM) of an instant: statements follow the department's calendar. */
export function beijingMonth(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 7);
}

export interface Credit {
  memberId: string | null;
  kind: string;
  points: number;
  hours: number;
  refId: string;
}

type Row = Statement['rows'][number];

/** One row per member (inactive ones too, if they earned anything), credits summed; patrols counted once each. */
export function statementRows(members: ReadonlyArray<{ id: string; label: string; active: boolean }>, credits: readonly Credit[]): Row[] {
  const rows = new Map<string, Row & { patrolIds: Set<string> }>();
  const rowFor = (id: string, label: string) => {
    let r = rows.get(id);
    if (!r) {
      r = { memberId: id, label, patrols: 0, hours: 0, checkInsOnTime: 0, checkInsLate: 0, findings: 0, usefulFindings: 0, points: 0, patrolIds: new Set() };
      rows.set(id, r);
    }
    return r;
  };
  const labels = new Map(members.map((m) => [m.id, m.label]));
  for (const m of members) if (m.active) rowFor(m.id, m.label);
  for (const c of credits) {
    if (c.memberId === null || !labels.has(c.memberId)) continue;
    const r = rowFor(c.memberId, labels.get(c.memberId)!);
    r.points += c.points;
    r.hours = Math.round((r.hours + c.hours) * 100) / 100;
    if (c.kind === 'patrol_hours') r.patrolIds.add(c.refId);
    if (c.kind === 'check_in_on_time') r.checkInsOnTime++;
    if (c.kind === 'check_in_late') r.checkInsLate++;
    if (c.kind === 'finding_filed') r.findings++;
    if (c.kind === 'finding_useful') r.usefulFindings++;
  }
  return [...rows.values()].map(({ patrolIds, ...r }) => ({ ...r, patrols: patrolIds.size })).sort((a, b) => b.points - a.points || a.label.localeCompare(b.label));
}

export function statementTotals(rows: readonly Row[]): Statement['totals'] {
  const sum = (f: (r: Row) => number) => rows.reduce((n, r) => n + f(r), 0);
  return {
    patrols: sum((r) => r.patrols),
    hours: Math.round(sum((r) => r.hours) * 100) / 100,
    checkInsOnTime: sum((r) => r.checkInsOnTime),
    checkInsLate: sum((r) => r.checkInsLate),
    findings: sum((r) => r.findings),
    usefulFindings: sum((r) => r.usefulFindings),
    points: sum((r) => r.points),
  };
}

const HEADERS = {
  'zh-CN': ['队员', '巡逻次数', '时长(小时)', '按时打卡', '迟到打卡', '发现上报', '有效发现', '积分'],
  en: ['Member', 'Patrols', 'Hours', 'On-time check-ins', 'Late check-ins', 'Findings', 'Useful findings', 'Points'],
};

/** CSV (RFC 4180) with a BOM, so Excel opens the Chinese names correctly. Formula-looking cells are defused. */
export function statementCsv(s: Statement, lang: 'zh-CN' | 'en'): string {
  const cell = (v: string | number) => {
    let t = String(v);
    if (/^[=+\-@\t\r]/.test(t)) t = `'${t}`;
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const line = (r: Row) => [r.label, r.patrols, r.hours, r.checkInsOnTime, r.checkInsLate, r.findings, r.usefulFindings, r.points].map(cell).join(',');
  const total = { memberId: '', label: lang === 'en' ? 'Total' : '合计', ...s.totals };
  return `\uFEFF${[HEADERS[lang].join(','), ...s.rows.map(line), line(total)].join('\r\n')}\r\n`;
}
