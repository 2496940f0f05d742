import { z } from 'zod';
import { Alert, AlertList, AlertQuery } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import type { AlertService } from './service.js';

const AlertParams = z.object({ id: z.string().uuid() });

/** The alert centre: what a desk must not miss, addressed to its agency, each taken by a person. */
export function alertRoutes(alerts: AlertService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/alerts',
      summary: 'Alerts addressed to the user’s agency about what the user may read: those still waiting first (newest first), then the latest settled ones; `open` counts the waiting',
      tag: 'alerts',
      access: 'signed-in',
      reads: { lists: [{ kind: 'alert', at: 'alerts.*.id' }] },
      query: AlertQuery,
      response: AlertList,
      handler: async ({ actor, query }) => alerts.list(actor!, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/alerts/:id',
      summary: 'One alert (404 unless it is addressed to the user’s agency and the user may read what it is about)',
      tag: 'alerts',
      access: 'signed-in',
      reads: { item: { kind: 'alert', param: 'id' } },
      params: AlertParams,
      response: Alert,
      handler: async ({ actor, params }) => alerts.get(actor!, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/alerts/:id/acknowledge',
      summary: 'Acknowledge an alert for the user’s agency: who and when are recorded on the audit trail and every console of the agency sees it taken; again or once resolved, nothing changes',
      tag: 'alerts',
      access: 'signed-in',
      params: AlertParams,
      body: z.object({}).optional(),
      response: Alert,
      handler: async ({ actor, params }) => alerts.acknowledge(actor!, params.id),
    }),
  ];
}
