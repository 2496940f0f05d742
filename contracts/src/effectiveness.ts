import { z } from 'zod';

/**
 * The mechanism's effectiveness on the department's own data (issue 13): how much faster the joint
 * response is than the siloed one, how much more risk the optimal posts cover than today's, how
 * much better randomised patrols protect than fixed ones — each number with its assumptions.
 */
export const EffectivenessQuery = z.object({
  days: z.coerce.number().int().min(1).max(90).default(28),
  p: z.coerce.number().int().min(1).max(200).default(20),
  limitMin: z.coerce.number().min(1).max(120).default(15),
  lang: z.string().optional(),
});
export type EffectivenessQuery = z.infer<typeof EffectivenessQuery>;

const Response = z.object({ p50S: z.number().nullable(), p90S: z.number().nullable(), withinLimitShare: z.number().nullable(), incidents: z.number() });

export const EffectivenessReport = z.object({
  generatedAt: z.string(),
  response: z.object({
    days: z.number(),
    siloed: Response,
    joint: Response,
    /** how much shorter the joint p90 is, in percent of the siloed one */
    p90FasterPct: z.number().nullable(),
    /** percentage points more reached within the time limit */
    withinLimitGainPts: z.number().nullable(),
    assumptions: z.array(z.string()),
  }),
  posts: z.object({
    p: z.number(),
    limitMin: z.number(),
    currentPosts: z.number(),
    currentShare: z.number(),
    proposedShare: z.number(),
    gainPts: z.number(),
    assumptions: z.array(z.string()),
  }),
  patrols: z.object({
    /** expected loss as a share of the total risk of the patrolled stretches */
    game: z.number(),
    byRank: z.number(),
    uniform: z.number(),
    /** how much of the fixed patrols' expected loss the randomised ones avoid, in percent */
    betterThanFixedPct: z.number().nullable(),
    assumptions: z.array(z.string()),
  }),
  seconds: z.number(),
});
export type EffectivenessReport = z.infer<typeof EffectivenessReport>;
