import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import type { RouteSpec } from './route.js';
import { wordings } from './wording.js';
import type { Actor } from '../auth/actor.js';
import { fieldErrors, unauthorized, validationError, type FieldError } from './errors.js';
import { DATABASE_RETRY_AFTER_S, databaseUnavailable, isDatabaseUnavailable } from '../db/availability.js';

export type ActorResolver = (request: FastifyRequest) => Promise<Actor | null>;

function parsePart(schema: ZodType | undefined, value: unknown, root: string, errors: FieldError[]): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? (root === 'body' ? undefined : {}));
  if (!result.success) {
    errors.push(...fieldErrors(result.error, root));
    return undefined;
  }
  return result.data;
}

export function preferredLang(request: FastifyRequest): 'zh-CN' | 'en' {
  const q = (request.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en' || q === 'zh-CN') return q;
  const header = request.headers['accept-language'] ?? '';
  return /^en\b/i.test(header) ? 'en' : 'zh-CN';
}

/**
 * Mounts contract routes on Fastify. Validation is done with the contracts' zod schemas (not
 * Fastify's own), so that every invalid field is reported at once, each by name.
 */
export function registerRoutes(app: FastifyInstance, routes: RouteSpec[], resolveActor: ActorResolver): void {
  for (const spec of routes) {
    app.route({
      method: spec.method,
      url: spec.url,
      bodyLimit: spec.bodyLimit,
      handler: async (request, reply) => {
        try {
          return await handle(spec, request, reply, resolveActor);
        } catch (e) {
          // The database away (restarting, failing over) is no fault of the request: say so at
          // once, the same way on every route, rather than a 500 or a request left hanging.
          if (!isDatabaseUnavailable(e)) throw e;
          reply.header('retry-after', String(DATABASE_RETRY_AFTER_S));
          throw databaseUnavailable();
        }
      },
    });
  }
}

async function handle(spec: RouteSpec, request: FastifyRequest, reply: FastifyReply, resolveActor: ActorResolver): Promise<unknown> {
  const actor = await resolveActor(request);
  if (spec.access !== 'public' && !actor) throw unauthorized();
  const errors: FieldError[] = [];
  const lang = preferredLang(request);
  const params = parsePart(spec.params, request.params, 'params', errors);
  const query = parsePart(spec.query, request.query, 'query', errors);
  const body = parsePart(spec.body, request.body, 'body', errors);
  if (errors.length) throw validationError(errors);
  // the declared status first, so a handler that knows better (201 or 200 for an import) can say so
  reply.status(spec.status ?? 200);
  const result = await spec.handler({ body, query, params, actor, lang, request, reply });
  if (reply.sent) return reply;
  return wordings.reword(result, lang);
}
