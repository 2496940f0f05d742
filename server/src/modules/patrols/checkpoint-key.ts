import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * A signing key made once on first start and kept in `settings`, so every instance on the database
 * signs and checks with the same one — unless configuration gives one.
 */
export async function storedKey(db: Kysely<Database>, setting: string, configured: string | null = null): Promise<Buffer> {
  if (configured) return Buffer.from(configured, 'base64');
  await db
    .insertInto('settings')
    .values({ key: setting, value: crypto.randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', setting).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64');
}

/**
 * The key that signs checkpoint codes: RAILJOINT_CHECKPOINT_KEY when set (several departments
 * printing from one key, or a key kept in a vault), otherwise made on first start. Changing it
 * makes every printed code worthless: reprint after a change.
 */
export function checkpointKey(db: Kysely<Database>, configured: string | null): Promise<Buffer> {
  return storedKey(db, 'patrols.checkpoint_key', configured);
}
