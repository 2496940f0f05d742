import { enterRequestOrigin } from '../audit/trail.js';
import { clientOf } from './client.js';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Duplex } from 'node:stream';
import fastifyStatic from '@fastify/static';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fs from 'node:fs';
import path from 'node:path';
import { fieldError, HttpError, said, validationError } from './errors.js';
import { clientErrorHandler, codeForStatus, errorBody, frameworkErrors, MAX_PARAM_LENGTH, writeRawError } from './edge-errors.js';
import { consoleCsp, helmetOptions, staticCacheHeaders } from './security-headers.js';
import { malformedQueryFields, unsafeTextFields } from './unsafe-text.js';
import { preferredLang, registerRoutes, type ActorResolver } from './register.js';
import { buildOpenApi } from './openapi.js';
import { DOCS_STYLE_SOURCE, renderDocsPage } from './docs-page.js';
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
  /** addresses and CIDRs of reverse proxies whose X-Forwarded-For is believed (RAILJOINT_TRUSTED_PROXIES) */
  trustedProxies?: string[];
  /** origins of a configured basemap style, which the console's content security policy must let the map reach */
  mapOrigins?: string[];
}

export async function createHttpServer(opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logLevel === 'silent' ? false : { level: opts.logLevel },
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    // X-Forwarded-For is believed only from the configured proxies: anyone else could choose the
    // address that the audit trail, sessions and sign-in throttling record.
    trustProxy: opts.trustedProxies?.length ? opts.trustedProxies : false,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
    clientErrorHandler,
  });
  await app.register(cookie);
  await app.register(helmet, helmetOptions(opts.mapOrigins));
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
    // every refusal in the language of whoever asked, and saying so, so a console can tell its
    // own language from a proxy's or an older server's words
    const lang = preferredLang(request);
    void reply.header('content-language', lang);
    if (error instanceof HttpError) {
      return reply.status(error.status).send(errorBody(error.code, error.said.in(lang), error.detailsIn(lang)));
    }
    const fe = error as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(errorBody('body_too_large', said('请求内容过大', 'request body is too large').in(lang)));
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const type = request.headers['content-type'] ?? '(none)';
      return reply.status(415).send(errorBody('unsupported_media_type', said(`此处不接受内容类型 ${type}`, `content type ${type} is not accepted here`).in(lang)));
    }
    if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      const required = validationError([fieldError('body', '必填', 'required')]);
      return reply.status(400).send(errorBody('validation_failed', said('请求内容有误：需要 JSON 内容', 'invalid body: a JSON body is required').in(lang), required.detailsIn(lang)));
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      // the parser's own words name the place in the body; the sentence around them is ours
      const json = error instanceof SyntaxError || /JSON/i.test(fe.message);
      const message = json ? said(`JSON 内容无法解析（${fe.message}）`, fe.message) : said(`请求有误（${fe.message}）`, fe.message);
      return reply.status(fe.statusCode).send(errorBody(json ? 'invalid_json' : 'bad_request', message.in(lang)));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('internal', said('服务器内部错误，已记录', 'internal error; it has been logged').in(lang)));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // signed-in data must not stay in a browser's or a proxy's cache; a handler may say otherwise
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    // A plugin that answered an error with nothing (the WebSocket route to a plain GET) still
    // answers in the documented shape.
    if (reply.statusCode >= 400 && (payload === undefined || payload === null || payload === '') && request.method !== 'HEAD') {
      reply.type('application/json; charset=utf-8');
      const where = `${request.method} ${request.url.split('?')[0]}`;
      const lang = preferredLang(request);
      reply.header('content-language', lang);
      return JSON.stringify(errorBody(codeForStatus(reply.statusCode), said(`${where} 应答 ${reply.statusCode}`, `${where} answered ${reply.statusCode}`).in(lang)));
    }
    return payload;
  });

  // WebSocket routes: a request that is not an upgrade is told so, instead of an empty 404.
  app.addHook('onRoute', (route) => {
    if (!(route as { websocket?: boolean }).websocket) return;
    const refusePlain = async (request: FastifyRequest, reply: FastifyReply) => {
      if (!(request as { ws?: boolean }).ws) {
        const lang = preferredLang(request);
        const message = said(`${route.url} 是 WebSocket 接口：请发送 Connection: Upgrade 和 Upgrade: websocket`, `${route.url} is a WebSocket: send Connection: Upgrade and Upgrade: websocket`);
        return reply.status(426).header('upgrade', 'websocket').header('content-language', lang).send(errorBody('upgrade_required', message.in(lang)));
      }
    };
    route.preHandler = [...(Array.isArray(route.preHandler) ? route.preHandler : route.preHandler ? [route.preHandler] : []), refusePlain];
  });

  if (opts.extend) await opts.extend(app);

  // Before any handler, for every route (the registry's and the live channel): text no database
  // can store as written is refused here, so no store ever has to think about it. The path and
  // the query as soon as the request is routed, before its body is read (so a bad path parameter
  // is named even when the body would be refused too), the parsed body next. Added after the
  // WebSocket plugin's hooks, which mark an upgrade request so that a refused one is closed.
  app.addHook('onRequest', async (request) => {
    const fields = [...unsafeTextFields(request.params, 'params'), ...malformedQueryFields(request.raw.url), ...unsafeTextFields(request.query, 'query')];
    if (fields.length) throw validationError(fields);
  });
  app.addHook('preValidation', async (request) => {
    const fields = unsafeTextFields(request.body, 'body');
    if (fields.length) throw validationError(fields);
  });
  // handshakes the WebSocket library refuses (bad key, version, protocol) in the documented shape
  const wss = (app as { websocketServer?: { on(event: 'wsClientError', l: (e: Error, socket: Duplex) => void): void } }).websocketServer;
  wss?.on('wsClientError', (error, socket) => writeRawError(socket, 400, 'bad_websocket_handshake', error.message, { 'sec-websocket-version': '13' }));
  registerRoutes(app, opts.routes, opts.resolveActor);

  const openapi = buildOpenApi(opts.routes, opts.version);
  app.get('/api/openapi.json', async () => openapi);
  const docs = renderDocsPage(opts.routes, openapi);
  const docsHelmet = { contentSecurityPolicy: { useDefaults: false, directives: { ...consoleCsp(), 'style-src': [DOCS_STYLE_SOURCE] } } };
  app.get('/api/docs', { helmet: docsHelmet }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(docs));

  const webDist = opts.webDist && fs.existsSync(path.join(opts.webDist, 'index.html')) ? opts.webDist : null;
  if (webDist) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, setHeaders: staticCacheHeaders(webDist) });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !webDist || request.method !== 'GET') {
      const lang = preferredLang(request);
      const where = `${request.method} ${request.url.split('?')[0]}`;
      return reply.status(404).header('content-language', lang).send(errorBody('not_found', said(`没有接口 ${where}`, `no route ${where}`).in(lang)));
    }
    // The console is a single-page app: every other GET gets its shell.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  return app;
}
