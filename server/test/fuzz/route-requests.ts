import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HTTPMethods } from 'fastify';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { boundary, valid, type Schema } from './schema-values.js';
import { BAD_TEXT, mutate, MUTATIONS, type Mutation } from './mutations.js';
import type { Harvest } from './harvest.js';
import { smallNetwork, smallOrganisation } from '../fixtures.js';

/** One operation of /api/openapi.json. */
export interface Operation {
  method: string;
  /** OpenAPI form: /api/incidents/{id}/note */
  path: string;
  parameters: Array<{ name: string; in: 'path' | 'query'; required: boolean; schema: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

/** Whether the operation documents a JSON answer on success (files, exports and streams do not). */
export function answersJson(op: Operation): boolean {
  return Object.entries(op.responses ?? {}).some(([status, r]) => /^2\d\d$/.test(status) && !!r.content?.['application/json']);
}

export type Variant = 'valid' | 'boundary' | Mutation | 'oddParam' | 'oddBody' | 'otherMethod';

/** One generated request, before harvested values are put in. */
export interface Plan {
  variant: Variant;
  actor: number;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: { kind: 'json'; value: unknown; contentType?: string } | { kind: 'raw'; bytes: Uint8Array; contentType: string | null; headers?: Record<string, string> } | { kind: 'text'; text: string; contentType: string } | null;
  /** a path parameter sent as these raw characters instead of its value */
  rawParam?: { name: string; raw: string };
  otherMethod?: string;
  /** the request carries text no database may store, in a place where it arrives as text: 400 */
  mustRefuseText: boolean;
}

/** Path parameters nobody should send: unknown, over-long, broken percent-encoding, traversal. */
const ODD_PARAMS = ['00000000-0000-4000-8000-000000000000', 'a'.repeat(300), `${'b'.repeat(127)}`, '%00', 'x%00y', '%ZZ', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '.', '%20', '-1', '1e999', 'NaN', 'null', '%F0%9F%98%80', "'%3B%20drop%20table%20incidents%3B--", '%25', '%2F'];

const LONE_SURROGATE = /([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/;

/** Percent-encodes like a client would; a lone surrogate (which UTF-8 cannot hold) goes as its CESU-8 bytes. */
export function encode(value: string): string {
  return value.split(LONE_SURROGATE).map((part, i) => (i % 2 ? '%ED%A0%80' : encodeURIComponent(part))).join('');
}

const here = path.dirname(fileURLToPath(import.meta.url));
const CAP_ALERTS = ['weather.cap', 'australia.cap', 'canada.cap', 'earthquake-iso8859-1.cap', 'invalid.cap', 'xee.cap', 'wcatwc-warning.cap'].map((f) => fs.readFileSync(path.join(here, '../fixtures/cap', f)));
const MAGIC = [Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('%PDF-1.4\n'), Buffer.from('<svg onload=alert(1)>'), Buffer.alloc(0)];
const FILE_NAMES = ['photo.jpg', '现场照片.png', '%00evil.pdf', 'a%00b.jpg', '..%2F..%2Fetc%2Fpasswd', '%ED%A0%80.png', '%ZZ', 'x'.repeat(300), '', '%E7%8E%B0%E5%9C%BA.pdf', '..', 'CON', '<script>.png'];
const IMPORT_DOCS = [smallNetwork().doc, smallOrganisation()];

const jsonTypes = (op: Operation) => Object.keys(op.requestBody?.content ?? {});
const rawTypes = (op: Operation) => jsonTypes(op).filter((t) => t !== 'application/json');

/** Bytes of an upload: a file of an allowed type or not, or past the 5 MB limit. */
const uploadBody = fc
  .tuple(fc.constantFrom(...MAGIC), fc.uint8Array({ maxLength: 3000 }), fc.constantFrom('image/jpeg', 'image/png', 'application/pdf', 'application/octet-stream', 'image/gif', 'text/plain', null), fc.option(fc.constantFrom(...FILE_NAMES), { nil: undefined }), fc.integer({ min: 0, max: 19 }))
  .map(([magic, rest, contentType, name, big]) => ({
    kind: 'raw' as const,
    bytes: big === 0 ? Buffer.concat([magic, Buffer.alloc(5 * 1024 * 1024 + 10)]) : Buffer.concat([magic, rest]),
    contentType,
    headers: name === undefined ? undefined : { 'x-filename': name },
  }));

/** CAP 1.2 alerts: the official samples as they are, with something put into them, or junk. */
const capBody = fc
  .tuple(fc.constantFrom(...CAP_ALERTS), fc.nat(), fc.constantFrom('', '&#0;', '&#xD800;', '\u0000', '<x>', ']]>', '&amp', '&lt;script&gt;', '</alert>', '<![CDATA[x]]>', '\uFFFE', '<!ENTITY x "y">'), fc.constantFrom('application/cap+xml', 'application/xml', 'text/xml', 'text/plain', 'application/json'))
  .map(([alert, n, junk, contentType]) => {
    const at = n % (alert.length + 1);
    const bytes = junk === '' ? alert : Buffer.concat([alert.subarray(0, at), Buffer.from(junk), alert.subarray(at)]);
    return contentType === 'application/json' || contentType === 'text/plain'
      ? { kind: 'text' as const, text: bytes.toString('latin1'), contentType }
      : { kind: 'raw' as const, bytes, contentType };
  });

/** GTFS archives: junk, or a real zip of files with random (sometimes NUL-bearing) text. */
const zipBody = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ kind: 'raw' as const, bytes, contentType: 'application/zip' })),
  fc.dictionary(fc.constantFrom('stops.txt', 'trips.txt', 'stop_times.txt', 'calendar.txt', 'calendar_dates.txt', 'agency.txt', '../evil.txt', 'x/stops.txt'), fc.string({ maxLength: 200, unit: 'binary' })).map((files) => ({
    kind: 'raw' as const,
    bytes: zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]))),
    contentType: 'application/octet-stream',
  })),
);

