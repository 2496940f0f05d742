import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorCode } from '@railjoint/contracts';
import { BARE_ERROR_HEADERS } from './security-headers.js';
import { said } from './errors.js';
import { preferredLang } from './register.js';

/** The documented error shape: `{"error":{"code","message","details?"}}`. */
export function errorBody(code: ApiErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Paths are echoed in messages, but never a whole megabyte of one. */
const shorten = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Longer than any id the contracts accept (64), short enough that nobody routes a novel. */
export const MAX_PARAM_LENGTH = 128;

/**
 * Errors Fastify meets while routing, before any hook has run: a path that is not valid
 * percent-encoding, a path parameter over MAX_PARAM_LENGTH.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  // the headers are read (the language asked for), the path is not yet routed
  const lang = preferredLang(request);
  reply.headers({ ...BARE_ERROR_HEADERS, 'content-language': lang });
  const path = shorten(request.raw.url?.split('?')[0] ?? '');
  if (error.code === 'FST_ERR_BAD_URL') {
    void reply.status(400).send(errorBody('bad_url', said(`路径 ${path} 不是有效的百分号编码 UTF-8`, `the path ${path} is not valid percent-encoded UTF-8`).in(lang)));
  } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.status(414).send(errorBody('path_parameter_too_long', said(`${path} 的路径参数超过 ${MAX_PARAM_LENGTH} 个字符`, `a path parameter of ${path} is longer than ${MAX_PARAM_LENGTH} characters`).in(lang)));
  } else {
    void reply.status(400).send(errorBody('bad_request', said(`请求有误（${error.message}）`, error.message).in(lang)));
  }
}

/**
 * A raw HTTP/1.1 answer for a connection Fastify never got a request from. Its headers were never
 * read, so nobody asked for a language: the message is English, with no Content-Language, and a
 * console words the code itself.
 */
export function writeRawError(socket: Duplex, status: number, code: ApiErrorCode, message: string, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(errorBody(code, message));
  const headers = {
    ...BARE_ERROR_HEADERS,
    ...extra,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
  // closed once written, as ws does for the handshakes it refuses
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\n${head}\r\n\r\n${body}`);
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them: headers over the size limit
 * (Node's 431), a request that is not HTTP, a timeout. The default answer is Fastify's own shape.
 */
export function clientErrorHandler(error: Error & { code?: string; reason?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    writeRawError(socket, 431, 'headers_too_large', `the request line and headers are larger than ${http.maxHeaderSize} bytes`);
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    writeRawError(socket, 408, 'request_timeout', 'the request did not arrive in time');
  } else {
    writeRawError(socket, 400, 'bad_request', `not a well-formed HTTP request (${error.code ?? 'parse error'}${error.reason ? `: ${error.reason}` : ''})`);
  }
}

/** For answers a plugin sent without a body (the WebSocket route's refusal of a plain GET). */
export function codeForStatus(status: number): ApiErrorCode {
  const known: Record<number, ApiErrorCode> = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 413: 'body_too_large', 415: 'unsupported_media_type', 426: 'upgrade_required', 429: 'too_many_requests' };
  return known[status] ?? (status >= 500 ? 'internal' : 'bad_request');
}
