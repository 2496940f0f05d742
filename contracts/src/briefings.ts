import { z } from 'zod';
import { Id } from './common.js';

/**
 * Briefings (每日警情通报, 周报, 月报): the figures of a period of Beijing days — incidents by
 * category, line, agency and hour, the notable ones, what the other modules report — with charts,
 * as HTML and PDF, published once per kind and period as a bulletin to the member agencies.
 */
export const BRIEFING_KINDS = ['daily', 'weekly', 'monthly'] as const;
export const BriefingKind = z.enum(BRIEFING_KINDS);
export type BriefingKind = z.infer<typeof BriefingKind>;

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A real calendar day (2026-02-30 is not), and its weekday (0 Sunday … 6 Saturday). */
function calendarDay(s: string): { ok: boolean; weekday: number } {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return { ok: t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d, weekday: t.getUTCDay() };
}

/**
 * Which briefing: a daily one names its day (2026-12-03), a weekly one the Monday it starts
 * (2026-11-30), a monthly one its month (2026-12), all in Beijing time.
 */
export const BriefingRequest = z
  .object({ kind: BriefingKind, period: z.string().trim().max(10) })
  .superRefine((v, ctx) => {
    const bad = (zh: string, en: string) => ctx.addIssue({ code: 'custom', path: ['period'], message: en, params: { zh } });
    if (v.kind === 'monthly') {
      if (!MONTH.test(v.period)) bad('月报的期间写作 YYYY-MM', 'a monthly briefing names its month, YYYY-MM');
      return;
    }
    if (!DAY.test(v.period) || !calendarDay(v.period).ok) return bad('期间写作 YYYY-MM-DD', 'the period is a day, YYYY-MM-DD');
    if (v.kind === 'weekly' && calendarDay(v.period).weekday !== 1) bad('周报的期间是该周的星期一', 'a weekly briefing names the Monday its week starts');
  });
export type BriefingRequest = z.infer<typeof BriefingRequest>;

export const Counted = z.object({ id: z.string(), name: z.string(), count: z.number().int().nonnegative() });
export type CountedItem = z.infer<typeof Counted>;

export const NOTABLE_REASONS = ['p1', 'p2', 'joint_command', 'transfer_declined', 'limit_breached'] as const;
export const NotableReason = z.enum(NOTABLE_REASONS);

export const NotableIncident = z.object({
  incidentId: z.string(),
  code: z.string(),
  priority: z.string(),
  category: z.string(),
  /** line and mileage, or the station, or the train */
  place: z.string(),
  receivedAt: z.string(),
  status: z.string(),
  leadAgency: z.string().nullable(),
  reasons: z.array(NotableReason),
});
export type NotableIncident = z.infer<typeof NotableIncident>;

export const BriefingFigures = z.object({
  totals: z.object({
    received: z.number().int(),
    /** closed, cleared or cancelled within the period, whenever received */
    closed: z.number().int(),
    /** received in the period and still open at its end */
    stillOpen: z.number().int(),
    byPriority: z.object({ P1: z.number().int(), P2: z.number().int(), P3: z.number().int(), P4: z.number().int() }),
    jointCommands: z.number().int(),
    transfersDeclined: z.number().int(),
    limitBreaches: z.number().int(),
  }),
  byCategory: z.array(Counted),
  byLine: z.array(Counted),
  byAgency: z.array(Counted),
  /** by the Beijing hour of day they were received, 0–23 */
  byHour: z.array(z.number().int()).length(24),
  notable: z.array(NotableIncident),
  /** how many notable incidents there were beyond the list's length */
  notableMore: z.number().int(),
  modules: z.object({
    hazards: z.object({ reported: z.number().int(), closed: z.number().int(), overdue: z.number().int() }),
    alarms: z.object({ raised: z.number().int(), falseAlarms: z.number().int() }),
    patrols: z.object({ duties: z.number().int(), patrolsFinished: z.number().int() }),
    publicReports: z.object({ received: z.number().int() }),
  }),
});
export type BriefingFigures = z.infer<typeof BriefingFigures>;

export const BriefingSummary = z.object({
  id: Id,
  code: z.string(),
  kind: BriefingKind,
  period: z.string(),
  /** the period, [from, to) in UTC instants */
  from: z.string(),
  to: z.string(),
  title: z.string(),
  generatedAt: z.string(),
  /** who asked for it; null: the schedule */
  generatedBy: z.string().nullable(),
  bulletinId: z.string(),
  bulletinCode: z.string(),
  recipients: z.number().int(),
  received: z.number().int(),
});
export type BriefingSummary = z.infer<typeof BriefingSummary>;

export const Briefing = BriefingSummary.extend({ figures: BriefingFigures });
export type Briefing = z.infer<typeof Briefing>;

export const BriefingList = z.object({ briefings: z.array(BriefingSummary) });
export type BriefingList = z.infer<typeof BriefingList>;

export const BriefingQuery = z.object({ kind: BriefingKind.optional() });

export const BriefingExportQuery = z.object({ format: z.enum(['html', 'pdf']).default('html') });

const BEIJING_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * The latest period of a kind that is over at this instant, in Beijing time: yesterday, the week
 * before this one (its Monday), last month — what the centre most often asks for.
 */
export function lastPeriod(kind: BriefingKind, nowMs: number): string {
  const d = new Date(nowMs + BEIJING_MS);
  if (kind === 'monthly') {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
    return `${m.getUTCFullYear()}-${pad2(m.getUTCMonth() + 1)}`;
  }
  const today = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const back = kind === 'daily' ? 1 : ((d.getUTCDay() + 6) % 7) + 7;
  const p = new Date(today - back * DAY_MS);
  return `${p.getUTCFullYear()}-${pad2(p.getUTCMonth() + 1)}-${pad2(p.getUTCDate())}`;
}
