import { z } from 'zod';
import { LonLat } from './common.js';
import { SIMULATION_POLICIES, SimulationPolicy, SimulationResult } from './simulation.js';

/**
 * What-if on the department's own data (仿真推演): the simulator's scenario built from the history
 * of incidents, the department's patrol cars and the dispatch ETA model, run under several policies
 * with the same seed so they meet the same incidents, and with staffing changed per agency.
 */
export const WHAT_IF_MAX_DAYS = 366;
/** Staffing factors past this would describe another department, not a change of this one. */
export const WHAT_IF_MAX_FACTOR = 5;

/** Cars moved by hand in one scenario: more would be another department, not a what-if. */
export const WHAT_IF_MAX_MOVES = 500;

/** Where a car is moved to: a station or access gate of the network by id, or any point on the map. */
export const WhatIfMoveTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('place'), placeId: z.string().min(1).max(128) }),
  z.object({ kind: z.literal('point'), coordinates: LonLat }),
]);
export type WhatIfMoveTarget = z.infer<typeof WhatIfMoveTarget>;

/** One patrol car's post moved by the analyst: it waits there in every policy of the run. */
export const WhatIfMove = z.object({ unitId: z.string().min(1).max(128), to: WhatIfMoveTarget });
export type WhatIfMove = z.infer<typeof WhatIfMove>;

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
  /** posts moved by hand (a car at most once), applied before staffing and in every policy */
  moves: z
    .array(WhatIfMove)
    .max(WHAT_IF_MAX_MOVES)
    .default([])
    .superRefine((moves, ctx) => {
      const seen = new Set<string>();
      moves.forEach((m, i) => {
        if (seen.has(m.unitId)) ctx.addIssue({ code: 'custom', path: [i, 'unitId'], message: `unit "${m.unitId}" is moved twice`, params: { zh: `警力“${m.unitId}”被移动了两次` } });
        seen.add(m.unitId);
      });
    }),
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
  /** the moves as made: the car, where it was sent (named) and the stretch it waits at in the model */
  moves: z.array(z.object({ unitId: z.string(), callsign: z.string(), to: z.string(), stretch: z.string(), from: z.string() })).default([]),
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

/** What the what-if page offers to change: the cars the model counts, the places a post can move to, cars per agency. */
export const WhatIfSetup = z.object({
  cars: z.array(z.object({ id: z.string(), callsign: z.string(), agencyId: z.string(), coordinates: LonLat, stretch: z.string() })),
  places: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['station', 'access_gate']), coordinates: LonLat, lineId: z.string() })),
  agencies: z.array(z.object({ id: z.string(), name: z.string(), cars: z.number().int() })),
  /** the network's lines, thinned, to draw the map the analyst picks a point on */
  lines: z.array(z.object({ id: z.string(), name: z.string(), points: z.array(LonLat) })),
  /** a point further than this from every line is refused: the model places cars by the line */
  maxOffLineM: z.number(),
});
export type WhatIfSetup = z.infer<typeof WhatIfSetup>;

export const WHAT_IF_RUN_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export const WHAT_IF_STAGES = ['gathering', 'posts', 'simulating', 'finished'] as const;

/**
 * A what-if run started with `POST /api/allocation/what-if/runs` and followed with GET on its id:
 * the share done, each policy's incidents simulated so far, the runs already finished (partial
 * figures), and at the end the whole result or why there is none. DELETE cancels it.
 */
export const WhatIfRunStatus = z.object({
  id: z.string(),
  state: z.enum(WHAT_IF_RUN_STATES),
  stage: z.enum(WHAT_IF_STAGES),
  /** 0–1: the stages before the simulation count for a fixed share, then incidents simulated over those expected */
  progress: z.number().min(0).max(1),
  policies: z.array(z.object({ policy: SimulationPolicy, state: z.enum(['waiting', 'running', 'done', 'cancelled', 'failed']), generated: z.number(), expected: z.number() })),
  /** the policies already simulated, with their figures, before the others end */
  partial: z.array(WhatIfRun),
  result: WhatIfResult.optional(),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
  startedAt: z.string(),
  seconds: z.number(),
});
export type WhatIfRunStatus = z.infer<typeof WhatIfRunStatus>;
