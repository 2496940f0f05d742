import { z } from 'zod';
import { Id } from './common.js';

/** Risk along the line (issue 12): cells of a line, methods that rank them, and how well they predicted. */

export const RISK_METHODS = ['retrospective', 'nkde', 'near_repeat', 'rtm'] as const;
export const RiskMethod = z.enum(RISK_METHODS);
export type RiskMethod = z.infer<typeof RiskMethod>;

const Instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'an ISO 8601 date or time' });
const CellM = z.coerce.number().int().min(20).max(5000);

export const RiskCellsQuery = z.object({
  lineId: Id.optional(),
  category: Id.optional(),
  /** the moment the risk is for (history before it counts); default now */
  at: Instant.optional(),
  cellM: CellM.default(100),
  method: RiskMethod.default('rtm'),
});
export type RiskCellsQuery = z.infer<typeof RiskCellsQuery>;

export const RiskCell = z.object({
  lineId: z.string(),
  fromMileage: z.string(),
  toMileage: z.string(),
  /** metres along the line's geometry where the cell starts and ends, so a map draws it where it lies */
  fromMeasureM: z.number(),
  toMeasureM: z.number(),
  /** the method's score; comparable within one answer only */
  risk: z.number(),
  /** 1 = highest risk of all the department's cells, so one line's strip shows how it stands among the rest */
  rank: z.number().int(),
  /** what the score is made of: the cell's factor values (RTM) or counts and densities */
  factors: z.record(z.string(), z.number()),
});
export type RiskCell = z.infer<typeof RiskCell>;

export const RiskFactorWeight = z.object({
  factor: z.string(),
  /** log-linear coefficient */
  coefficient: z.number(),
  /** exp(coefficient): how many times the expected count where the factor is present */
  relativeRisk: z.number(),
});
export type RiskFactorWeight = z.infer<typeof RiskFactorWeight>;

export const RiskCells = z.object({
  method: RiskMethod,
  at: z.string(),
  cellM: z.number(),
  /** incidents the scores were computed from (history and closed live incidents before `at`) */
  events: z.number(),
  /** RTM only: each factor's fitted weight */
  weights: z.array(RiskFactorWeight).optional(),
  cells: z.array(RiskCell),
});
export type RiskCells = z.infer<typeof RiskCells>;

export const RiskBacktestRequest = z.object({
  trainUntil: Instant,
  testUntil: Instant,
  category: Id.optional(),
  cellM: z.number().int().min(20).max(5000).default(100),
});
export type RiskBacktestRequest = z.infer<typeof RiskBacktestRequest>;

export const RiskCoverageScore = z.object({
  /** share of line length flagged: 0.01, 0.05, 0.1 */
  coverage: z.number(),
  hitRate: z.number(),
  /** hit share over share of line length */
  pai: z.number(),
  /** hits over the most any choice of the same length could have caught */
  pei: z.number(),
});

export const RiskBacktestResult = z.object({
  trainUntil: z.string(),
  testUntil: z.string(),
  cellM: z.number(),
  category: z.string().nullable(),
  trainEvents: z.number(),
  testEvents: z.number(),
  lengthKm: z.number(),
  methods: z.array(z.object({ method: RiskMethod, baseline: z.boolean(), scores: z.array(RiskCoverageScore) })),
  /** the near-repeat pattern in the training window (Knox test) */
  knox: z.object({ distanceM: z.number(), days: z.number(), observed: z.number(), expected: z.number(), ratio: z.number(), pValue: z.number(), runs: z.number() }),
  weights: z.array(RiskFactorWeight),
});
export type RiskBacktestResult = z.infer<typeof RiskBacktestResult>;

export const RiskHistoryImportResult = z.object({ imported: z.number() });
export type RiskHistoryImportResult = z.infer<typeof RiskHistoryImportResult>;
