import { z } from 'zod';
import { Message } from '@railjoint/contracts';
import { request } from '../../api/client';

const MessageList = z.object({ messages: z.array(Message) });

export const messageApi = {
  list: (incidentId: string, signal?: AbortSignal) => request('GET', `/api/incidents/${encodeURIComponent(incidentId)}/messages`, { schema: MessageList, signal }),
  post: (incidentId: string, text: string, channel: 'incident' | 'command') => request('POST', `/api/incidents/${encodeURIComponent(incidentId)}/messages`, { body: { text, channel }, schema: Message }),
  /** the file goes as its own bytes and type; the server judges it by content */
  attach: async (incidentId: string, messageId: string, file: File) =>
    request('POST', `/api/incidents/${encodeURIComponent(incidentId)}/messages/${encodeURIComponent(messageId)}/attachments`, { file: { data: await file.arrayBuffer(), contentType: file.type || 'application/octet-stream', name: file.name }, schema: Message }),
  /** attachments download with the session cookie, as a plain link */
  attachmentUrl: (incidentId: string, messageId: string, attachmentId: string) => `/api/incidents/${encodeURIComponent(incidentId)}/messages/${encodeURIComponent(messageId)}/attachments/${encodeURIComponent(attachmentId)}`,
};
