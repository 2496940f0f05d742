import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The next number of a named sequence (incident and bulletin codes per day), inside the caller's transaction. */
export async function nextNumber(trx: Kysely<Database>, key: string): Promise<number> {
  const row = await trx
    .insertInto('counters')
    .values({ key, value: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
