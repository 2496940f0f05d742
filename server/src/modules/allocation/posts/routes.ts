import { z } from 'zod';
import { PostCandidate, PostCandidateInput, PostCandidateList, PostPlan, PostPlanQuery, PostPlanRequest } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../../platform/http/route.js';
import { preferredLang } from '../../../platform/http/register.js';
import type { PostPlanService } from './service.js';

const summary = 'Where the department’s posts should be over the risk along the line, beside where its patrol cars stand now: covered risk, the gain, ETAs, and which stretches and areas gain and lose';

export function postPlanRoutes(posts: PostPlanService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/allocation/posts',
      summary,
      tag: 'allocation',
      access: 'signed-in',
      reads: { action: 'allocation.plan' },
      query: PostPlanQuery,
      response: PostPlan,
      handler: async ({ actor, query, request }) => posts.plan(actor!, query, preferredLang(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/allocation/posts',
      summary: `${summary}; with a budget of posts per agency`,
      tag: 'allocation',
      access: 'signed-in',
      body: PostPlanRequest,
      response: PostPlan,
      handler: async ({ actor, body, request }) => posts.plan(actor!, body, preferredLang(request)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/allocation/post-candidates',
      summary: 'The places analysts added to the candidate posts',
      tag: 'allocation',
      access: 'signed-in',
      reads: { action: 'allocation.plan' },
      response: PostCandidateList,
      handler: async ({ actor }) => ({ candidates: await posts.candidates.list(actor!) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/allocation/post-candidates',
      summary: 'Add a place to the candidate posts: a point or a line and mileage, and the agency that would staff it',
      tag: 'allocation',
      access: 'signed-in',
      body: PostCandidateInput,
      response: PostCandidate,
      status: 201,
      handler: async ({ actor, body }) => posts.candidates.add(actor!, body),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/allocation/post-candidates/:id',
      summary: 'Remove a place from the candidate posts',
      tag: 'allocation',
      access: 'signed-in',
      params: z.object({ id: z.string().min(1).max(128) }),
      status: 204,
      handler: async ({ actor, params, reply }) => {
        await posts.candidates.remove(actor!, params.id);
        return reply.status(204).send();
      },
    }),
  ];
}
