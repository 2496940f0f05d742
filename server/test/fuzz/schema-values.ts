import fc from 'fast-check';

/** The subset of JSON Schema that zod's toJSONSchema writes into /api/openapi.json. */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  prefixItems?: Schema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

/**
 * A value to be taken from what the server has already answered (a real incident id, a real
 * line id) when the request is sent; `fallback` when nothing has been seen under that name yet.
 * Requests built only from random text would stop at "not found" on every route.
 */
export class Pick {
  constructor(
    readonly name: string,
    readonly index: number,
    readonly fallback: unknown,
    /** what the schema accepts: a harvested value under the same name may be of another kind */
    readonly fits: (value: string) => boolean = () => true,
  ) {}
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fitting(s: Schema): (value: string) => boolean {
  const pattern = s.format === 'uuid' ? UUID : s.pattern ? new RegExp(s.pattern) : null;
  return (v) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity) && (!pattern || pattern.test(v));
}

/** Field names whose values are better taken from the server's own answers. */
const POOLED = /(^|[a-z])(id|Id|Ids|ids)$|^(category|agency|agencies|to|into|lineId|stationId|train|trainNo|placeKind|mileage|username|code)$/;

const pooled = (name: string | undefined, s: Schema, arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  name && POOLED.test(name) ? fc.oneof({ arbitrary: fc.tuple(fc.nat(), arb).map(([i, v]) => new Pick(name, i, v, fitting(s))), weight: 3 }, { arbitrary: arb, weight: 1 }) : arb;

/** Names of times (query `at`, `occurredAt`, `validUntil`…), which the contracts take as plain strings checked in code. */
const TIME = /^(at|since|until|before|after)$|At$|Until$|From$/;

const DAY = 86_400_000;
/** Around the platform's clock (the demo runs on today), mostly ahead, with and without the +08:00 offset people write. */
const dateTime = fc
  .tuple(fc.integer({ min: -5 * DAY, max: 30 * DAY }), fc.boolean())
  .map(([offset, cst]) => {
    const d = new Date(Date.now() + offset);
    return cst ? new Date(d.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00') : d.toISOString();
  });

// Outgoing requests only ever go to a closed local port: a webhook created by the fuzz must not
// send the dispatcher looking up random host names.
const localUrl = fc.webPath().map((p) => `http://127.0.0.1:9/${p.replace(/^\//, '')}`);

function stringValue(s: Schema, name: string | undefined): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 40, 40));
  if (s.format === 'date-time' || (name && TIME.test(name))) return dateTime;
  if (s.format === 'uuid') return fc.uuid();
  if (name && /url|uri|href/i.test(name)) return localUrl;
  if (s.pattern) {
    try {
      const cut = s.maxLength ?? Infinity;
      return fc.stringMatching(new RegExp(s.pattern), { size: 'xsmall' }).filter((v) => v.length >= min && v.length <= cut);
    } catch {
      // a pattern fast-check cannot read: plain text, which validation may refuse, as it should
    }
  }
  return fc.oneof(fc.string({ minLength: min, maxLength: max }), fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }));
}

function numberValue(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-6) : -1e6);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-6) : 1e6);
  return integer
    ? fc.integer({ min: Math.ceil(Math.max(min, Number.MIN_SAFE_INTEGER)), max: Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER)) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Values the schema accepts (as far as JSON Schema can say: refinements in code may still refuse). */
export function valid(s: Schema, name?: string, depth = 0): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.const !== undefined) return fc.constant(s.const);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => valid(a, name, depth)));
  if (s.allOf?.length) return valid(s.allOf[0]!, name, depth);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => valid({ ...s, type }, name, depth)));
  switch (s.type) {
    case 'string':
      return pooled(name, s, stringValue(s, name));
    case 'integer':
      return numberValue(s, true);
    case 'number':
      return numberValue(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (s.prefixItems) return fc.tuple(...s.prefixItems.map((p) => valid(p, name, depth + 1)));
      const min = s.minItems ?? 0;
      const item = name && POOLED.test(name) ? valid(s.items ?? {}, name, depth + 1) : valid(s.items ?? {}, undefined, depth + 1);
      return fc.array(item, { minLength: min, maxLength: Math.max(min, Math.min(s.maxItems ?? 4, 4)) });
    }
    case 'object':
      return objectValue(s, depth);
    default:
      // an unrepresentable schema (a refinement, an import document): any JSON
      return depth > 2 ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
  }
}

function objectValue(s: Schema, depth: number): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const model = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, valid(p, k, depth + 1)]));
  return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
}

/** Values at and just past the schema's limits: the shortest and longest strings, the extreme numbers. */
export function boundary(s: Schema, name?: string): fc.Arbitrary<unknown> {
  if (s.enum || s.const !== undefined || s.format) return valid(s, name);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => boundary(a, name)));
  switch (s.type) {
    case 'string': {
      const lengths = [s.minLength ?? 0, s.maxLength, s.maxLength !== undefined ? s.maxLength + 1 : undefined, s.minLength ? s.minLength - 1 : undefined].filter((n): n is number => n !== undefined && n >= 0);
      return fc.tuple(fc.constantFrom(...lengths), fc.constantFrom('a', '9', '汉', ' ')).map(([n, c]) => c.repeat(n));
    }
    case 'integer':
    case 'number': {
      const edges = [s.minimum, s.maximum, s.exclusiveMinimum, s.exclusiveMaximum, 0, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5].filter((n): n is number => n !== undefined);
      return fc.constantFrom(...edges, ...edges.map((e) => e - 1), ...edges.map((e) => e + 1));
    }
    case 'array': {
      const lengths = [s.minItems ?? 0, s.maxItems, s.maxItems !== undefined ? s.maxItems + 1 : 50].filter((n): n is number => n !== undefined);
      return fc.tuple(fc.constantFrom(...lengths), valid(s.items ?? {}, name)).map(([n, item]) => Array.from({ length: n }, () => item));
    }
    case 'object': {
      const props = s.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, boundary(p, k)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      return valid(s, name);
  }
}
