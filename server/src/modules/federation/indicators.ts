import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** The UTC instants a Beijing day (YYYYMMDD) runs between, as stored timestamps compare. */
export function dayBounds(day: string): { from: string; to: string } {
  const start = Date.parse(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T00:00:00+08:00`);
  return { from: new Date(start).toISOString(), to: new Date(start + 24 * 3600_000).toISOString() };
}

export interface IndicatorRowValue {
  dims: Record<string, string>;
  value: number;
}

/**
 * One figure a department computes for a day and shares with the bureau. Indicators are data: a
 * module adds a definition here (issue 14's governance indicators among them) and the bureau shows
 * whatever arrives, by name, unit and dimensions, without knowing any of them in advance.
 */
export interface IndicatorDefinition {
  name: string;
  unit: 'count' | 'seconds';
  compute(db: Kysely<Database>, day: { day: string; from: string; to: string }): Promise<IndicatorRowValue[]>;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function receivedThatDay(db: Kysely<Database>, from: string, to: string) {
  return db
    .selectFrom('incidents')
    .select(['category_id', 'status', 'received_at', 'dispatched_at', 'on_scene_at'])
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .execute();
}

/** Median seconds from reception to a later step, per category, over the day's incidents that reached it. */
function medianBy(rows: Awaited<ReturnType<typeof receivedThatDay>>, step: 'dispatched_at' | 'on_scene_at'): IndicatorRowValue[] {
  const by = new Map<string, number[]>();
  for (const r of rows) {
    const at = r[step];
    if (!at) continue;
    const s = Math.max(0, (Date.parse(at) - Date.parse(r.received_at)) / 1000);
    by.set(r.category_id, [...(by.get(r.category_id) ?? []), s]);
  }
  return [...by].map(([category, values]) => ({ dims: { category }, value: Math.round(median(values)) }));
}

/** Counts by category and status, and the medians of the two clocks the responsibility matrix cares about. */
export const DEFAULT_INDICATORS: IndicatorDefinition[] = [
  {
    name: 'incidents',
    unit: 'count',
    async compute(db, { from, to }) {
      const counts = new Map<string, IndicatorRowValue>();
      for (const r of await receivedThatDay(db, from, to)) {
        const key = `${r.category_id}|${r.status}`;
        const row = counts.get(key) ?? { dims: { category: r.category_id, status: r.status }, value: 0 };
        row.value++;
        counts.set(key, row);
      }
      return [...counts.values()];
    },
  },
  { name: 'dispatch_time.median', unit: 'seconds', compute: async (db, { from, to }) => medianBy(await receivedThatDay(db, from, to), 'dispatched_at') },
  { name: 'arrival_time.median', unit: 'seconds', compute: async (db, { from, to }) => medianBy(await receivedThatDay(db, from, to), 'on_scene_at') },
];

/** The indicators a node shares, computed in the order registered; modules add theirs with `add`. */
export class IndicatorRegistry {
  private readonly definitions: IndicatorDefinition[] = [...DEFAULT_INDICATORS];

  add(definition: IndicatorDefinition): void {
    if (this.definitions.some((d) => d.name === definition.name)) throw new Error(`indicator ${definition.name} is defined twice`);
    this.definitions.push(definition);
  }

  async compute(db: Kysely<Database>, day: string): Promise<Array<{ name: string; unit: string; rows: IndicatorRowValue[] }>> {
    const bounds = { day, ...dayBounds(day) };
    const out = [];
    for (const d of this.definitions) {
      const rows = await d.compute(db, bounds);
      // a stable order, so the same figures make the same message id
      rows.sort((a, b) => canonicalDims(a.dims).localeCompare(canonicalDims(b.dims)));
      out.push({ name: d.name, unit: d.unit, rows });
    }
    return out;
  }
}

export function canonicalDims(dims: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(dims).sort(([a], [b]) => a.localeCompare(b))));
}
