import { z } from 'zod';
import { Id, Meeting, MeetingDocumentQuery, MeetingInput, MeetingList, MeetingQuery, MeetingRecordInput } from '@railjoint/contracts';
import { ATTACHMENT_LIMIT } from '../sharing/attachment-rules.js';
import { uploadedFile } from '../sharing/attachment-upload.js';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { sendFile } from '../../platform/http/files.js';
import type { GovernanceService } from './service.js';
import { minutesPdf } from './minutes-pdf.js';

const Params = z.object({ id: Id });

export function governanceRoutes(meetings: GovernanceService, department: () => string): RouteSpec[] {
  const tag = 'governance';
  return [
    defineRoute({
      method: 'GET',
      url: '/api/meetings',
      summary: 'Joint meetings (联席会议) the reader’s agency was invited to (the centre: all), newest first, with counts of open and overdue decisions',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'meeting', at: 'meetings.*.id' }] },
      query: MeetingQuery,
      response: MeetingList,
      handler: async ({ actor, query }) => ({ meetings: await meetings.list(actor!, query) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/meetings',
      summary: 'Convene a joint meeting (the centre): type, title, time, place, the agencies invited and the agenda',
      tag,
      access: 'signed-in',
      body: MeetingInput,
      status: 201,
      response: Meeting,
      handler: async ({ actor, body }) => meetings.create(actor!, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/meetings/:id',
      summary: 'A meeting: attendance, agenda, the open decisions of earlier meetings it carries, minutes and decisions with their task orders’ state',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'meeting', param: 'id' } },
      params: Params,
      response: Meeting,
      handler: async ({ actor, params }) => meetings.get(actor!, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/meetings/:id/minutes.pdf',
      summary: 'The minutes (会议纪要) as PDF',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'meeting', param: 'id' } },
      params: Params,
      handler: async ({ actor, params, reply }) => {
        const m = await meetings.get(actor!, params.id);
        return sendFile(reply, { name: `${m.code}-minutes.pdf`, contentType: 'application/pdf', data: await minutesPdf(m, department()) });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/meetings/:id/documents',
      summary: 'Table a document at the meeting (the centre or an invited agency): the file as the body, its name in X-Filename; PDF, JPEG or PNG as bulletins carry, judged by content; once per documentId',
      tag,
      access: 'signed-in',
      params: Params,
      query: MeetingDocumentQuery,
      body: z.unknown(),
      rawBody: ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'],
      bodyLimit: ATTACHMENT_LIMIT + 1024,
      status: 201,
      response: Meeting,
      handler: async ({ actor, params, query, body, request }) => meetings.addDocument(actor!, params.id, query.documentId, uploadedFile(body, request, 'a PDF, JPEG or PNG')),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/meetings/:id/documents/:documentId',
      summary: 'A document tabled at the meeting',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'meeting', param: 'id' } },
      params: z.object({ id: Id, documentId: Id }),
      handler: async ({ actor, params, reply }) => sendFile(reply, await meetings.document(actor!, params.id, params.documentId)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/meetings/:id/record',
      summary: 'Record the meeting as held (the centre): attendance, minutes, and decisions, each a task order to its owner agency, all at once',
      tag,
      access: 'signed-in',
      params: Params,
      body: MeetingRecordInput,
      response: Meeting,
      handler: async ({ actor, params, body }) => meetings.record(actor!, params.id, body),
    }),
  ];
}
