import { z } from 'zod';
import { Id, PatrolDuty, PatrolPlan, PlanInput } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import type { PlanService } from './plans.js';
import { IdParams } from './route-helpers.js';

export function planRoutes(plans: PlanService): RouteSpec[] {
  const tag = 'civil defence';
  return [
    defineRoute({
      method: 'GET',
      url: '/api/patrol-plans',
      summary: 'Patrol and sentinel plans the user may see; joint patrols (联勤联巡) say so',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'patrol_plan', at: 'plans.*.id' }] },
      query: z.object({ agencyId: Id.optional(), teamId: Id.optional() }),
      response: z.object({ plans: z.array(PatrolPlan) }),
      handler: async ({ actor, query }) => ({ plans: await plans.list(actor!, query) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/patrol-plans',
      summary: 'Make a plan: a stretch, ordered checkpoints, days, time windows, rounds, teams (sentinel: posts checked every N hours)',
      tag,
      access: 'signed-in',
      body: PlanInput,
      status: 201,
      response: PatrolPlan,
      handler: async ({ actor, body }) => plans.save(actor!, null, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/patrol-plans/:id',
      summary: 'A patrol plan',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'patrol_plan', param: 'id' } },
      params: IdParams,
      response: PatrolPlan,
      handler: async ({ actor, params }) => plans.get(actor!, params.id),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/patrol-plans/:id',
      summary: 'Create or change a plan under an id of your own; slots already begun keep the old plan',
      tag,
      access: 'signed-in',
      params: IdParams,
      body: PlanInput,
      response: PatrolPlan,
      handler: async ({ actor, params, body }) => plans.save(actor!, params.id, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/patrol-duties',
      summary: 'The day’s duties (Beijing date; default today), a team’s for the phone: slots, checkpoints in order with positions and radius, what is done',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'patrol_plan', at: 'duties.*.planId' }, { kind: 'checkpoint', at: 'duties.*.checkpoints.*.id' }] },
      query: z.object({ date: z.iso.date().optional(), teamId: Id.optional() }),
      response: z.object({ duties: z.array(PatrolDuty) }),
      handler: async ({ actor, query }) => ({ duties: await plans.duties(actor!, query) }),
    }),
  ];
}
