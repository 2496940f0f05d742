import { PatrolDutiesRequest, PatrolDutiesRun } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../../../platform/http/route.js';
import { preferredLang } from '../../../../platform/http/register.js';
import type { DepartmentPatrolDuties } from './service.js';

export function patrolDutiesRoutes(service: DepartmentPatrolDuties): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/allocation/patrol-duties',
      summary: 'Next week’s randomised patrols on the department’s data: the patrol game over the patrolled stretches valued by risk, its expected loss beside fixed and uniform patrols, and (write) the sampled days written as the teams’ patrol duties',
      tag: 'allocation',
      access: 'signed-in',
      body: PatrolDutiesRequest,
      response: PatrolDutiesRun,
      handler: async ({ actor, body, request }) => service.run(actor!, body, preferredLang(request)),
    }),
  ];
}
