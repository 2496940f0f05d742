import { z } from 'zod';
import { Message, PostMessageRequest } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { HttpError } from '../../platform/http/errors.js';
import { ATTACHMENT_LIMIT, cleanFileName } from '../sharing/attachment-rules.js';
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
      handler: async ({ actor, params, body, request }) => {
        if (!Buffer.isBuffer(body)) throw new HttpError(415, 'unsupported_media_type', 'send the file itself as the body, as image/jpeg, image/png or application/pdf');
        const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim();
        return messages.attach(actor!, params.id, params.messageId, cleanFileName(request.headers['x-filename'] as string | undefined), type, body);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/incidents/:id/messages/:messageId/attachments/:attachmentId',
      summary: 'A message attachment, to whoever may read the message',
      tag: 'messages',
      access: 'signed-in',
      params: MessageParams.extend({ attachmentId: z.string().uuid() }),
      handler: async ({ actor, params, reply }) => {
        const a = await messages.attachment(actor!, params.id, params.messageId, params.attachmentId);
        return reply.header('content-type', a.contentType).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.name)}`).header('x-content-type-options', 'nosniff').send(a.data);
      },
    }),
  ];
}
