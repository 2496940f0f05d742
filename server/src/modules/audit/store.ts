import type { Kysely, Selectable } from 'kysely';
import type { AuditQuery } from '@railjoint/contracts';
import type { AuditLogTable, Database } from '../../platform/db/schema.js';
import type { AuditEntry as ChainEntry } from '../../platform/audit/chain.js';

export type AuditRow = Selectable<AuditLogTable>;

export function toChainEntry(r: AuditRow): ChainEntry {
  return {
    seq: Number(r.seq),
    at: r.at,
    userId: r.user_id,
    username: r.username,
    agencyId: r.agency_id,
    roles: r.roles,
    client: r.client,
    kind: r.kind as ChainEntry['kind'],
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    result: r.result as ChainEntry['result'],
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Reads of the audit trail; writes go only through platform/audit/trail.ts. */
export class AuditStore {
  constructor(private readonly db: Kysely<Database>) {}

  search(q: AuditQuery): Promise<AuditRow[]> {
    let s = this.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(q.limit);
    if (q.entity) s = s.where('entity', '=', q.entity);
    if (q.entityId) s = s.where('entity_id', '=', q.entityId);
    if (q.userId) s = s.where('user_id', '=', q.userId);
    if (q.agencyId) s = s.where('agency_id', '=', q.agencyId);
    if (q.kind) s = s.where('kind', '=', q.kind);
    if (q.result) s = s.where('result', '=', q.result);
    if (q.from) s = s.where('at', '>=', new Date(q.from).toISOString());
    if (q.to) s = s.where('at', '<=', new Date(q.to).toISOString());
    if (q.before) s = s.where('seq', '<', q.before);
    return s.execute();
  }

  /** Entries in chain order, a page at a time, from seq after `after`. */
  page(after: number, size: number): Promise<AuditRow[]> {
    return this.db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(size).execute();
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('audit_log').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
