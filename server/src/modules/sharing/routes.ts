import { z } from 'zod';
import { Bulletin, BulletinList, BulletinQuery, BulletinReceipts, CapImportResult, CreateBulletinRequest, Id, SharingAgreement } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { authorize } from '../../platform/policies.js';
import { validationError, fieldError } from '../../platform/http/errors.js';
import { sendFile } from '../../platform/http/files.js';
import { uploadedFile } from './attachment-upload.js';
import type { SharingService } from './service.js';
import type { CapImporter } from './cap-import.js';
import { ATTACHMENT_LIMIT } from './attachment-rules.js';

const BulletinParams = z.object({ id: z.string().uuid() });
const CAP_LIMIT = 1024 * 1024;

/** Bulletins (通报), CAP 1.2 in and out, attachments, data-sharing agreements. */
export function sharingRoutes(sharing: SharingService, cap: CapImporter): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/bulletins',
      summary: 'Publish a bulletin (wanted, BOLO, risk warning, security notice, case clue) with a classification, a distribution (agencies, stretches of line, roles) and a validity period; restricted and secret ones only to agencies a data-sharing agreement covers',
      tag: 'sharing',
      access: 'signed-in',
      body: CreateBulletinRequest,
      status: 201,
      response: Bulletin,
      handler: async ({ actor, body }) => sharing.publish(actor!, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/bulletins',
      summary: 'The bulletins the user may see (filtered in the query by classification, distribution, role and agreements), newest first',
      tag: 'sharing',
      access: 'signed-in',
      reads: { lists: [{ kind: 'bulletin', at: 'bulletins.*.id' }] },
      query: BulletinQuery,
      response: BulletinList,
      handler: async ({ actor, query }) => sharing.list(actor!, query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/bulletins/import-cap',
      summary: 'Import an OASIS CAP 1.2 alert (XML body) as a bulletin: refused with reasons when it declares a DTD or entities, fails the official schema or breaks the specification; a Cancel withdraws the bulletin of the alert it references. `to` adds receiving agencies; agencies along lines inside its polygons and circles receive it too.',
      tag: 'sharing',
      access: 'signed-in',
      body: z.unknown(),
      query: z.object({ to: z.string().max(2000).optional() }),
      rawBody: ['application/xml', 'text/xml', 'application/cap+xml'],
      bodyLimit: CAP_LIMIT,
      response: CapImportResult,
      handler: async ({ actor, body, query, reply, request }) => {
        const to = (query.to ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        const result = await cap.import(actor!, uploadedFile(body, request, 'application/xml or application/cap+xml').bytes, to);
        reply.status(result.created ? 201 : 200);
        return result;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/bulletins/:id',
      summary: 'One bulletin (404 unless the user may see it); restricted and secret ones are read on the audit chain. Reading it again is not another read for the receipts: `POST …/opened` counts one per opening',
      tag: 'sharing',
      access: 'signed-in',
      reads: { item: { kind: 'bulletin', param: 'id' } },
      params: BulletinParams,
      response: Bulletin,
      handler: async ({ actor, params }) => sharing.get(actor!, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/bulletins/:id/opened',
      summary: 'A person opened the bulletin: one read for the receipts (the console calls it once per opening, however often it reads the bulletin again while open)',
      tag: 'sharing',
      access: 'signed-in',
      params: BulletinParams,
      body: z.object({}).optional(),
      status: 204,
      handler: async ({ actor, params, reply }) => {
        await sharing.opened(actor!, params.id);
        return reply.status(204).send();
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/bulletins/:id/cap',
      summary: 'The bulletin as an OASIS CAP 1.2 alert (valid against the official XSD); a withdrawn one as a Cancel',
      tag: 'sharing',
      access: 'signed-in',
      reads: { item: { kind: 'bulletin', param: 'id' } },
      params: BulletinParams,
      handler: async ({ actor, params, reply }) => {
        const xml = await sharing.cap(actor!, params.id);
        return reply.header('content-type', 'application/cap+xml; charset=utf-8').send(xml);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/bulletins/:id/acknowledge',
      summary: "The user's agency acknowledges receipt (签收)",
      tag: 'sharing',
      access: 'signed-in',
      params: BulletinParams,
      body: z.object({}).strict().optional(),
      response: Bulletin,
      handler: async ({ actor, params }) => sharing.acknowledge(actor!, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/bulletins/:id/receipts',
      summary: 'Who has acknowledged and read it, and reminders sent (the sending agency and the centre)',
      tag: 'sharing',
      access: 'signed-in',
      reads: { item: { kind: 'bulletin', param: 'id' } },
      params: BulletinParams,
      response: BulletinReceipts,
      handler: async ({ actor, params }) => sharing.receipts(actor!, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/bulletins/:id/remind',
      summary: 'Remind every agency that has not acknowledged yet',
      tag: 'sharing',
      access: 'signed-in',
      params: BulletinParams,
      body: z.object({}).strict().optional(),
      response: z.object({ reminded: z.number() }),
      handler: async ({ actor, params }) => sharing.remind(actor!, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/bulletins/:id/withdraw',
      summary: 'Withdraw a bulletin (the sending agency), with a reason',
      tag: 'sharing',
      access: 'signed-in',
      params: BulletinParams,
      body: z.object({ reason: z.string().trim().min(2).max(500) }).strict(),
      response: Bulletin,
      handler: async ({ actor, params, body }) => sharing.withdraw(actor!, params.id, body.reason),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/bulletins/:id/attachments',
      summary: `Attach a JPEG, PNG or PDF (the file as the body, its URL-encoded name in X-Filename; at most ${ATTACHMENT_LIMIT / 1024 / 1024} MB; judged by content)`,
      tag: 'sharing',
      access: 'signed-in',
      params: BulletinParams,
      body: z.unknown(),
      rawBody: ['image/jpeg', 'image/png', 'application/pdf', 'application/octet-stream'],
      bodyLimit: ATTACHMENT_LIMIT + 1024,
      status: 201,
      response: Bulletin,
      handler: async ({ actor, params, body, request }) => sharing.attach(actor!, params.id, uploadedFile(body, request)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/bulletins/:id/attachments/:attachmentId',
      summary: 'An attachment, to whoever may see its bulletin (the read is recorded)',
      tag: 'sharing',
      access: 'signed-in',
      reads: { item: { kind: 'bulletin_file', param: 'id' } },
      params: z.object({ id: z.string().uuid(), attachmentId: z.string().uuid() }),
      handler: async ({ actor, params, reply }) => {
        return sendFile(reply, await sharing.attachment(actor!, params.id, params.attachmentId));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/sharing-agreements',
      summary: 'Data-sharing agreements the user may know of: those of their own agency; all of them for administrators and the centre’s dispatchers and commanders',
      tag: 'sharing',
      access: 'signed-in',
      reads: { lists: [{ kind: 'agreement', at: 'agreements.*.id' }] },
      response: z.object({ agreements: z.array(SharingAgreement) }),
      handler: async ({ actor }) => {
        authorize(actor, 'organisation.read');
        return { agreements: await sharing.agreements(actor) };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/sharing-agreements/:id',
      summary: 'Create or change a data-sharing agreement (admins); recorded',
      tag: 'sharing',
      access: 'signed-in',
      params: z.object({ id: Id }),
      body: SharingAgreement,
      response: SharingAgreement,
      handler: async ({ actor, params, body }) => {
        authorize(actor, 'organisation.import');
        if (body.id !== params.id) throw validationError([fieldError('body.id', '须与路径中的编号一致', 'must match the id in the path')]);
        return sharing.saveAgreement(actor, body);
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/sharing-agreements/:id',
      summary: 'End a data-sharing agreement (admins); recorded',
      tag: 'sharing',
      access: 'signed-in',
      params: z.object({ id: Id }),
      status: 204,
      handler: async ({ actor, params, reply }) => {
        authorize(actor, 'organisation.import');
        await sharing.deleteAgreement(actor, params.id);
        return reply.status(204).send();
      },
    }),
  ];
}
