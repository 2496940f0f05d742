import { z } from 'zod';
import { Id } from './common.js';

const EventPattern = z.string().regex(/^(\*|[a-z_]+\.(\*|[a-z_]+))$/, 'an event type such as incident.created, a family such as incident.*, or *');

export const CreateWebhookRequest = z
  .object({
    url: z.string().max(2000),
    events: z.array(EventPattern).min(1).max(30),
    /** admins may register one for another agency; everyone else for their own */
    agencyId: Id.optional(),
  })
  .strict();

export const Webhook = z.object({
  id: z.string(),
  agencyId: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
});

/** Returned once, when created: the secret that signs every delivery. */
export const CreatedWebhook = Webhook.extend({ secret: z.string() });

export const WebhookDelivery = z.object({
  id: z.number(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  nextAttemptAt: z.string(),
});
