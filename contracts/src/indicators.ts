import { z } from 'zod';
import { Id } from './common.js';

/**
 * Indicators (考核指标) of collaborative governance: each defined once with its formula, unit,
 * target and the SFIC component it informs, computed per agency for a period from the platform's
 * own records, with a drill-down to the records behind every figure.
 */
export const SFI_COMPONENTS = ['starting_conditions', 'institutional_design', 'facilitative_leadership', 'collaborative_process', 'outcomes'] as const;
export const SfiComponent = z.enum(SFI_COMPONENTS);
export type SfiComponent = z.infer<typeof SfiComponent>;

export const INDICATOR_UNITS = ['percent', 'seconds', 'minutes', 'hours', 'count', 'ratio'] as const;
export const IndicatorUnit = z.enum(INDICATOR_UNITS);
export type IndicatorUnit = z.infer<typeof IndicatorUnit>;

export const IndicatorDirection = z.enum(['higher_better', 'lower_better']);
export type IndicatorDirection = z.infer<typeof IndicatorDirection>;

export const IndicatorDef = z.object({
  id: z.string(),
  /** in the reader's language */
  name: z.string(),
  /** in the reader's language */
  formula: z.string(),
  unit: IndicatorUnit,
  direction: IndicatorDirection,
  target: z.number(),
  component: SfiComponent,
  /** the module the figures come from: reception, transfers, bulletins, tasks, commands, patrols, hazards, public_reports, devices, participation */
  source: z.string(),
});
export type IndicatorDef = z.infer<typeof IndicatorDef>;

export const IndicatorValue = z.object({
  indicatorId: z.string(),
  agencyId: z.string(),
  /** null: nothing to measure in the period */
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export const IndicatorTable = z.object({
  from: z.string(),
  to: z.string(),
  /** the figures stand as of this instant: the period's end, or now while it runs */
  asOf: z.string(),
  defs: z.array(IndicatorDef),
  agencies: z.array(z.object({ id: z.string(), name: z.string() })),
  values: z.array(IndicatorValue),
});
export type IndicatorTable = z.infer<typeof IndicatorTable>;

export const IndicatorRecord = z.object({
  /** incident, transfer, bulletin, task, command, patrol_duty, check_in, patrol, hazard, public_report, device, alarm, change */
  kind: z.string(),
  id: z.string(),
  /** e.g. the incident's number and the start of its description */
  label: z.string(),
  at: z.string(),
  measure: z.number().nullable(),
  /** counted as meeting the indicator's rule; null where the indicator only sums or averages */
  ok: z.boolean().nullable(),
  /** the incident the record belongs to, when it does (links to /incidents/<incidentCode>) */
  incidentId: z.string().nullable(),
  incidentCode: z.string().nullable(),
});
export type IndicatorRecord = z.infer<typeof IndicatorRecord>;

export const IndicatorRecords = z.object({
  indicatorId: z.string(),
  agencyId: z.string(),
  from: z.string(),
  to: z.string(),
  records: z.array(IndicatorRecord),
  truncated: z.boolean(),
});
export type IndicatorRecords = z.infer<typeof IndicatorRecords>;

export const IndicatorDefs = z.object({ defs: z.array(IndicatorDef) });
export type IndicatorDefs = z.infer<typeof IndicatorDefs>;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})Q([1-4])$/;
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The period a query names, in UTC instants; Beijing has no daylight saving, so months start at 16:00Z the day before. */
export function periodRange(q: { from?: string | undefined; to?: string | undefined; month?: string | undefined; quarter?: string | undefined }): { from: string; to: string } | null {
  const utc = (y: number, m0: number) => new Date(Date.UTC(y, m0, 1) - BEIJING_OFFSET_MS).toISOString();
  if (q.month !== undefined) {
    const m = MONTH.exec(q.month);
    return m ? { from: utc(Number(m[1]), Number(m[2]) - 1), to: utc(Number(m[1]), Number(m[2])) } : null;
  }
  if (q.quarter !== undefined) {
    const m = QUARTER.exec(q.quarter);
    return m ? { from: utc(Number(m[1]), (Number(m[2]) - 1) * 3), to: utc(Number(m[1]), Number(m[2]) * 3) } : null;
  }
  if (q.from !== undefined && q.to !== undefined) {
    const f = Date.parse(q.from);
    const t = Date.parse(q.to);
    return Number.isFinite(f) && Number.isFinite(t) && f < t ? { from: new Date(f).toISOString(), to: new Date(t).toISOString() } : null;
  }
  return null;
}

/** The Beijing month (`2026-11`) an instant falls in: the console's default period. */
export function beijingMonth(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 7);
}

const Instant = z.string().datetime({ offset: true });

const PERIOD = {
  from: Instant.optional(),
  to: Instant.optional(),
  month: z.string().refine((v) => MONTH.test(v), { message: 'a month like 2026-11', params: { zh: '应为月份，如 2026-11' } }).optional(),
  quarter: z.string().refine((v) => QUARTER.test(v), { message: 'a quarter like 2026Q4', params: { zh: '应为季度，如 2026Q4' } }).optional(),
};

function periodRules(q: { from?: string | undefined; to?: string | undefined; month?: string | undefined; quarter?: string | undefined }, ctx: z.RefinementCtx): void {
  const ways = [q.from !== undefined || q.to !== undefined, q.month !== undefined, q.quarter !== undefined].filter(Boolean).length;
  if (ways > 1) ctx.addIssue({ code: 'custom', path: ['month'], message: 'name the period one way: from and to, month or quarter', params: { zh: '期间只能用一种方式给出：起止时间、月份或季度' } });
  if ((q.from === undefined) !== (q.to === undefined)) ctx.addIssue({ code: 'custom', path: [q.from === undefined ? 'from' : 'to'], message: 'from and to go together', params: { zh: '起止时间须同时给出' } });
  if (q.from !== undefined && q.to !== undefined && Date.parse(q.from) >= Date.parse(q.to)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from', params: { zh: '须晚于开始时间' } });
}

/** Agencies as a comma-separated list of ids. */
const AgencyList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(Id).min(1).max(200));

/**
 * The table's query. A period: `from` and `to` (ISO instants, from before to), or a Beijing
 * `month` (2026-11) or `quarter` (2026Q4); none means the current month.
 */
export const IndicatorTableQuery = z.object({ ...PERIOD, agency: AgencyList.optional() }).superRefine(periodRules);
export type IndicatorTableQuery = z.infer<typeof IndicatorTableQuery>;

/** The drill-down's query: the period as for the table, one agency. */
export const IndicatorRecordsQuery = z.object({ ...PERIOD, agency: Id, limit: z.coerce.number().int().min(1).max(1000).default(200) }).superRefine(periodRules);
export type IndicatorRecordsQuery = z.infer<typeof IndicatorRecordsQuery>;
