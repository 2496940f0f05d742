import { KPI_MAX_PERIOD_DAYS } from '@railjoint/contracts';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;

export const PRESETS = ['24h', '7d', '30d', 'month'] as const;
export type Preset = (typeof PRESETS)[number];

/**
 * The period the KPI page shows. A preset is relative and is resolved against the platform's
 * clock each time the figures are fetched, so "the last 24 hours" stays the last 24 hours while
 * the page is open and when a link is opened tomorrow; a custom period is two Beijing wall
 * times (`YYYY-MM-DDTHH:mm`, as a `datetime-local` field holds them), fixed.
 */
export type KpiPeriod = { kind: Preset } | { kind: 'custom'; from: string; to: string };

export const DEFAULT_PERIOD: KpiPeriod = { kind: '24h' };

const WALL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A Beijing wall time as an instant; NaN when it is not one. */
export function fromBeijingWall(wall: string): number {
  return WALL.test(wall) ? Date.parse(`${wall}:00+08:00`) : Number.NaN;
}

/** An instant as a Beijing wall time, to the minute. */
export function toBeijingWall(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16);
}

export type PeriodProblem = 'invalid' | 'backwards' | 'tooLong' | 'future';

/** What is wrong with a custom period, checked as the server will check it. */
export function customProblem(from: string, to: string, nowMs: number): PeriodProblem | null {
  const f = fromBeijingWall(from);
  const t = fromBeijingWall(to);
  if (!Number.isFinite(f) || !Number.isFinite(t)) return 'invalid';
  if (t <= f) return 'backwards';
  if (f >= nowMs) return 'future';
  if (t - f > KPI_MAX_PERIOD_DAYS * DAY_MS) return 'tooLong';
  return null;
}

/**
 * The period in the address (`?period=7d`, or `?from=…&to=…` in Beijing time); anything
 * unreadable falls back to the default rather than an error page, as a link may be mangled.
 */
export function readPeriod(params: URLSearchParams, nowMs: number): KpiPeriod {
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null && to !== null && customProblem(from, to, nowMs) === null) return { kind: 'custom', from, to };
  const preset = params.get('period');
  return (PRESETS as readonly string[]).includes(preset ?? '') ? { kind: preset as Preset } : DEFAULT_PERIOD;
}

/** The address's parameters for a period, others kept; the default leaves the address clean. */
export function writePeriod(params: URLSearchParams, p: KpiPeriod): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const k of ['period', 'from', 'to']) next.delete(k);
  if (p.kind === 'custom') {
    next.set('from', p.from);
    next.set('to', p.to);
  } else if (p.kind !== DEFAULT_PERIOD.kind) {
    next.set('period', p.kind);
  }
  return next;
}

/** Midnight Beijing time on the first of the Beijing month `ms` falls in. */
function beijingMonthStart(ms: number): number {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - BEIJING_OFFSET_MS;
}

/** The period as instants to ask the server for, `nowMs` being the platform's now (a custom one starts before it). */
export function resolvePeriod(p: KpiPeriod, nowMs: number): { from: string; to: string } {
  const iso = (ms: number) => new Date(ms).toISOString();
  switch (p.kind) {
    case '24h':
      return { from: iso(nowMs - DAY_MS), to: iso(nowMs) };
    case '7d':
      return { from: iso(nowMs - 7 * DAY_MS), to: iso(nowMs) };
    case '30d':
      return { from: iso(nowMs - 30 * DAY_MS), to: iso(nowMs) };
    case 'month': {
      // on the first at midnight the month is a moment old: the server wants from before to
      const start = beijingMonthStart(nowMs);
      return { from: iso(start), to: iso(Math.max(nowMs, start + 60_000)) };
    }
    case 'custom':
      // a period still running ends now, as the server would end it, so every card says the same
      return { from: iso(fromBeijingWall(p.from)), to: iso(Math.min(fromBeijingWall(p.to), nowMs)) };
  }
}

/** A stable key for the period, for the query cache: presets by name, custom periods by their ends. */
export function periodKey(p: KpiPeriod): string {
  return p.kind === 'custom' ? `${p.from}/${p.to}` : p.kind;
}

/** Whether a period is short for judging devices by false alarms (a day holds too few). */
export function shortForFalseRates(fromIso: string, toIso: string): boolean {
  return Date.parse(toIso) - Date.parse(fromIso) < 7 * DAY_MS;
}
