import { z } from 'zod';
import { DispatchRequest, PlaceRecommendationRequest, PlaceRecommendations, Recommendation } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { clientOf } from '../../platform/http/client.js';
import { authorize } from '../../platform/policies.js';
import type { DispatchService } from './service.js';

const IdParams = z.object({ id: z.string().uuid() });

export function dispatchRoutes(dispatch: DispatchService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/incidents/:id/recommendations',
      summary: 'Available units of every agency that may act, ranked by estimated time of arrival, with the reason and the model\'s assumptions',
      tag: 'dispatch',
      access: 'signed-in',
      reads: { item: { kind: 'incident', param: 'id' } },
      params: IdParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
      response: z.object({ recommendations: z.array(Recommendation), assumptions: z.unknown() }),
      handler: async ({ actor, params, query, lang }) => dispatch.recommendations(actor!, params.id, query.limit, lang),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/recommendations',
      summary: 'Recommendations for a call still being taken: units that could reach the place first for the category, from the agencies the incident would have, with the time limit to judge their ETA against. Records nothing.',
      tag: 'dispatch',
      access: 'signed-in',
      body: PlaceRecommendationRequest,
      response: PlaceRecommendations,
      handler: async ({ actor, body, lang }) => {
        // whoever may register the call may see whom it would send
        authorize(actor, 'incident.create');
        return dispatch.recommendForPlace(actor, body, lang);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/dispatch',
      summary: 'Dispatch: send units (from any agency with a part in the incident); each must acknowledge in time. Later calls add units.',
      tag: 'dispatch',
      access: 'signed-in',
      params: IdParams,
      body: DispatchRequest,
      handler: async ({ actor, params, body, request, lang }) => dispatch.dispatch(actor!, params.id, body.units, body.note, clientOf(request)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/assignments',
      summary: "Open assignments of the user's agency (the mobile client's list); the centre sees all",
      tag: 'dispatch',
      access: 'signed-in',
      reads: { lists: [{ kind: 'incident', at: 'assignments.*.incident_id' }, { kind: 'unit', at: 'assignments.*.unit_id' }] },
      handler: async ({ actor }) => dispatch.assignmentsOf(actor!),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/assignments/:id/acknowledge',
      summary: 'The unit acknowledges its assignment',
      tag: 'dispatch',
      access: 'signed-in',
      params: IdParams,
      body: z.object({}).optional(),
      handler: async ({ actor, params, request }) => dispatch.acknowledge(actor!, params.id, clientOf(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/assignments/:id/release',
      summary: "Stand a unit down from its job (收队): free again, with who and why on the incident's timeline. The lead agency, the centre or the unit's own agency.",
      tag: 'dispatch',
      access: 'signed-in',
      params: IdParams,
      body: z.object({ reason: z.string().trim().max(500).optional() }).strict(),
      handler: async ({ actor, params, body, request }) => dispatch.release(actor!, params.id, body.reason, clientOf(request)),
    }),
  ];
}
