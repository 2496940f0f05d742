import { z } from 'zod';
import { Bulletin, BulletinList, BulletinReceipts, CapImportResult, type CreateBulletinRequest } from '@railjoint/contracts';
import { request } from '../../api/client';

export type BulletinView = 'current' | 'unacknowledged' | 'all';
export type BulletinSummary = z.infer<typeof BulletinList>['bulletins'][number];

export const bulletinApi = {
  list: (view: BulletinView, signal?: AbortSignal) => request('GET', '/api/bulletins', { query: { view, limit: 200 }, schema: BulletinList, signal }),
  /** the bulletins about one incident, whatever their state */
  aboutIncident: (incidentId: string, signal?: AbortSignal) => request('GET', '/api/bulletins', { query: { view: 'all', incidentId, limit: 50 }, schema: BulletinList, signal }),
  /** one read for the receipts, once per opening */
  opened: (id: string) => request<void>('POST', `/api/bulletins/${encodeURIComponent(id)}/opened`, { body: {} }),
  /** the bulletin a link names by its number (any state, if the user may see it) */
  byCode: async (code: string, signal?: AbortSignal) => (await request('GET', '/api/bulletins', { query: { view: 'all', code, limit: 1 }, schema: BulletinList, signal })).bulletins[0] ?? null,
  get: (id: string, signal?: AbortSignal) => request('GET', `/api/bulletins/${encodeURIComponent(id)}`, { schema: Bulletin, signal }),
  publish: (body: CreateBulletinRequest) => request('POST', '/api/bulletins', { body, schema: Bulletin }),
  acknowledge: (id: string) => request('POST', `/api/bulletins/${encodeURIComponent(id)}/acknowledge`, { body: {}, schema: Bulletin }),
  receipts: (id: string, signal?: AbortSignal) => request('GET', `/api/bulletins/${encodeURIComponent(id)}/receipts`, { schema: BulletinReceipts, signal }),
  remind: (id: string) => request('POST', `/api/bulletins/${encodeURIComponent(id)}/remind`, { body: {}, schema: z.object({ reminded: z.number() }) }),
  withdraw: (id: string, reason: string) => request('POST', `/api/bulletins/${encodeURIComponent(id)}/withdraw`, { body: { reason }, schema: Bulletin }),
  /** the session cookie authenticates plain links: the browser downloads them itself */
  capUrl: (id: string) => `/api/bulletins/${encodeURIComponent(id)}/cap`,
  attachmentUrl: (id: string, attachmentId: string) => `/api/bulletins/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`,
  /** the alert goes as its own bytes: its XML declaration says how to read it */
  importCap: async (file: File) => request('POST', '/api/bulletins/import-cap', { file: { data: await file.arrayBuffer(), contentType: 'application/xml' }, schema: CapImportResult }),
};
