import { z } from 'zod';
import { AgreementCompliance, ComplianceQuery, CooperationAgreement, CooperationAgreementInput, CooperationAgreementList, Id } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { sendFile } from '../../platform/http/files.js';
import { ATTACHMENT_LIMIT } from '../sharing/attachment-rules.js';
import { uploadedFile } from '../sharing/attachment-upload.js';
import type { CooperationAgreementService } from './service.js';

const Params = z.object({ id: Id });

export function cooperationAgreementRoutes(agreements: CooperationAgreementService): RouteSpec[] {
  const tag = 'governance';
  return [
    defineRoute({
      method: 'GET',
      url: '/api/agreements',
      summary: 'Cooperation agreements (联防联控协议, 责任书) the reader’s agency is party to (the centre: all), newest first',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'cooperation_agreement', at: 'agreements.*.id' }] },
      response: CooperationAgreementList,
      handler: async ({ actor }) => ({ agreements: await agreements.list(actor!) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/agreements',
      summary: 'Draw up an agreement (the centre): parties, scope (stretches of line by mileage, and/or counties and townships), obligations with targets, validity',
      tag,
      access: 'signed-in',
      body: CooperationAgreementInput,
      status: 201,
      response: CooperationAgreement,
      handler: async ({ actor, body }) => agreements.create(actor!, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/agreements/:id',
      summary: 'An agreement: parties, scope, obligations, validity, status and signed copies',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'cooperation_agreement', param: 'id' } },
      params: Params,
      response: CooperationAgreement,
      handler: async ({ actor, params }) => agreements.get(actor!, params.id),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/agreements/:id',
      summary: 'Rewrite a draft agreement as a whole (the centre); 409 once it is in force',
      tag,
      access: 'signed-in',
      params: Params,
      body: CooperationAgreementInput,
      response: CooperationAgreement,
      handler: async ({ actor, params, body }) => agreements.update(actor!, params.id, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/agreements/:id/compliance',
      summary: 'Each obligation measured for a month (month=YYYY-MM, Beijing) from the platform’s own records within the scope: value, target, met, and what it was counted from',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'cooperation_agreement', param: 'id' } },
      params: Params,
      query: ComplianceQuery,
      response: AgreementCompliance,
      handler: async ({ actor, params, query }) => agreements.compliance(actor!, params.id, query.month),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/agreements/:id/copies',
      summary: 'File a signed copy (the centre): PDF, JPEG or PNG judged by content, at most 5 MB, the name in X-Filename',
      tag,
      access: 'signed-in',
      params: Params,
      body: z.unknown(),
      rawBody: ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'],
      bodyLimit: ATTACHMENT_LIMIT + 1024,
      status: 201,
      response: CooperationAgreement,
      handler: async ({ actor, params, body, request }) => agreements.addCopy(actor!, params.id, uploadedFile(body, request)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/agreements/:id/copies/:copyId',
      summary: 'A signed copy, as filed',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'cooperation_agreement', param: 'id' } },
      params: z.object({ id: Id, copyId: Id }),
      handler: async ({ actor, params, reply }) => sendFile(reply, await agreements.copy(actor!, params.id, params.copyId)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/agreements/:id/sign',
      summary: 'Put the agreement in force (the centre), once a signed copy is filed (409 no_signed_copy otherwise)',
      tag,
      access: 'signed-in',
      params: Params,
      response: CooperationAgreement,
      handler: async ({ actor, params }) => agreements.sign(actor!, params.id),
    }),
  ];
}
