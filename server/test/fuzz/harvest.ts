import { Pick } from './schema-values.js';

const PER_NAME = 40;

/**
 * Real values the server has answered with, by name: every short string under every property
 * name (`agencyId`, `lineId`, `code`…), and the ids of what a route lists or returns under
 * `id@<collection>` (the path segment that names it: `incidents`, `messages`, `tasks`…).
 */
export class Harvest {
  private readonly values = new Map<string, string[]>();
  private readonly excluded = new Set<string>();

  /** Values never to hand out (the fuzz's own users, whom a PATCH could disable). */
  exclude(value: string): void {
    this.excluded.add(value);
  }

  add(name: string, value: string): void {
    if (value.length === 0 || value.length > 80 || this.excluded.has(value)) return;
    const list = this.values.get(name) ?? [];
    if (list.includes(value)) return;
    list.push(value);
    // the newest replace the oldest, so later routes see what earlier routes created
    if (list.length > PER_NAME) list.shift();
    this.values.set(name, list);
  }

  /** What a route answered: its top-level items' ids under its collection, and every named string. */
  collect(collection: string | null, body: unknown): void {
    const items = Array.isArray(body) ? body : body && typeof body === 'object' ? Object.values(body).find(Array.isArray) ?? [body] : [];
    if (collection) for (const item of items) if (item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string') this.add(`id@${collection}`, (item as { id: string }).id);
    const pending: unknown[] = [body];
    let budget = 5000;
    while (pending.length && budget-- > 0) {
      const v = pending.pop();
      if (Array.isArray(v)) pending.push(...v.slice(0, 20));
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (typeof x === 'string') this.add(k, x);
          else pending.push(x);
        }
      }
    }
  }

  /** The index-th value under a name that fits (counting round), if any. */
  get(name: string, index: number, fits: (v: string) => boolean = () => true): string | undefined {
    const list = (this.values.get(name) ?? []).filter(fits);
    return list.length ? list[index % list.length] : undefined;
  }

  /** A generated value with every Pick replaced by a harvested value (or its fallback). */
  resolve(value: unknown, collection?: string): unknown {
    if (value instanceof Pick) {
      const { name, index, fits } = value;
      // an `id` is of the collection its path names, never just any id that was seen
      if (name === 'id') return (collection ? this.get(`id@${collection}`, index, fits) : undefined) ?? value.fallback;
      return this.get(name, index, fits) ?? this.get(singular(name), index, fits) ?? (collection ? this.get(`id@${collection}`, index, fits) : undefined) ?? value.fallback;
    }
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, collection));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v, collection)]));
    return value;
  }
}

/** `agencies` and `unitIds` name lists of what `agency`/`agencyId` and `unitId` name one of. */
function singular(name: string): string {
  if (name === 'agencies' || name === 'to') return 'agencyId';
  return name.replace(/Ids$/, 'Id').replace(/ies$/, 'y').replace(/s$/, '');
}
