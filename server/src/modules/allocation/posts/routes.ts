import { PostPlan, PostPlanQuery } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../../platform/http/route.js';
import { preferredLang } from '../../../platform/http/register.js';
import type { PostPlanService } from './service.js';

export function postPlanRoutes(posts: PostPlanService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/allocation/posts',
      summary: 'Where the department’s p posts should be over the risk along the line, beside where its patrol cars stand now: covered risk, the gain, and which stretches gain and lose',
      tag: 'allocation',
      access: 'signed-in',
      reads: { action: 'allocation.plan' },
      query: PostPlanQuery,
      response: PostPlan,
      handler: async ({ actor, query, request }) => posts.plan(actor!, query, preferredLang(request)),
    }),
  ];
}
