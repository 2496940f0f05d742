import { z } from 'zod';

/**
 * The assessment (考核) of collaborative governance: a scheme the centre edits — which indicators
 * count, with what weight, target and floor — and the scores per agency and period it gives, with
 * a ranking, a trend and an explanation of every score. Periods are Beijing-time months
 * (`2026-11`) or quarters (`2026Q4`).
 */
export const AssessmentPeriod = z
  .string()
  .refine((s) => /^(\d{4}-(0[1-9]|1[0-2])|\d{4}Q[1-4])$/.test(s), { message: 'a month like 2026-11 or a quarter like 2026Q4', params: { zh: '应为月份（如 2026-11）或季度（如 2026Q4）' } });
export type AssessmentPeriod = z.infer<typeof AssessmentPeriod>;

/** linear: 0 at the floor, 100 at the target and beyond; threshold: 100 when the target is met, else 0 */
export const ScoringRule = z.enum(['linear', 'threshold']);
export type ScoringRule = z.infer<typeof ScoringRule>;

export const SchemeItem = z.object({
  indicatorId: z.string().trim().min(1).max(64),
  /** points out of 100; the items' weights sum to 100 */
  weight: z.number().gt(0).max(100),
  target: z.number().finite(),
  /** where a linear score reaches 0 (below the target when higher is better, above it when lower is) */
  floor: z.number().finite().optional(),
  rule: ScoringRule.default('linear'),
});
export type SchemeItem = z.infer<typeof SchemeItem>;

export const SchemeInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    note: z.string().trim().max(2000).optional(),
    items: z.array(SchemeItem).min(1).max(40),
  })
  .superRefine((s, ctx) => {
    const sum = s.items.reduce((a, x) => a + x.weight, 0);
    if (Math.abs(sum - 100) > 0.01) ctx.addIssue({ code: 'custom', path: ['items'], message: `the weights sum to ${+sum.toFixed(2)}, not 100`, params: { zh: `权重合计为 ${+sum.toFixed(2)}，应为 100` } });
    const seen = new Set<string>();
    s.items.forEach((x, i) => {
      if (seen.has(x.indicatorId)) ctx.addIssue({ code: 'custom', path: ['items', i, 'indicatorId'], message: `${x.indicatorId} is in the scheme twice`, params: { zh: `指标 ${x.indicatorId} 重复` } });
      seen.add(x.indicatorId);
      if (x.rule === 'linear' && x.floor === undefined) ctx.addIssue({ code: 'custom', path: ['items', i, 'floor'], message: 'a linear score needs a floor', params: { zh: '线性计分须填写底线值' } });
    });
  });
export type SchemeInput = z.infer<typeof SchemeInput>;

export const AssessmentScheme = z.object({
  version: z.number().int(),
  name: z.string(),
  note: z.string().nullable(),
  items: z.array(SchemeItem.extend({ indicatorName: z.string(), unit: z.string(), direction: z.enum(['higher_better', 'lower_better']) })),
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type AssessmentScheme = z.infer<typeof AssessmentScheme>;

export const SchemeList = z.object({ schemes: z.array(AssessmentScheme) });

export const ItemScore = z.object({
  indicatorId: z.string(),
  indicatorName: z.string(),
  unit: z.string(),
  weight: z.number(),
  target: z.number(),
  floor: z.number().nullable(),
  rule: ScoringRule,
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
  /** 0–100, null when there was nothing to measure (the item's weight goes to the others) */
  score: z.number().nullable(),
  /** what the item adds to the total */
  points: z.number().nullable(),
  /** the score worded in the reader's language: value, how it was measured, the rule, the points */
  explanation: z.string(),
});
export type ItemScore = z.infer<typeof ItemScore>;

export const AgencyScore = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  /** 0–100; null when none of the scheme's indicators had anything to measure */
  total: z.number().nullable(),
  /** 1 is best; equal totals share a rank */
  rank: z.number().int().nullable(),
  /** the totals of the periods before, oldest first (null where nothing was measured) */
  trend: z.array(z.object({ period: z.string(), total: z.number().nullable() })),
  /** the items, for the centre and the agency itself (others see only the total and rank) */
  items: z.array(ItemScore).nullable(),
});
export type AgencyScore = z.infer<typeof AgencyScore>;

export const AssessmentResult = z.object({
  period: AssessmentPeriod,
  from: z.string(),
  to: z.string(),
  schemeVersion: z.number().int(),
  schemeName: z.string(),
  /** published: frozen and the ranking readable by every agency; else live figures */
  published: z.object({ at: z.string(), by: z.string(), byName: z.string() }).nullable(),
  /** whether the reader sees every agency (the centre) or their own and the published ranking */
  scope: z.enum(['all', 'own']),
  agencies: z.array(AgencyScore),
});
export type AssessmentResult = z.infer<typeof AssessmentResult>;

export const AssessmentQuery = z.object({ period: AssessmentPeriod, lang: z.string().optional() });
export const PublishInput = z.object({ period: AssessmentPeriod });
