import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** How the platform itself signs what it does (sweeps, escalations, timeouts). */
export const PLATFORM_NAME = 'RailJoint';

/**
 * People as people know them. Records keep who acted by sign-in name or user id (what the audit
 * trail needs); what a person reads names them by their display name. One query for all the keys
 * of an answer; a key nobody has (a deleted user) is shown as it is.
 */
export async function displayNames(db: Kysely<Database>, keys: Iterable<string | null | undefined>): Promise<(key: string | null | undefined) => string> {
  const wanted = [...new Set([...keys].filter((k): k is string => typeof k === 'string' && k !== '' && k !== 'system'))];
  const names = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += 500) {
    const part = wanted.slice(i, i + 500);
    const rows = await db.selectFrom('users').select(['id', 'username', 'display_name']).where((eb) => eb.or([eb('username', 'in', part), eb('id', 'in', part)])).execute();
    for (const r of rows) {
      names.set(r.username, r.display_name);
      names.set(r.id, r.display_name);
    }
  }
  return namer(names);
}

/** The naming rule over names already looked up (a query that joined them, or displayNames). */
export function namer(names: ReadonlyMap<string, string>): (key: string | null | undefined) => string {
  return (key) => (!key ? '' : key === 'system' || key.startsWith('cli:') ? PLATFORM_NAME : (names.get(key) ?? key));
}
