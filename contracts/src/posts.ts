import { z } from 'zod';
import { LonLat } from './common.js';

/**
 * Posts on the department's own data: demand is the risk along the line (cells of a kilometre,
 * weighted by the chosen method's score), candidate posts are the stations, the access gates,
 * where the patrol cars stand now and the places analysts add, and a post covers a cell when a
 * patrol car from it reaches the cell within the time limit by the dispatch ETA model (through a
 * gate or station onto the line).
 */
// a query string says "false"; z.coerce.boolean would read it as true
const Flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

export const PostPlanQuery = z.object({
  /** posts to choose: from scratch, or (keep) added to the posts the cars hold now */
  p: z.coerce.number().int().min(1).max(200).default(20),
  limitMin: z.coerce.number().min(1).max(120).default(15),
  method: z.enum(['retrospective', 'nkde', 'near_repeat', 'rtm']).default('nkde'),
  /** keep the patrol cars' current posts and add p more (default); false: p posts from scratch */
  keep: Flag.default(true),
  /** the most risk weight one post can answer (divisible between posts); absent: unlimited */
  capacity: z.coerce.number().positive().max(1e12).optional(),
});
export type PostPlanQuery = z.infer<typeof PostPlanQuery>;

/** The same as a body, with a budget per agency: the most posts it may staff in the proposal, kept ones included. */
export const PostPlanRequest = PostPlanQuery.extend({
  budgets: z.record(z.string().trim().min(1).max(128), z.number().int().min(0).max(10_000)).default({}),
});
export type PostPlanRequest = z.infer<typeof PostPlanRequest>;

export const PostSiteKind = z.enum(['station', 'access_gate', 'unit_post', 'user_place']);
export type PostSiteKind = z.infer<typeof PostSiteKind>;

export const PostPlan = z.object({
  p: z.number().int(),
  limitS: z.number(),
  /** ETAs beyond this are not estimated (null) */
  horizonS: z.number(),
  method: z.string(),
  keep: z.boolean(),
  capacity: z.number().nullable(),
  totalWeight: z.number(),
  current: z.object({ posts: z.number().int(), covered: z.number(), share: z.number() }),
  proposed: z.object({ posts: z.number().int(), covered: z.number(), share: z.number(), bound: z.number(), gapPct: z.number() }),
  /** current and chosen posts, and every place analysts added (chosen or not) */
  sites: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: PostSiteKind,
      coordinates: LonLat,
      agencyId: z.string().nullable(),
      current: z.boolean(),
      chosen: z.boolean(),
    }),
  ),
  /** per agency that staffs a candidate: posts now, in the proposal, and its budget */
  agencies: z.array(z.object({ agencyId: z.string(), name: z.string(), candidates: z.number().int(), now: z.number().int(), proposed: z.number().int(), budget: z.number().nullable() })),
  /** per police station's jurisdiction (or the line where none holds it): risk weight within reach now and under the proposal */
  areas: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['jurisdiction', 'line']), weight: z.number(), now: z.number(), proposed: z.number() })),
  demands: z.array(
    z.object({
      id: z.string(),
      lineId: z.string(),
      areaId: z.string(),
      fromMileage: z.string(),
      toMileage: z.string(),
      fromMeasureM: z.number(),
      toMeasureM: z.number(),
      weight: z.number(),
      now: z.boolean(),
      proposed: z.boolean(),
      /** best ETA from the current posts / the proposed ones, seconds; null beyond the horizon */
      etaNowS: z.number().nullable(),
      etaProposedS: z.number().nullable(),
    }),
  ),
  assumptions: z.array(z.string()),
  seconds: z.number(),
});
export type PostPlan = z.infer<typeof PostPlan>;

/** A place an analyst adds to the candidate posts: a point, or a line and mileage; the agency that would staff it. */
export const PostCandidateInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    agencyId: z.string().trim().min(1).max(128),
    coordinates: LonLat.optional(),
    lineId: z.string().trim().min(1).max(128).optional(),
    mileage: z.string().trim().min(1).max(32).optional(),
  })
  .superRefine((v, ctx) => {
    const onLine = v.lineId !== undefined || v.mileage !== undefined;
    if (v.coordinates && onLine) ctx.addIssue({ code: 'custom', path: ['coordinates'], message: 'give a point or a line and mileage, not both', params: { zh: '请给出坐标或线路与里程，不要同时给出' } });
    else if (!v.coordinates && !onLine) ctx.addIssue({ code: 'custom', path: ['coordinates'], message: 'give a point or a line and mileage', params: { zh: '请给出坐标或线路与里程' } });
    else if (onLine && v.lineId === undefined) ctx.addIssue({ code: 'custom', path: ['lineId'], message: 'a mileage needs its line', params: { zh: '里程须指明线路' } });
    else if (onLine && v.mileage === undefined) ctx.addIssue({ code: 'custom', path: ['mileage'], message: 'a line needs a mileage', params: { zh: '线路须给出里程' } });
  });
export type PostCandidateInput = z.infer<typeof PostCandidateInput>;

export const PostCandidate = z.object({
  id: z.string(),
  name: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  coordinates: LonLat,
  lineId: z.string().nullable(),
  mileage: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type PostCandidate = z.infer<typeof PostCandidate>;

export const PostCandidateList = z.object({ candidates: z.array(PostCandidate) });
export type PostCandidateList = z.infer<typeof PostCandidateList>;