function jsonBody(op: Operation): fc.Arbitrary<unknown> {
  const schema = op.requestBody?.content['application/json']?.schema ?? {};
  // import and check documents are validated in code, not by the schema: start from real ones
  if (Object.keys(schema).length === 0 && /network|organisation/.test(op.path)) return fc.constantFrom(...IMPORT_DOCS);
  if (Object.keys(schema).length === 0 && /timetable/.test(op.path)) return fc.record({ files: fc.dictionary(fc.constantFrom('stops.txt', 'trips.txt', 'stop_times.txt', 'calendar.txt', 'agency.txt'), fc.string({ maxLength: 200 })) });
  return valid(schema);
}

function rawBody(op: Operation): fc.Arbitrary<Plan['body']> | null {
  const types = rawTypes(op);
  if (types.includes('image/jpeg')) return uploadBody;
  if (types.includes('application/cap+xml')) return capBody;
  if (types.includes('application/zip')) return zipBody;
  return null;
}

const ODD_BODIES: Array<{ text: string; contentType: string }> = [
  { text: '{"a":', contentType: 'application/json' },
  { text: '', contentType: 'application/json' },
  { text: 'null', contentType: 'application/json' },
  { text: '[]', contentType: 'application/json' },
  { text: '"text"', contentType: 'application/json' },
  { text: '{"__proto__":{"admin":true}}', contentType: 'application/json' },
  { text: '{"constructor":{"prototype":{"admin":true}}}', contentType: 'application/json' },
  { text: `${'['.repeat(50_000)}${']'.repeat(50_000)}`, contentType: 'application/json' },
  { text: '{"a":1}', contentType: 'application/x-www-form-urlencoded' },
  { text: '{"a":1}', contentType: 'text/plain' },
  { text: 'a,b\n1,2', contentType: 'text/csv' },
  { text: '{"a":1}', contentType: 'application/json; charset=latin1' },
  { text: '{"a":1}', contentType: 'application/json; charset=' },
  { text: '{"a":1}', contentType: 'multipart/form-data; boundary=x' },
  { text: '{"a":1}', contentType: ';;;' },
  { text: '\u0000', contentType: 'text/plain' },
];

