import { formatPath } from '@railjoint/contracts';
import { said, type FieldError, type Said } from './errors.js';

// PostgreSQL refuses U+0000 in text (a 500 from deep inside a store), and a lone UTF-16 surrogate
// cannot be encoded as UTF-8: SQLite keeps its bytes while PostgreSQL's driver writes U+FFFD, so
// the same request would store different text on each engine. Neither has a legitimate use.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSAFE = new RegExp(`\\u0000|${LONE_SURROGATE.source}`);

/** Text with every lone surrogate replaced by U+FFFD, as a UTF-8 encoder would write it. */
export function wellFormed(text: string): string {
  return text.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}

export function unsafeTextProblem(text: string): Said | null {
  const m = UNSAFE.exec(text);
  if (!m) return null;
  return m[0] === '\u0000' ? said('不能包含空字符（U+0000）', 'must not contain the NUL character (U+0000)') : said('不能包含不成对的 UTF-16 代理字符', 'must not contain a lone UTF-16 surrogate');
}

/**
 * Every string in a parsed request part (object keys included, at any depth) that a database
 * could not store as written, each named by its path the way validation errors name fields.
 * Bytes (uploads, XML) are not text yet and are left to whoever decodes them.
 */
export function unsafeTextFields(value: unknown, root: string): FieldError[] {
  const found: FieldError[] = [];
  // A loop over nodes that point at their parent, not recursion with copied paths: a 1 MB body
  // of nested arrays would otherwise overflow the stack or cost the square of its depth.
  interface Node { v: unknown; key: PropertyKey | null; parent: Node | null }
  const pathOf = (n: Node | null): PropertyKey[] => {
    const path: PropertyKey[] = [];
    for (let at = n; at && at.key !== null; at = at.parent) path.push(at.key);
    return path.reverse();
  };
  const pending: Node[] = [{ v: value, key: null, parent: null }];
  while (pending.length) {
    const node = pending.pop()!;
    const v = node.v;
    if (typeof v === 'string') {
      const problem = unsafeTextProblem(v);
      if (problem) found.push({ field: formatPath(pathOf(node), root), message: problem });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) pending.push({ v: v[i], key: i, parent: node });
    } else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
      const entries = Object.entries(v);
      for (const [key] of entries) {
        const problem = unsafeTextProblem(key);
        // a key cannot name itself readably, so the field is its parent and the message says why
        if (problem) found.push({ field: formatPath(pathOf(node), root), message: said(`属性名${problem.zh}`, `a property name ${problem.en}`) });
      }
      for (let i = entries.length - 1; i >= 0; i--) pending.push({ v: entries[i]![1], key: entries[i]![0], parent: node });
    }
  }
  return found;
}

/**
 * Query parameters whose percent-encoding is not UTF-8 (`%ED%A0%80`, a stray `%`): the query
 * parser leaves such a value as its raw text, which a handler would then take for what was meant,
 * so the request is refused here instead, naming the parameter.
 */
export function malformedQueryFields(url: string | undefined): FieldError[] {
  const at = url?.indexOf('?') ?? -1;
  if (!url || at < 0) return [];
  const found: FieldError[] = [];
  for (const part of url.slice(at + 1).split('&')) {
    if (!part.includes('%')) continue;
    const eq = part.indexOf('=');
    const [key, value] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    const decoded = (text: string) => {
      try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
      } catch {
        return null;
      }
    };
    const name = decoded(key);
    if (name === null || decoded(value) === null) found.push({ field: formatPath([name ?? key], 'query'), message: said('不是有效的 UTF-8 百分号编码', 'is not valid percent-encoded UTF-8') });
  }
  return found;
}
