import crypto from 'node:crypto';

/**
 * The day's duties from a plan, as a pure function. Windows are Beijing times: China keeps UTC+8
 * all year (no daylight saving since 1991), so a fixed offset is exact. A patrol plan splits each
 * window into `rounds` equal slots, each asking for every checkpoint once; a sentinel plan splits
 * each shift into slots of `checkEveryH` hours (the last one shorter), each asking for a check-in
 * at every post.
 */
export interface PlanForDuties {
  id: string;
  version: number;
  kind: 'patrol' | 'sentinel';
  days: readonly number[];
  windows: ReadonlyArray<{ from: string; to: string }>;
  rounds: number;
  checkEveryH: number | null;
  validFrom: string;
  validUntil: string | null;
  active: boolean;
}

export interface DutySlotPlan {
  id: string;
  date: string;
  /** which window of the plan, and which slot within it */
  window: number;
  slot: number;
  start: string;
  end: string;
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The Beijing date (YYYY-MM-DD) of an instant. */
export function beijingDate(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The instant of a Beijing wall-clock time on a date. */
export function beijingInstant(date: string, hhmm: string): number {
  return Date.parse(`${date}T${hhmm}:00Z`) - BEIJING_OFFSET_MS;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A duty's id follows from what it is, so every instance generating the same day writes the same rows. */
export function dutyId(planId: string, version: number, date: string, window: number, slot: number): string {
  return `d-${crypto.createHash('sha256').update(`${planId}\n${version}\n${date}\n${window}\n${slot}`).digest('hex').slice(0, 24)}`;
}

export function dutiesFor(plan: PlanForDuties, date: string): DutySlotPlan[] {
  if (!plan.active || date < plan.validFrom || (plan.validUntil !== null && date > plan.validUntil)) return [];
  if (!plan.days.includes(isoWeekday(date))) return [];
  const out: DutySlotPlan[] = [];
  plan.windows.forEach((w, wi) => {
    const start = beijingInstant(date, w.from);
    let end = beijingInstant(date, w.to);
    // a window ending at or before it starts runs past midnight (22:00–06:00)
    if (end <= start) end += 86_400_000;
    const bounds: Array<[number, number]> = [];
    if (plan.kind === 'sentinel') {
      const step = (plan.checkEveryH ?? 1) * 3600_000;
      for (let s = start; s < end; s += step) bounds.push([s, Math.min(s + step, end)]);
    } else {
      const step = (end - start) / plan.rounds;
      for (let r = 0; r < plan.rounds; r++) bounds.push([Math.round(start + r * step), Math.round(start + (r + 1) * step)]);
    }
    bounds.forEach(([s, e], si) => out.push({ id: dutyId(plan.id, plan.version, date, wi, si), date, window: wi, slot: si, start: new Date(s).toISOString(), end: new Date(e).toISOString() }));
  });
  return out;
}

/** A duty's state for the phone and the centre, from the slot's times and how many of its checkpoints were done. */
export function dutyStatus(d: { start: string; end: string }, done: number, total: number, now: number, graceS: number): 'upcoming' | 'open' | 'done' | 'partly_done' | 'missed' {
  if (total > 0 && done >= total) return 'done';
  if (now < Date.parse(d.start)) return 'upcoming';
  if (now <= Date.parse(d.end) + graceS * 1000) return 'open';
  return done > 0 ? 'partly_done' : 'missed';
}
