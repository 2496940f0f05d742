import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { authorize } from '../../platform/policies.js';

const INT4_MAX = 2_147_483_647;

const Change = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorAgencyId: z.string().nullable(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  detail: z.unknown(),
});

/**
 * The change log (who changed what, when), newest first, paged by id. The tamper-evident audit
 * chain of the coordination-centre issue builds on the same records.
 */
export function changeLogRoutes(db: Kysely<Database>): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/changes',
      summary: 'Recorded changes, newest first (admins and analysts); page with `before` = the last id seen',
      tag: 'audit',
      access: 'signed-in',
      reads: { action: 'changes.read' },
      query: z.object({
        entity: z.string().max(40).optional(),
        entityId: z.string().max(100).optional(),
        before: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: z.object({ changes: z.array(Change) }),
      handler: async ({ actor, query }) => {
        authorize(actor, 'changes.read');
        let q = db.selectFrom('change_log').selectAll().orderBy('id', 'desc').limit(query.limit);
        if (query.entity) q = q.where('entity', '=', query.entity);
        if (query.entityId) q = q.where('entity_id', '=', query.entityId);
        // ids are PostgreSQL `serial` (int4), which refuses a larger number: every id is below it anyway
        if (query.before && query.before <= INT4_MAX) q = q.where('id', '<', query.before);
        const rows = await q.execute();
        return {
          changes: rows.map((r) => ({
            id: r.id,
            at: r.at,
            actorUserId: r.actor_user_id,
            actorAgencyId: r.actor_agency_id,
            entity: r.entity,
            entityId: r.entity_id,
            action: r.action,
            detail: JSON.parse(r.detail) as unknown,
          })),
        };
      },
    }),
  ];
}
