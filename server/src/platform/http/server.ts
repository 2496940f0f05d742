import { enterRequestOrigin } from '../audit/trail.js';
import { clientOf } from './client.js';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import cookie from '@fastify/cookie';
import fs from 'node:fs';
import path from 'node:path';
import { HttpError } from './errors.js';
import { registerRoutes, type ActorResolver } from './register.js';
import { buildOpenApi } from './openapi.js';
import { renderDocsPage } from './docs-page.js';
import type { RouteSpec } from './route.js';

export interface HttpOptions {
  routes: RouteSpec[];
  resolveActor: ActorResolver;
  webDist: string | null;
  logLevel: string;
  version: string;
  /** default JSON body limit; import routes raise their own */
  bodyLimit?: number;
  /** more plugins and routes outside the contract registry (the live WebSocket) */
  extend?: (app: FastifyInstance) => Promise<void>;
}

function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export async function createHttpServer(opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logLevel === 'silent' ? false : { level: opts.logLevel },
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    // Reports the real client behind the coordination centre's reverse proxy in logs and audit.
    trustProxy: true,
  });
  await app.register(cookie);
  // the audit trail records where each request came from without every call passing it along
  app.addHook('onRequest', (request, _reply, done) => {
    enterRequestOrigin({ client: clientOf(request) });
    done();
  });

  // XML and plain-text bodies arrive as strings; their routes parse them.
  app.addContentTypeParser(['text/plain', 'text/csv'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  // XML keeps its bytes: the document's own declaration says how to decode it (ISO-8859-1 CAP alerts exist)
  app.addContentTypeParser(['application/xml', 'text/xml', 'application/cap+xml'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  // Archives (GTFS zips) arrive as Buffers; each route sets its own bodyLimit for them.
  app.addContentTypeParser(['application/zip', 'application/octet-stream', 'image/jpeg', 'image/png', 'application/pdf'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError | HttpError | Error, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
    }
    const fe = error as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(errorBody('body_too_large', 'request body is too large'));
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(errorBody('unsupported_media_type', `content type ${request.headers['content-type'] ?? '(none)'} is not accepted here`));
    }
    if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(400).send(errorBody('validation_failed', 'invalid body: a JSON body is required', { fields: [{ field: 'body', message: 'required' }] }));
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code = error instanceof SyntaxError || /JSON/i.test(fe.message) ? 'invalid_json' : 'bad_request';
      return reply.status(fe.statusCode).send(errorBody(code, fe.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('internal', 'internal error; it has been logged'));
  });

  if (opts.extend) await opts.extend(app);
  registerRoutes(app, opts.routes, opts.resolveActor);

  const openapi = buildOpenApi(opts.routes, opts.version);
  app.get('/api/openapi.json', async () => openapi);
  const docs = renderDocsPage(opts.routes, openapi);
  app.get('/api/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(docs));

  const webDist = opts.webDist && fs.existsSync(path.join(opts.webDist, 'index.html')) ? opts.webDist : null;
  if (webDist) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !webDist || request.method !== 'GET') {
      return reply.status(404).send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]}`));
    }
    // The console is a single-page app: every other GET gets its shell.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  return app;
}
