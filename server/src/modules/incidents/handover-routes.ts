import { z } from 'zod';
import { Id } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { clientOf } from '../../platform/http/client.js';
import type { HandoverService } from './handover-service.js';

const IdParams = z.object({ id: z.string().uuid() });

export function handoverRoutes(handover: HandoverService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/incidents/:id/handover',
      summary: 'For an incident on a train: the handover station ahead (前方站交接) with enough time to meet the train, and the other stops ahead',
      tag: 'incidents',
      access: 'signed-in',
      reads: { item: { kind: 'incident', param: 'id' } },
      params: IdParams,
      query: z.object({ at: z.iso.datetime({ offset: true }).optional() }),
      handler: async ({ actor, params, query }) => handover.propose(actor!, params.id, query.at),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/handover',
      summary: "Ask the chosen station's police to meet the train: they join the incident and the request goes on its timeline",
      tag: 'incidents',
      access: 'signed-in',
      params: IdParams,
      body: z.object({ stationId: Id, at: z.iso.datetime({ offset: true }).optional() }),
      handler: async ({ actor, params, body, request }) => handover.request(actor!, params.id, body.stationId, body.at, clientOf(request)),
    }),
  ];
}
