/**
 * GeoReport v2 answers in both formats from one value. JSON is the value itself; XML follows the
 * standard's examples (the Spark convention: a list is a wrapper element around one element per
 * item), UTF-8 with its declaration, no namespace.
 */
export type Open311Format = 'json' | 'xml';

type Value = string | number | boolean | null | undefined | Value[] | { [k: string]: Value };

// XML 1.0 cannot carry these characters at all, escaped or not
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(s: string): string {
  return s.replace(NOT_XML, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The element each list's items go in: `attributes` holds `attribute`s, `values` holds `value`s. */
const ITEM: Record<string, string> = { services: 'service', service_requests: 'request', attributes: 'attribute', values: 'value', errors: 'error', endpoints: 'endpoint', formats: 'format' };

function element(tag: string, v: Value): string {
  if (v === null || v === undefined) return `<${tag}/>`;
  if (Array.isArray(v)) return `<${tag}>${v.map((x) => element(ITEM[tag] ?? 'item', x)).join('')}</${tag}>`;
  if (typeof v === 'object') return `<${tag}>${Object.entries(v).map(([k, x]) => element(k, x)).join('')}</${tag}>`;
  return `<${tag}>${escapeXml(String(v))}</${tag}>`;
}

/** A document: a list under its root (`services`, `service_requests`, `errors`) or an object as the root. */
export function render(format: Open311Format, root: string, value: Value): { contentType: string; body: string } {
  if (format === 'json') return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
  return { contentType: 'text/xml; charset=utf-8', body: `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}` };
}

export function errors(list: Array<{ code: number; description: string }>): Value {
  return list.map((e) => ({ code: e.code, description: e.description }));
}

/**
 * A form body as Open311 clients send it: `attribute[code]=v` and, for a multi-valued list,
 * `attribute[code][]=v` repeated, become `attribute: {code: v | [v…]}`; a repeated plain field
 * keeps its first value.
 */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function parseForm(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const attribute: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const m = /^attribute\[([^\]]{1,64})\](\[\])?$/.exec(k);
    if (m) {
      const code = m[1]!;
      if (UNSAFE_KEYS.has(code)) continue;
      if (m[2]) attribute[code] = [...(Array.isArray(attribute[code]) ? (attribute[code] as string[]) : []), v];
      else if (!Object.hasOwn(attribute, code)) attribute[code] = v;
      continue;
    }
    if (!Object.hasOwn(out, k) && !UNSAFE_KEYS.has(k)) out[k] = v;
  }
  if (Object.keys(attribute).length) out.attribute = attribute;
  return out;
}
