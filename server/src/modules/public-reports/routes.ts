import { z } from 'zod';
import { Open311Client, Open311ClientCreated, Open311ClientInput, PublicCategoryInfo, PublicNoteRequest, PublicReport, PublicReportReceipt, PublicReportRequest, PublicReportStatus, PublicStatus, ReporterContact } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { sendFile } from '../../platform/http/files.js';
import { clientOf } from '../../platform/http/client.js';
import { ATTACHMENT_LIMIT } from '../sharing/attachment-rules.js';
import { uploadedFile } from '../sharing/attachment-upload.js';
import type { PublicReportService } from './service.js';
import type { Open311Clients } from './open311-clients.js';
import { PUBLIC_CATEGORY_DEFS } from './categories.js';
import { originOf, withRetryAfter } from './origin.js';
import type { NetworkService } from '../network/service.js';
import { publicPlaces, PublicPlaces } from './public-places.js';

const CodeParams = z.object({ code: z.string().min(1).max(40) });
const IdParams = z.object({ id: z.uuid() });

export function publicReportRoutes(reports: PublicReportService, clients: Open311Clients, network?: NetworkService): RouteSpec[] {
  const tag = 'public reports';
  return [
    ...(network
      ? [
          defineRoute({
            method: 'GET',
            url: '/api/public/places',
            summary: 'Stations and lines for the public report page (no sign-in): names, station points and each line’s simplified course, to say where',
            tag,
            access: 'public',
            response: PublicPlaces,
            handler: async () => publicPlaces(network.current()),
          }),
        ]
      : []),
    defineRoute({
      method: 'GET',
      url: '/api/public/report-categories',
      summary: 'What the public can report, in words a member of the public understands (no sign-in)',
      tag,
      access: 'public',
      response: z.object({ categories: z.array(PublicCategoryInfo) }),
      handler: async ({ lang }) => ({ categories: PUBLIC_CATEGORY_DEFS.map((c) => ({ id: c.id, name: c[lang === 'en' ? 'en' : 'zh'].name, description: c[lang === 'en' ? 'en' : 'zh'].description, incidentCategory: c.incidentCategory })) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/public/reports',
      summary: 'Report something on the railway (no sign-in): what, where (a point, a station, a km post, a train and car), optional contact; answered with a tracking code. Limited per address and per device (X-Device-Id)',
      tag,
      access: 'public',
      body: PublicReportRequest,
      status: 201,
      response: PublicReportReceipt,
      handler: async ({ body, lang, request, reply }) =>
        withRetryAfter(reply, async () => {
          const r = await reports.submit({ ...body, source: 'web' }, originOf(request), lang, clientOf(request));
          reply.status(r.created ? 201 : 200);
          return { trackingCode: r.trackingCode, status: r.status, submittedAt: r.submittedAt, notice: r.notice };
        }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/public/reports/:code',
      summary: 'A report’s status and the handling agency’s public notes, by its tracking code (no sign-in; nothing personal)',
      tag,
      access: 'public',
      params: CodeParams,
      response: PublicReportStatus,
      handler: async ({ params, lang, request, reply }) => withRetryAfter(reply, () => reports.status(params.code, originOf(request), lang)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/public/reports/:code/photos',
      summary: 'A photo for a report, by its tracking code (JPEG or PNG judged by content, at most 5 MB and 3 photos, within a day; location metadata removed)',
      tag,
      access: 'public',
      params: CodeParams,
      body: z.unknown(),
      rawBody: ['image/jpeg', 'image/png', 'application/octet-stream'],
      bodyLimit: ATTACHMENT_LIMIT + 1024,
      status: 201,
      response: PublicReportStatus,
      handler: async ({ params, body, lang, request, reply }) =>
        withRetryAfter(reply, async () => {
          const r = await reports.addPhoto(params.code, uploadedFile(body, request, 'image/jpeg or image/png'), originOf(request), lang);
          reply.status(r.created ? 201 : 200);
          return r.status;
        }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/public-reports',
      summary: 'Reports from the public whose incidents the user may read',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'public_report', at: 'reports.*.id' }], mentions: ['reporter_contact'] },
      query: z.object({ status: PublicStatus.optional() }),
      response: z.object({ reports: z.array(PublicReport) }),
      handler: async ({ actor, query }) => ({ reports: await reports.list(actor!, query) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/public-reports/:id',
      summary: 'A report from the public, to the readers of its incident',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'public_report', param: 'id' }, mentions: ['reporter_contact'] },
      params: IdParams,
      response: PublicReport,
      handler: async ({ actor, params }) => reports.get(actor!, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/public-reports/:id/contact',
      summary: 'The reporter’s contact details: the handling agency and the centre’s call-takers only (audited)',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'reporter_contact', param: 'id' } },
      params: IdParams,
      response: ReporterContact,
      handler: async ({ actor, params }) => reports.contact(actor!, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/public-reports/:id/notes',
      summary: 'A public note the reporter sees with the status (the handling agency or the centre)',
      tag,
      access: 'signed-in',
      params: IdParams,
      body: PublicNoteRequest,
      status: 201,
      response: PublicReport,
      handler: async ({ actor, params, body }) => reports.addNote(actor!, params.id, body.text),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/public-reports/:id/photos/:photoId',
      summary: 'A report’s photo (as stored: without location metadata)',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'public_report', param: 'id' } },
      params: z.object({ id: z.uuid(), photoId: z.uuid() }),
      handler: async ({ actor, params, reply }) => sendFile(reply, await reports.photo(actor!, params.id, params.photoId), 'inline'),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/open311/clients',
      summary: 'Applications allowed to post Open311 requests (administrators)',
      tag,
      access: 'signed-in',
      reads: { action: 'open311.manage' },
      response: z.object({ clients: z.array(Open311Client) }),
      handler: async ({ actor }) => clients.list(actor!),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/open311/clients',
      summary: 'Let an application post Open311 requests: its api_key is shown once',
      tag,
      access: 'signed-in',
      body: Open311ClientInput,
      status: 201,
      response: Open311ClientCreated,
      handler: async ({ actor, body }) => clients.create(actor!, body.name),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/open311/clients/:id',
      summary: 'Revoke an application’s api_key',
      tag,
      access: 'signed-in',
      params: IdParams,
      status: 204,
      handler: async ({ actor, params, reply }) => {
        await clients.revoke(actor!, params.id);
        return reply.status(204).send();
      },
    }),
  ];
}
