import type { AgencyType, BriefingKind } from '@railjoint/contracts';

/** Beijing keeps no daylight saving: its days start at 16:00 UTC the day before, always. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export interface Period {
  kind: BriefingKind;
  /** 2026-12-03 (daily), the Monday 2026-11-30 (weekly), 2026-12 (monthly) */
  period: string;
  /** [from, to) as instants */
  fromMs: number;
  toMs: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Beijing calendar date of an instant, as UTC fields of a shifted Date. */
function beijingDate(ms: number): Date {
  return new Date(ms + BEIJING_OFFSET_MS);
}

/** The instant Beijing midnight of y-m-d happens (month 1-based; overflowing days roll over). */
function beijingMidnight(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) - BEIJING_OFFSET_MS;
}

export function dayLabel(ms: number): string {
  const d = beijingDate(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The instants a named period covers; the name is assumed valid (the contract checked it). */
export function periodOf(kind: BriefingKind, period: string): Period {
  const [y, m, d] = period.split('-').map(Number) as [number, number, number | undefined];
  if (kind === 'monthly') return { kind, period, fromMs: beijingMidnight(y, m, 1), toMs: beijingMidnight(y, m + 1, 1) };
  const fromMs = beijingMidnight(y, m, d!);
  return { kind, period, fromMs, toMs: fromMs + (kind === 'weekly' ? 7 : 1) * DAY_MS };
}

/** The period of this kind that holds the instant. */
export function periodAt(kind: BriefingKind, ms: number): Period {
  const d = beijingDate(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  if (kind === 'monthly') return periodOf(kind, `${y}-${pad(m)}`);
  if (kind === 'daily') return periodOf(kind, dayLabel(ms));
  // weeks start on Monday (getUTCDay: 0 is Sunday)
  const back = (d.getUTCDay() + 6) % 7;
  return periodOf(kind, dayLabel(ms - back * DAY_MS));
}

/** The period just before this one. */
export function previousPeriod(p: Period): Period {
  return periodAt(p.kind, p.fromMs - 1);
}

export interface BriefingSchedule {
  /** minutes after Beijing midnight a briefing is made on the day after its period ends (08:00 → 480) */
  atMinute: number;
  kinds: BriefingKind[];
}

export const DEFAULT_SCHEDULE: BriefingSchedule = { atMinute: 8 * 60, kinds: ['daily', 'weekly', 'monthly'] };

/**
 * `RAILJOINT_BRIEFING_AT` (HH:MM, Beijing) and `RAILJOINT_BRIEFING_KINDS` (daily,weekly,monthly;
 * `none` for no schedule). Unset: every kind at 08:00. A bad value is refused at start.
 */
export function parseSchedule(at: string | undefined, kinds: string | undefined): BriefingSchedule {
  let atMinute = DEFAULT_SCHEDULE.atMinute;
  if (at !== undefined && at.trim() !== '') {
    const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(at.trim());
    if (!m) throw new Error(`RAILJOINT_BRIEFING_AT must be HH:MM (Beijing time), not "${at}"`);
    atMinute = Number(m[1]) * 60 + Number(m[2]);
  }
  let list = DEFAULT_SCHEDULE.kinds;
  if (kinds !== undefined && kinds.trim() !== '') {
    const names = kinds.split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length === 1 && names[0] === 'none') list = [];
    else {
      const bad = names.filter((n) => !(['daily', 'weekly', 'monthly'] as string[]).includes(n));
      if (bad.length) throw new Error(`RAILJOINT_BRIEFING_KINDS: unknown kind ${bad.join(', ')} (daily, weekly, monthly or none)`);
      list = [...new Set(names)] as BriefingKind[];
    }
  }
  return { atMinute, kinds: list };
}

/**
 * The briefings the schedule owes at this instant: for each kind, the latest period whose
 * publication time (its end plus the configured time of day) has passed. Only the latest: a
 * platform that was down for a week makes last week's daily briefing for yesterday only, not
 * seven; the centre asks for older ones by hand.
 */
export function dueBriefings(schedule: BriefingSchedule, nowMs: number): Period[] {
  return schedule.kinds.map((kind) => {
    let p = previousPeriod(periodAt(kind, nowMs));
    if (p.toMs + schedule.atMinute * 60_000 > nowMs) p = previousPeriod(p);
    return p;
  });
}

/** A period may be briefed once it is over. */
export function isOver(p: Period, nowMs: number): boolean {
  return p.toMs <= nowMs;
}

export const KIND_ZH: Record<BriefingKind, string> = { daily: '每日警情通报', weekly: '每周警情通报', monthly: '每月警情通报' };
export const KIND_EN: Record<BriefingKind, string> = { daily: 'Daily incident briefing', weekly: 'Weekly incident briefing', monthly: 'Monthly incident briefing' };

/** 2026年12月3日 / 2026年11月30日—12月6日 / 2026年12月 */
export function periodTitleZh(p: Period): string {
  const f = beijingDate(p.fromMs);
  const l = beijingDate(p.toMs - 1);
  const ymd = (d: Date) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  if (p.kind === 'daily') return ymd(f);
  if (p.kind === 'monthly') return `${f.getUTCFullYear()}年${f.getUTCMonth() + 1}月`;
  return `${ymd(f)}—${l.getUTCMonth() + 1}月${l.getUTCDate()}日`;
}

export function briefingTitle(p: Period): string {
  return `${KIND_ZH[p.kind]}（${periodTitleZh(p)}）`;
}

/** JQTB-D20261203, JQTB-W20261130, JQTB-M202612: one per kind and period, like the unique key. */
export function briefingCode(p: Period): string {
  return `JQTB-${p.kind === 'daily' ? 'D' : p.kind === 'weekly' ? 'W' : 'M'}${p.period.replace(/-/g, '')}`;
}

/** The Beijing hour of day an instant falls in. */
export function beijingHour(ms: number): number {
  return beijingDate(ms).getUTCHours();
}

/**
 * The member agencies of the joint mechanism a briefing goes to: the police, the counties and
 * townships, the railway's stations and sections. Volunteer teams and security companies get
 * their work through their agencies, not the department's incident figures.
 */
export const MEMBER_TYPES: readonly AgencyType[] = [
  'railway_police_bureau',
  'railway_police_department',
  'railway_police_station',
  'train_police_team',
  'county_police_bureau',
  'township',
  'railway_station',
  'track_maintenance_section',
  'power_supply_section',
];

export type NotableReason = 'p1' | 'p2' | 'joint_command' | 'transfer_declined' | 'limit_breached';

/** Why an incident is worth naming in a briefing, most serious first; none: it is not. */
export function notableReasons(i: { priority: string; command: boolean; declined: boolean; breached: boolean }): NotableReason[] {
  const r: NotableReason[] = [];
  if (i.priority === 'P1') r.push('p1');
  if (i.priority === 'P2') r.push('p2');
  if (i.command) r.push('joint_command');
  if (i.declined) r.push('transfer_declined');
  if (i.breached) r.push('limit_breached');
  return r;
}

const REASON_RANK: Record<NotableReason, number> = { p1: 0, joint_command: 1, limit_breached: 2, transfer_declined: 3, p2: 4 };

/** Most serious first, then the earliest. */
export function byNotability<T extends { reasons: NotableReason[]; receivedAt: string }>(a: T, b: T): number {
  const rank = (x: T) => Math.min(...x.reasons.map((r) => REASON_RANK[r]));
  return rank(a) - rank(b) || a.receivedAt.localeCompare(b.receivedAt);
}

export const REASON_ZH: Record<NotableReason, string> = { p1: '一级警情', p2: '二级警情', joint_command: '启动联合指挥', transfer_declined: '移交被拒', limit_breached: '超出处置时限' };
