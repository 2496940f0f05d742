import { z } from 'zod';
import { SfiComponent } from './indicators.js';

/**
 * The SFIC view of collaborative governance (Ansell & Gash 2008): the indicators arranged by the
 * model's components with their trends, and a short quarterly collaboration survey per agency
 * (items scored 1–5, after the Wilder collaboration factors inventory), answered anonymously
 * within the agency.
 */
export const SurveyItem = z.object({ id: z.string(), text: z.string(), component: SfiComponent });
export type SurveyItem = z.infer<typeof SurveyItem>;

export const Survey = z.object({
  /** the running quarter on the platform clock, e.g. 2026Q4 */
  quarter: z.string(),
  items: z.array(SurveyItem),
  /** whether the reader has answered this quarter (their answers cannot be read back) */
  answered: z.boolean(),
  /** whether the reader is asked at all (working staff of an agency) */
  mayAnswer: z.boolean(),
});
export type Survey = z.infer<typeof Survey>;

export const SurveyAnswer = z.object({
  /** every item of the questionnaire, each 1 (strongly disagree) to 5 (strongly agree) */
  answers: z.record(z.string().max(40), z.number().int().min(1).max(5)),
  comment: z.string().trim().max(1000).optional(),
});
export type SurveyAnswer = z.infer<typeof SurveyAnswer>;

const Mean = z.object({ n: z.number().int(), mean: z.number().nullable() });

export const SurveyGroup = z.object({
  /** responses; means are shown only from `minResponses` on, so no one's answers can be told */
  n: z.number().int(),
  items: z.array(z.object({ itemId: z.string() }).merge(Mean)).nullable(),
  components: z.array(z.object({ component: SfiComponent }).merge(Mean)).nullable(),
});
export type SurveyGroup = z.infer<typeof SurveyGroup>;

export const SurveyResults = z.object({
  quarter: z.string(),
  minResponses: z.number().int(),
  scope: z.enum(['all', 'own']),
  items: z.array(SurveyItem),
  /** the department as a whole (the centre's view) */
  department: SurveyGroup.nullable(),
  agencies: z.array(SurveyGroup.extend({ agencyId: z.string(), agencyName: z.string() })),
  /** the component means of the reader's scope over the quarters before, oldest first */
  trend: z.array(z.object({ quarter: z.string(), components: z.array(z.object({ component: SfiComponent }).merge(Mean)) })),
});
export type SurveyResults = z.infer<typeof SurveyResults>;

export const SurveyResultsQuery = z.object({
  quarter: z.string().refine((v) => /^\d{4}Q[1-4]$/.test(v), { message: 'a quarter like 2026Q4', params: { zh: '应为季度，如 2026Q4' } }).optional(),
});

export const SficView = z.object({
  /** the months of the series, oldest first (Beijing time) */
  months: z.array(z.string()),
  /** the department as a whole (the centre) or the reader's agency */
  scope: z.object({ kind: z.enum(['department', 'agency']), agencyId: z.string().nullable(), name: z.string() }),
  /** the department's agencies that recorded anything on the platform, month by month (the centre's view; null for an agency) */
  activeAgencies: z.array(z.number().int()).nullable(),
  components: z.array(
    z.object({
      component: SfiComponent,
      name: z.string(),
      indicators: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          unit: z.string(),
          direction: z.enum(['higher_better', 'lower_better']),
          target: z.number(),
          series: z.array(z.number().nullable()),
        }),
      ),
      /** the survey's mean for the component per quarter, oldest first */
      survey: z.array(z.object({ quarter: z.string(), n: z.number().int(), mean: z.number().nullable() })),
    }),
  ),
});
export type SficView = z.infer<typeof SficView>;

export const SficQuery = z.object({ months: z.coerce.number().int().min(2).max(24).default(6) });
