import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { PersonalData } from './personal-data.js';

/** A column that holds personal data, sealed; each module names its own (src/personal-data.ts lists them). */
export interface PersonalColumn {
  table: string;
  key: string;
  column: string;
}

/**
 * Seals what is not sealed yet (rows written before sealing began) and, with `all`, re-seals what
 * an older key sealed, in batches, each batch its own transaction: a re-seal after a key rotation
 * can be stopped and started again. Returns how many values it wrote per column.
 */
export async function reseal(db: Kysely<Database>, pd: PersonalData, columns: readonly PersonalColumn[], opts: { all: boolean; onProgress?: (column: string, done: number) => void }): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const raw = db as unknown as Kysely<Record<string, Record<string, string | null>>>;
  for (const c of columns) {
    const name = `${c.table}.${c.column}`;
    out[name] = 0;
    let after = '';
    for (;;) {
      const rows = await raw
        .selectFrom(c.table)
        .select([sql.ref<string>(c.key).as('k'), sql.ref<string | null>(c.column).as('v')])
        .where(sql.ref(c.column), 'is not', null)
        .where(sql.ref(c.key), '>', after)
        .orderBy(sql.ref(c.key))
        .limit(500)
        .execute();
      if (!rows.length) break;
      after = String(rows[rows.length - 1]!.k);
      const stale = rows.filter((r) => r.v !== null && (!PersonalData.isSealed(r.v) || (opts.all && PersonalData.keyOf(r.v) !== pd.currentKey)));
      if (stale.length) {
        await db.transaction().execute(async (trx) => {
          for (const r of stale) {
            await (trx as unknown as Kysely<Record<string, Record<string, string | null>>>).updateTable(c.table).set({ [c.column]: pd.seal(pd.read(r.v!)) }).where(sql.ref(c.key), '=', r.k).execute();
          }
        });
        out[name] += stale.length;
      }
      opts.onProgress?.(name, out[name]);
    }
  }
  return out;
}
