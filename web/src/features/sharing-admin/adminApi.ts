import { z } from 'zod';
import { CreatedWebhook, SharingAgreement, Webhook, WebhookDelivery } from '@railjoint/contracts';
import { request } from '../../api/client';

export type AgreementData = z.infer<typeof SharingAgreement>;

export const adminApi = {
  agreements: (signal?: AbortSignal) => request('GET', '/api/sharing-agreements', { schema: z.object({ agreements: z.array(SharingAgreement) }), signal }),
  saveAgreement: (a: AgreementData) => request('PUT', `/api/sharing-agreements/${encodeURIComponent(a.id)}`, { body: a, schema: SharingAgreement }),
  deleteAgreement: (id: string) => request('DELETE', `/api/sharing-agreements/${encodeURIComponent(id)}`),
  webhooks: (signal?: AbortSignal) => request('GET', '/api/webhooks', { schema: z.object({ webhooks: z.array(Webhook) }), signal }),
  createWebhook: (url: string, events: string[]) => request('POST', '/api/webhooks', { body: { url, events }, schema: CreatedWebhook }),
  deleteWebhook: (id: string) => request('DELETE', `/api/webhooks/${encodeURIComponent(id)}`),
  deliveries: (id: string) => request('GET', `/api/webhooks/${encodeURIComponent(id)}/deliveries`, { schema: z.object({ deliveries: z.array(WebhookDelivery) }) }),
};
