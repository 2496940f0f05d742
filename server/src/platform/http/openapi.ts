import { z, type ZodType } from 'zod';
import { ErrorBody } from '@railjoint/contracts';
import type { RouteSpec } from './route.js';

function schemaOf(schema: ZodType, io: 'input' | 'output'): Record<string, unknown> {
  try {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
    return rest;
  } catch {
    return {};
  }
}

function queryParameters(schema: ZodType | undefined, where: 'query' | 'path'): unknown[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

/** The OpenAPI 3.1 document, built from the same route contracts that validate requests. */
export function buildOpenApi(routes: RouteSpec[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: [...queryParameters(r.params, 'path'), ...queryParameters(r.query, 'query')],
      responses: {
        [String(r.status ?? 200)]: {
          description: 'success',
          content: r.response ? { 'application/json': { schema: schemaOf(r.response, 'output') } } : undefined,
        },
        '4XX': { description: 'client error', content: { 'application/json': { schema: schemaOf(ErrorBody, 'output') } } },
      },
    };
    if (r.access !== 'public') op.security = [{ bearer: [] }];
    if (r.body) {
      const content: Record<string, unknown> = { 'application/json': { schema: schemaOf(r.body, 'input') } };
      for (const type of r.rawBody ?? []) content[type] = { schema: { type: 'string' } };
      op.requestBody = { required: true, content };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'RailJoint API', version, description: '铁路公安联防联控平台 — railway public-security joint prevention and control' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
