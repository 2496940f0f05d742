import { z } from 'zod';
import { Message, PostMessageRequest } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { sendFile } from '../../platform/http/files.js';
import { ATTACHMENT_LIMIT } from '../sharing/attachment-rules.js';
import { uploadedFile } from '../sharing/attachment-upload.js';
import type { MessageService } from './service.js';

const Params = z.object({ id: z.string().uuid() });
const MessageParams = Params.extend({ messageId: z.string().uuid() });

export function messageRoutes(messages: MessageService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/incidents/:id/messages',
      summary: 'Messages between the agencies on the incident (and, for its members, the joint command channel)',
      tag: 'messages',
      access: 'signed-in',
      reads: { item: { kind: 'incident', param: 'id' }, lists: [{ kind: 'message', at: 'messages.*.id' }] },
      params: Params,
      response: z.object({ messages: z.array(Message) }),
      handler: async ({ actor, params }) => messages.list(actor!, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/messages',
      summary: 'Post a message to every agency on the incident, or to the joint command’s members',
      tag: 'messages',
      access: 'signed-in',
      params: Params,
      body: PostMessageRequest,
      status: 201,
      response: Message,
      handler: async ({ actor, params, body }) => messages.post(actor!, params.id, body.text, body.channel),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/messages/:messageId/attachments',
      summary: `Attach a JPEG, PNG or PDF to one's own message (X-Filename; at most ${ATTACHMENT_LIMIT / 1024 / 1024} MB; judged by content)`,
      tag: 'messages',
      access: 'signed-in',
      params: MessageParams,
      body: z.unknown(),
      rawBody: ['image/jpeg', 'image/png', 'application/pdf', 'application/octet-stream'],
      bodyLimit: ATTACHMENT_LIMIT + 1024,
      status: 201,
      response: Message,
      handler: async ({ actor, params, body, request }) => messages.attach(actor!, params.id, params.messageId, uploadedFile(body, request)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/incidents/:id/messages/:messageId/attachments/:attachmentId',
      summary: 'A message attachment, to whoever may read the message',
      tag: 'messages',
      access: 'signed-in',
      reads: { item: { kind: 'message', param: 'messageId' } },
      params: MessageParams.extend({ attachmentId: z.string().uuid() }),
      handler: async ({ actor, params, reply }) => sendFile(reply, await messages.attachment(actor!, params.id, params.messageId, params.attachmentId)),
    }),
  ];
}
