import { KPI_MAX_PERIOD_DAYS } from '@railjoint/contracts';
import { fieldError, validationError } from '../../platform/http/errors.js';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** Without a period asked for: the last day, the span ISA-18.2's figures are read over first. */
export const DEFAULT_KPI_PERIOD_MS = DAY_MS;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;

/**
 * The period of the figures: `to` defaults to now and `from` to a day before it. The contract
 * refuses a backwards or overlong period when both are given; a `from` alone is measured against
 * now here, so a year-old `from` is a 400 naming it rather than a silent cut. A period reaching
 * past now ends now: hours yet to come would count as quiet ones and dilute the hourly rate.
 */
export function kpiPeriod(q: { from?: string; to?: string }, nowMs: number): { fromMs: number; toMs: number } {
  const toMs = Math.min(q.to ? Date.parse(q.to) : nowMs, nowMs);
  const fromMs = q.from ? Date.parse(q.from) : toMs - DEFAULT_KPI_PERIOD_MS;
  if (fromMs >= nowMs) throw validationError([fieldError('query.from', '须早于现在', 'must be before now')]);
  if (fromMs >= toMs) throw validationError([fieldError('query.from', '须早于结束时间', 'must be before to')]);
  if (toMs - fromMs > KPI_MAX_PERIOD_DAYS * DAY_MS) throw validationError([fieldError('query.from', `统计期最长 ${KPI_MAX_PERIOD_DAYS} 天`, `the period is at most ${KPI_MAX_PERIOD_DAYS} days`)]);
  return { fromMs, toMs };
}

export interface DayRate {
  /** the Beijing date, YYYY-MM-DD */
  day: string;
  alarms: number;
  /** hours of that day inside the period: 24 but for the first and last day */
  hours: number;
  /** the most alarms in one clock hour of the day */
  peakHour: number;
}

/**
 * Alarm counts keyed by the start of their UTC hour, laid out over the period: every hour (a
 * quiet hour is a zero) when the period is at most `hourlyMaxDays` long, else none, as a chart of
 * thousands of hours reads as nothing; and every Beijing day with its total and busiest hour.
 */
export function hourlyAndDaily(counts: ReadonlyMap<number, number>, fromMs: number, toMs: number, hourlyMaxDays: number): { hourly: number[]; daily: DayRate[] } {
  const first = Math.floor(fromMs / HOUR_MS);
  const last = Math.floor((Math.max(toMs, fromMs + 1) - 1) / HOUR_MS);
  const keepHours = toMs - fromMs <= hourlyMaxDays * DAY_MS;
  const hourly: number[] = [];
  const days = new Map<number, DayRate>();
  for (let h = first; h <= last; h++) {
    const startMs = h * HOUR_MS;
    const n = counts.get(startMs) ?? 0;
    if (keepHours) hourly.push(n);
    // Beijing days start on a UTC hour, so an hour lies wholly inside one of them
    const dayNo = Math.floor((startMs + BEIJING_OFFSET_MS) / DAY_MS);
    const inPeriod = (Math.min(toMs, startMs + HOUR_MS) - Math.max(fromMs, startMs)) / HOUR_MS;
    const d = days.get(dayNo) ?? { day: new Date(dayNo * DAY_MS).toISOString().slice(0, 10), alarms: 0, hours: 0, peakHour: 0 };
    d.alarms += n;
    d.hours += inPeriod;
    d.peakHour = Math.max(d.peakHour, n);
    days.set(dayNo, d);
  }
  return { hourly, daily: [...days.values()].map((d) => ({ ...d, hours: Math.round(d.hours * 1000) / 1000 })) };
}
