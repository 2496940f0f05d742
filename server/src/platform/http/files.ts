import type { FastifyReply } from 'fastify';

/**
 * Sends stored bytes as a download (or inline), with the name in RFC 5987 form so Chinese names
 * survive, and nosniff so a browser never runs what it was told is a picture.
 */
export function sendFile(reply: FastifyReply, file: { name: string; contentType: string; data: Buffer | string }, disposition: 'attachment' | 'inline' = 'attachment'): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('x-content-type-options', 'nosniff')
    .send(file.data);
}
