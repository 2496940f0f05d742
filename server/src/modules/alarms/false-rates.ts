/**
 * False-alarm rates: of the alarms a device (or a kind of device) raised over a period, the share
 * operators marked false. An alarm counts in a period when it was raised before the period ended
 * and last repeated within it; alarms a rule explained (a train passing) or that chatter are left
 * out, as they never reached an operator to be judged.
 */

const DAY_MS = 86_400_000;
/** Beijing days: the reports and the console speak of Beijing dates. */
const BEIJING_OFFSET_MS = 8 * 3600_000;
/** The longest period the rates are asked for: a year of days is the most a chart draws. */
export const MAX_PERIOD_MS = 366 * DAY_MS;
/** Without a period asked for: a month, as a day is too few alarms to judge a device by. */
export const DEFAULT_PERIOD_MS = 30 * DAY_MS;

export interface Counted {
  alarms: number;
  falseAlarms: number;
}

export interface DeviceCount extends Counted {
  deviceId: string;
  kind: string;
}

/** The share marked false, to four places; no alarms is no false alarms, not an undefined rate. */
export function falseRate(c: Counted): number {
  if (c.alarms <= 0) return 0;
  return Math.round((Math.min(c.falseAlarms, c.alarms) / c.alarms) * 10_000) / 10_000;
}

/**
 * The devices that mislead most first: by rate, then by how many false alarms (ten of twenty
 * weighs more than one of two), then by id so the order is stable.
 */
export function rankDevices<T extends DeviceCount>(rows: readonly T[]): Array<T & { rate: number }> {
  return rows
    .map((r) => ({ ...r, rate: falseRate(r) }))
    .sort((a, b) => b.rate - a.rate || b.falseAlarms - a.falseAlarms || b.alarms - a.alarms || (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0));
}

/** Per kind of device, summed over its devices, kinds with the most alarms first. */
export function byKind(rows: readonly DeviceCount[]): Array<{ kind: string; alarms: number; falseAlarms: number; rate: number }> {
  const kinds = new Map<string, Counted>();
  for (const r of rows) {
    const e = kinds.get(r.kind) ?? { alarms: 0, falseAlarms: 0 };
    e.alarms += r.alarms;
    e.falseAlarms += r.falseAlarms;
    kinds.set(r.kind, e);
  }
  return [...kinds]
    .map(([kind, e]) => ({ kind, ...e, rate: falseRate(e) }))
    .sort((a, b) => b.alarms - a.alarms || (a.kind < b.kind ? -1 : 1));
}

/**
 * The period asked for, made whole: `to` defaults to now, `from` to a month before it, and a
 * period longer than a year is cut to the year before `to`.
 */
export function period(q: { from?: string; to?: string }, nowMs: number): { fromMs: number; toMs: number } {
  const toMs = q.to ? Date.parse(q.to) : nowMs;
  const asked = q.from ? Date.parse(q.from) : toMs - DEFAULT_PERIOD_MS;
  return { fromMs: Math.max(asked, toMs - MAX_PERIOD_MS), toMs };
}

function beijingDay(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);
}

function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Alarms and false alarms per Beijing day of the period, oldest first, every day present (a quiet
 * day is a zero, not a gap). An alarm counts on the day it was raised, or on the period's first day
 * when it was raised before the period.
 */
export function daily(alarms: ReadonlyArray<{ firstAt: string; falseAt: string | null }>, fromMs: number, toMs: number): Array<{ day: string; alarms: number; falseAlarms: number }> {
  const first = beijingDay(fromMs);
  const last = beijingDay(Math.max(fromMs, toMs - 1));
  const out = Array.from({ length: last - first + 1 }, (_, i) => ({ day: dayText(first + i), alarms: 0, falseAlarms: 0 }));
  for (const a of alarms) {
    const i = beijingDay(Math.max(fromMs, Math.min(Date.parse(a.firstAt), toMs - 1))) - first;
    const slot = out[i];
    if (!slot) continue;
    slot.alarms++;
    if (a.falseAt) slot.falseAlarms++;
  }
  return out;
}
