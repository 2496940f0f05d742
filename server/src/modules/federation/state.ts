import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** A small fact the federation jobs keep between rounds (the outbox cursor, what was last announced). */
export async function getState(db: Kysely<Database>, name: string): Promise<string | null> {
  return (await db.selectFrom('federation_state').select('value').where('name', '=', name).executeTakeFirst())?.value ?? null;
}

export async function setState(db: Kysely<Database>, name: string, value: string): Promise<void> {
  await db.insertInto('federation_state').values({ name, value }).onConflict((oc) => oc.column('name').doUpdateSet({ value })).execute();
}
