import type { FastifyReply } from 'fastify';
import { FILE_CSP } from './security-headers.js';
import { wellFormed } from './unsafe-text.js';

/**
 * Sends stored bytes as a download (or inline), with the name in RFC 5987 form so Chinese names
 * survive, nosniff so a browser never runs what it was told is a picture, and a sandbox so an HTML
 * report opened in a tab cannot script the console's origin.
 */
export function sendFile(reply: FastifyReply, file: { name: string; contentType: string; data: Buffer | string }, disposition: 'attachment' | 'inline' = 'attachment'): FastifyReply {
  // encodeURIComponent throws on a lone surrogate: a stored name with one must still download
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(wellFormed(file.name))}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', FILE_CSP)
    .send(file.data);
}
