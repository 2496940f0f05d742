import { appendAudit } from '../../platform/audit/trail.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';

/** Appends one entry to an incident's timeline (never edited afterwards), inside the caller's transaction. */
export async function appendTimeline(
  trx: Kysely<Database>,
  incidentId: string,
  actor: Actor,
  action: string,
  from: string | null,
  to: string | null,
  detail: unknown,
  client: string | null,
  at: string,
): Promise<void> {
  await trx
    .insertInto('incident_timeline')
    .values({ incident_id: incidentId, at, actor_user_id: actor.userId, actor_name: actor.username, actor_agency_id: actor.agencyId, action, from_status: from, to_status: to, detail: JSON.stringify(detail ?? {}), client })
    .execute();
  // every timeline entry is a write to the incident: it goes on the audit chain too
  await appendAudit(trx, actor, { kind: 'write', entity: 'incident', entityId: incidentId, action, detail: { from, to } });
}

export async function incidentAudience(trx: Kysely<Database>, id: string): Promise<string[]> {
  const rows = await trx.selectFrom('incident_agencies').select('agency_id').where('incident_id', '=', id).execute();
  return [...new Set(rows.map((r) => r.agency_id))];
}
