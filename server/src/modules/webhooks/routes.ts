import { z } from 'zod';
import { CreatedWebhook, CreateWebhookRequest, Webhook, WebhookDelivery } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import type { WebhookService } from './service.js';

const Uuid = z.object({ id: z.string().uuid() });

export function webhookRoutes(webhooks: WebhookService): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/webhooks',
      summary: 'Register a webhook: events the agency may see are POSTed after commit, signed `X-RailJoint-Signature: t=<unix>,v1=<HMAC-SHA256(secret, "t.body")>`, retried with backoff. The secret is shown only in this answer.',
      tag: 'webhooks',
      access: 'signed-in',
      body: CreateWebhookRequest,
      status: 201,
      response: CreatedWebhook,
      handler: async ({ actor, body }) => webhooks.create(actor!, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/webhooks',
      summary: 'The agency’s webhooks (admins: all)',
      tag: 'webhooks',
      access: 'signed-in',
      reads: { own: 'the agency’s own webhooks; administrators see all' },
      response: z.object({ webhooks: z.array(Webhook) }),
      handler: async ({ actor }) => webhooks.list(actor!),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/webhooks/:id',
      summary: 'Stop a webhook; pending deliveries are dropped',
      tag: 'webhooks',
      access: 'signed-in',
      params: Uuid,
      status: 204,
      handler: async ({ actor, params, reply }) => {
        await webhooks.remove(actor!, params.id);
        return reply.status(204).send();
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/webhooks/:id/deliveries',
      summary: 'The latest deliveries with their attempts and errors',
      tag: 'webhooks',
      access: 'signed-in',
      reads: { own: 'the agency’s own webhooks; administrators see all' },
      params: Uuid,
      response: z.object({ deliveries: z.array(WebhookDelivery) }),
      handler: async ({ actor, params }) => webhooks.deliveries(actor!, params.id),
    }),
  ];
}