/** Every request the fuzz may send to one operation, as an arbitrary. */
export function planArbitrary(op: Operation, users: number, strangers: number): fc.Arbitrary<Plan> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const params = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, valid(p.schema, p.name === 'id' ? 'id' : p.name)])));
  const queryModel = (gen: (s: Schema, name: string) => fc.Arbitrary<unknown>) =>
    fc.record(Object.fromEntries(queryParams.map((p) => [p.name, gen(p.schema, p.name)])), { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) });
  const raw = rawBody(op);
  const hasJson = jsonTypes(op).includes('application/json');
  const json = hasJson ? jsonBody(op) : null;
  // mostly signed-in users, whose requests get past the door; now and then a stranger
  const actor = fc.oneof({ arbitrary: fc.integer({ min: 0, max: users - 1 }), weight: 5 }, { arbitrary: fc.integer({ min: users, max: users + strangers - 1 }), weight: 1 });
  const bodyOf = (gen: fc.Arbitrary<unknown> | null) => (gen ? gen.map((value) => ({ kind: 'json' as const, value })) : fc.constant(null));

  // routes that take files take JSON only to refuse it: mostly files, then
  const validBody: fc.Arbitrary<Plan['body']> = raw ? fc.oneof({ arbitrary: raw, weight: 3 }, { arbitrary: bodyOf(json), weight: 1 }) : bodyOf(json);
  const boundaryBody: fc.Arbitrary<Plan['body']> = raw ? raw : bodyOf(hasJson ? boundary(op.requestBody!.content['application/json']!.schema) : null);
  const plain = (variant: 'valid' | 'boundary') =>
    fc.record({
      variant: fc.constant(variant),
      actor,
      params,
      query: queryModel(variant === 'valid' ? (s, n) => valid(s, n) : (s, n) => boundary(s, n)),
      body: variant === 'valid' ? validBody : boundaryBody,
      mustRefuseText: fc.constant(false),
    });

  const mutated = fc.tuple(fc.constantFrom(...MUTATIONS), fc.nat(), actor, params, queryModel((s, n) => valid(s, n)), json ?? fc.constant(null)).map(([kind, n, a, p, q, b]): Plan => {
    // the body when there is one, else the query, else the path: wherever the route takes input
    if (json) {
      const value = mutate(b, kind, n);
      if (value !== null) return { variant: kind, actor: a, params: p, query: q, body: { kind: 'json', value }, mustRefuseText: kind === 'badText' };
    }
    if (queryParams.length) {
      const value = mutate(Object.keys(q).length ? q : { [queryParams[0]!.name]: 'x' }, kind === 'missing' ? 'extra' : kind, n) as Record<string, unknown>;
      // NUL arrives in a query as itself; a lone surrogate cannot, it comes as bytes the parser keeps verbatim
      const nul = kind === 'badText' && JSON.stringify(value).includes('\\u0000');
      return { variant: kind, actor: a, params: p, query: value ?? q, body: json ? { kind: 'json', value: b } : null, mustRefuseText: nul };
    }
    if (pathParams.length && kind === 'badText') {
      const name = pathParams[n % pathParams.length]!.name;
      return { variant: kind, actor: a, params: p, query: q, body: json ? { kind: 'json', value: b } : null, rawParam: { name, raw: `x${encode(BAD_TEXT[n % BAD_TEXT.length]!)}y` }, mustRefuseText: true };
    }
    return { variant: kind, actor: a, params: p, query: q, body: json ? { kind: 'json', value: b } : null, mustRefuseText: false };
  });

  const choices: Array<{ arbitrary: fc.Arbitrary<Plan>; weight: number }> = [
    { arbitrary: plain('valid'), weight: 5 },
    { arbitrary: plain('boundary'), weight: 2 },
    { arbitrary: mutated, weight: 5 },
    { arbitrary: fc.tuple(fc.constantFrom('HEAD', 'OPTIONS', 'PATCH', 'DELETE', 'PUT', 'POST', 'GET', 'TRACE'), actor, params).map(([m, a, p]): Plan => ({ variant: 'otherMethod', otherMethod: m, actor: a, params: p, query: {}, body: null, mustRefuseText: false })), weight: 1 },
  ];
  if (pathParams.length) {
    choices.push({
      arbitrary: fc.tuple(fc.constantFrom(...ODD_PARAMS), fc.constantFrom(...pathParams.map((p) => p.name)), plain('valid')).map(([raw, name, plan]): Plan => ({ ...plan, variant: 'oddParam', rawParam: { name, raw }, mustRefuseText: raw.includes('%00') })),
      weight: 3,
    });
  }
  if (op.requestBody) {
    choices.push({
      arbitrary: fc.tuple(fc.constantFrom(...ODD_BODIES), plain('valid')).map(([odd, plan]): Plan => ({ ...plan, variant: 'oddBody', body: { kind: 'text', text: odd.text, contentType: odd.contentType }, mustRefuseText: false })),
      weight: 2,
    });
  }
  return fc.oneof(...choices);
}

/** The collection a path parameter names: the literal segment before it (`incidents` for /api/incidents/{id}). */
export function collectionOf(apiPath: string, param?: string): string | null {
  const segments = apiPath.split('/').filter(Boolean);
  const at = param ? segments.indexOf(`{${param}}`) : segments.length;
  for (let i = at - 1; i >= 0; i--) if (!segments[i]!.startsWith('{')) return segments[i]!;
  return null;
}

/** The request to send, with harvested values put in. */
export function toRequest(op: Operation, plan: Plan, harvest: Harvest, authorization: string | null) {
  let url = op.path.replace(/\{([A-Za-z_]+)\}/g, (_m, name: string) => {
    if (plan.rawParam?.name === name) return plan.rawParam.raw;
    const value = harvest.resolve(plan.params[name], collectionOf(op.path, name) ?? undefined);
    return encode(typeof value === 'string' ? value : JSON.stringify(value ?? ''));
  });
  const pairs: string[] = [];
  const query = harvest.resolve(plan.query) as Record<string, unknown>;
  for (const [k, v] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(v) ? v : [v]) pairs.push(`${encode(k)}=${encode(typeof item === 'string' ? item : item === undefined ? '' : JSON.stringify(item))}`);
  }
  if (pairs.length) url += `?${pairs.join('&')}`;
  const headers: Record<string, string> = authorization ? { authorization } : {};
  let payload: string | Buffer | undefined;
  const body = plan.body;
  if (body?.kind === 'json') {
    headers['content-type'] = body.contentType ?? 'application/json';
    payload = JSON.stringify(harvest.resolve(body.value)) ?? 'null';
  } else if (body?.kind === 'text') {
    headers['content-type'] = body.contentType;
    payload = body.text;
  } else if (body?.kind === 'raw') {
    if (body.contentType) headers['content-type'] = body.contentType;
    Object.assign(headers, body.headers ?? {});
    payload = Buffer.from(body.bytes);
  }
  return { method: (plan.otherMethod ?? op.method.toUpperCase()) as HTTPMethods, url, headers, payload };
}

