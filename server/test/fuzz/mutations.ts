import { Pick } from './schema-values.js';

export type Mutation = 'wrongType' | 'missing' | 'extra' | 'huge' | 'badText';
export const MUTATIONS: Mutation[] = ['wrongType', 'missing', 'extra', 'huge', 'badText'];

/** Text no database may store: NUL, a lone high and a lone low surrogate. */
export const BAD_TEXT = ['\u0000', '\uD800', '\uDFFF'];

const WRONG_TYPES: unknown[] = [0, -1, 1e308, 3.5, true, false, null, '', 'text', [], [1, 'a'], {}, { a: { b: [] } }, '1', 'true', 'null'];
/** Past every body limit the routes set for JSON (1 MB), and just under it. */
export const HUGE_SIZES = [70_000, 900_000, 1_100_000];

type Path = Array<string | number>;

function nodes(value: unknown, path: Path = [], out: Array<{ path: Path; value: unknown }> = []): Array<{ path: Path; value: unknown }> {
  out.push({ path, value });
  if (value instanceof Pick) return out;
  if (Array.isArray(value)) value.forEach((v, i) => nodes(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) nodes(v, [...path, k], out);
  return out;
}

function clone(value: unknown): unknown {
  if (value instanceof Pick) return value;
  if (Array.isArray(value)) return value.map(clone);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  return value;
}

function setAt(root: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  let at = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = next;
  return root;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Pick);

/**
 * The value with one thing wrong in it, chosen by `n` (so the same seed breaks the same place):
 * a node of another type, a property removed, a property added, a string grown past every limit,
 * or a NUL or lone surrogate put into a string or a property name. Null when the value has no
 * place for that kind of mistake (bad text in a body without strings).
 */
export function mutate(value: unknown, kind: Mutation, n: number): unknown | null {
  const root = clone(value);
  const all = nodes(root);
  const choose = <T>(xs: T[]): T | undefined => xs[n % Math.max(xs.length, 1)];
  switch (kind) {
    case 'wrongType': {
      const target = choose(all)!;
      const replacement = WRONG_TYPES.filter((w) => typeof w !== typeof target.value || Array.isArray(w) !== Array.isArray(target.value))[n % 13];
      return setAt(root, target.path, replacement);
    }
    case 'missing': {
      const target = choose(all.filter((x) => isObject(x.value) && Object.keys(x.value).length > 0));
      if (!target) return null;
      const obj = target.value as Record<string, unknown>;
      delete obj[Object.keys(obj)[n % Object.keys(obj).length]!];
      return root;
    }
    case 'extra': {
      const target = choose(all.filter((x) => isObject(x.value)));
      if (!target) return null;
      (target.value as Record<string, unknown>)[['extra', '__proto__x', 'constructor', 'id', '$where', 'isAdmin'][n % 6]!] = WRONG_TYPES[n % WRONG_TYPES.length];
      return root;
    }
    case 'huge': {
      const strings = all.filter((x) => typeof x.value === 'string');
      const size = HUGE_SIZES[n % HUGE_SIZES.length]!;
      const target = choose(strings.length ? strings : all);
      const fill = ['x', '汉', '😀', '%'][n % 4]!;
      return setAt(root, target!.path, fill.repeat(Math.ceil(size / fill.length / (fill === 'x' || fill === '%' ? 1 : 3))));
    }
    case 'badText': {
      const bad = BAD_TEXT[n % BAD_TEXT.length]!;
      const strings = all.filter((x) => typeof x.value === 'string');
      const objects = all.filter((x) => isObject(x.value) && Object.keys(x.value).length > 0);
      if (objects.length && (n % 4 === 0 || !strings.length)) {
        const obj = objects[n % objects.length]!.value as Record<string, unknown>;
        const key = Object.keys(obj)[0]!;
        obj[`${key}${bad}`] = obj[key];
        return root;
      }
      if (!strings.length) return null;
      const target = strings[n % strings.length]!;
      const text = target.value as string;
      const at = text.length ? n % (text.length + 1) : 0;
      return setAt(root, target.path, `${text.slice(0, at)}${bad}${text.slice(at)}`);
    }
  }
}
