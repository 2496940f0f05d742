import { z } from 'zod';

/**
 * Randomised patrols on the department's own data (issue 13): the patrol game played over the
 * stretches the patrol plans cover, valued by risk, with the civil-defence teams as resources, and
 * the sampled daily schedules written as next week's patrol duties.
 */
const Day = z.iso.date();
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, Beijing time');

export const PatrolDutiesRequest = z
  .object({
    /** the Monday of the week to schedule (Beijing); default the next one */
    weekStart: Day.optional(),
    /** what a caught attacker pays, as a share of the target's value */
    caughtShare: z.number().min(0).max(10).default(1),
    /** the draw of the schedules; default a fresh random one, returned so a preview can be written as shown */
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    /** the randomised patrol's window each day (Beijing); `to` at or before `from` runs past midnight */
    window: z.object({ from: HHMM, to: HHMM }).strict().default({ from: '21:00', to: '23:00' }),
    /** false: play and sample only (a preview); true: also write the duties */
    write: z.boolean().default(true),
  })
  .strict();
export type PatrolDutiesRequest = z.infer<typeof PatrolDutiesRequest>;

const Score = z.object({
  /** the defender's expected loss against the attacker's best response, as a share of the total risk (0 = none) */
  expectedLoss: z.number(),
  /** the stretch that attacker picks */
  attacked: z.string(),
  attackedName: z.string(),
});

export const PatrolDutiesRun = z.object({
  weekStart: z.string(),
  dates: z.array(z.string()),
  seed: z.number().int(),
  caughtShare: z.number(),
  window: z.object({ from: z.string(), to: z.string() }),
  method: z.string(),
  targets: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      lineId: z.string(),
      fromMileage: z.string(),
      toMileage: z.string(),
      checkpointIds: z.array(z.string()),
      /** share of the total risk of all targets */
      value: z.number(),
      coverage: z.number(),
    }),
  ),
  teams: z.array(z.object({ id: z.string(), name: z.string(), agencyId: z.string(), agencyName: z.string(), reach: z.array(z.string()) })),
  game: Score,
  byRank: Score,
  uniform: Score,
  /** per date, which team patrols which stretch */
  schedule: z.array(z.object({ date: z.string(), patrols: z.array(z.object({ teamId: z.string(), targetId: z.string() })) })),
  /** what was written: new duties, earlier randomised ones of the week replaced, ones kept because they had begun */
  duties: z.object({ written: z.number().int(), replaced: z.number().int(), kept: z.number().int(), planIds: z.array(z.string()) }).nullable(),
  assumptions: z.array(z.string()),
  seconds: z.number(),
});
export type PatrolDutiesRun = z.infer<typeof PatrolDutiesRun>;
