import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { Actor } from './auth/actor.js';
import { nowIso } from './db/database.js';
import { appendAudit } from './audit/trail.js';

/**
 * Records who changed what and when, in the same transaction as the change itself, so a change
 * that is acknowledged is always accounted for; the same write goes on the SM3 audit chain.
 */
export async function recordChange(
  trx: Kysely<Database>,
  actor: Actor,
  entity: string,
  entityId: string,
  action: string,
  detail: unknown = {},
): Promise<void> {
  await trx
    .insertInto('change_log')
    .values({
      at: nowIso(),
      actor_user_id: actor.userId,
      actor_agency_id: actor.agencyId,
      entity,
      entity_id: entityId,
      action,
      detail: JSON.stringify(detail),
    })
    .execute();
  await appendAudit(trx, actor, { kind: 'write', entity, entityId, action, detail });
}
