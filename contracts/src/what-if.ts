import { z } from 'zod';
import { SIMULATION_POLICIES, SimulationPolicy, SimulationResult } from './simulation.js';

/**
 * What-if on the department's own data (仿真推演): the simulator's scenario built from the history
 * of incidents, the department's patrol cars and the dispatch ETA model, run under several policies
 * with the same seed so they meet the same incidents, and with staffing changed per agency.
 */
export const WHAT_IF_MAX_DAYS = 366;
/** Staffing factors past this would describe another department, not a change of this one. */
export const WHAT_IF_MAX_FACTOR = 5;

export const WhatIfRequest = z.object({
  /** days counted (a day of warm-up is simulated before them) */
  days: z.number().int({ message: 'whole days' }).min(1, { message: 'at least one day' }).max(WHAT_IF_MAX_DAYS),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  policies: z
    .array(SimulationPolicy)
    .min(1, { message: 'choose at least one policy' })
    .max(SIMULATION_POLICIES.length)
    .refine((p) => new Set(p).size === p.length, { message: 'a policy is listed twice', params: { zh: '策略重复' } }),
  /** agency id → factor on its patrol cars (0 takes them all away, 2 doubles them at the same posts) */
  staffing: z.record(z.string().min(1).max(128), z.number().finite().min(0, { message: 'a factor cannot be negative' }).max(WHAT_IF_MAX_FACTOR)).default({}),
  /** the proposed posts `joint_optimised_posts` moves the cars to: the covering plan of p posts within limitMin */
  posts: z.object({ p: z.number().int().min(1).max(200).default(20), limitMin: z.number().min(1).max(120).default(15) }).default({ p: 20, limitMin: 15 }),
});
export type WhatIfRequest = z.infer<typeof WhatIfRequest>;
export type WhatIfRequestInput = z.input<typeof WhatIfRequest>;

export const WhatIfRun = z.object({
  policy: SimulationPolicy,
  result: SimulationResult,
  /** what holds for this policy only (e.g. where the cars were moved) */
  assumptions: z.array(z.string()),
});
export type WhatIfRun = z.infer<typeof WhatIfRun>;

export const WhatIfResult = z.object({
  days: z.number(),
  seed: z.number(),
  staffing: z.record(z.string(), z.number()),
  /** the scenario in numbers */
  model: z.object({
    areas: z.number(),
    units: z.number(),
    categories: z.number(),
    incidentsPerDay: z.number(),
    historyIncidents: z.number(),
    historyDays: z.number(),
  }),
  names: z.object({
    categories: z.record(z.string(), z.string()),
    areas: z.record(z.string(), z.string()),
    agencies: z.record(z.string(), z.string()),
  }),
  /** every assumption of the model, in the reader's language */
  assumptions: z.array(z.string()),
  runs: z.array(WhatIfRun),
  seconds: z.number(),
});
export type WhatIfResult = z.infer<typeof WhatIfResult>;
