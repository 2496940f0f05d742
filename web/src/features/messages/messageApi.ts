import { z } from 'zod';
import { Message } from '@railjoint/contracts';
import { request } from '../../api/client';
import { getToken } from '../../api/token';
import { ApiError } from '../../api/errors';

const MessageList = z.object({ messages: z.array(Message) });

export const messageApi = {
  list: (incidentId: string, signal?: AbortSignal) => request('GET', `/api/incidents/${encodeURIComponent(incidentId)}/messages`, { schema: MessageList, signal }),
  post: (incidentId: string, text: string, channel: 'incident' | 'command') => request('POST', `/api/incidents/${encodeURIComponent(incidentId)}/messages`, { body: { text, channel }, schema: Message }),
  /** the file goes as its own bytes and type; the server judges it by content */
  async attach(incidentId: string, messageId: string, file: File) {
    const token = getToken();
    const res = await fetch(`/api/incidents/${encodeURIComponent(incidentId)}/messages/${encodeURIComponent(messageId)}/attachments`, {
      method: 'POST',
      headers: { 'content-type': file.type || 'application/octet-stream', 'x-filename': encodeURIComponent(file.name), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: await file.arrayBuffer(),
    });
    const json = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    if (!res.ok) throw new ApiError(res.status, json?.error?.code ?? 'upload_failed', json?.error?.message ?? `HTTP ${res.status}`);
    return Message.parse(json);
  },
  /** attachments download with the session cookie, as a plain link */
  attachmentUrl: (incidentId: string, messageId: string, attachmentId: string) => `/api/incidents/${encodeURIComponent(incidentId)}/messages/${encodeURIComponent(messageId)}/attachments/${encodeURIComponent(attachmentId)}`,
};
