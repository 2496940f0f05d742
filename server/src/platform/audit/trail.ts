import { AsyncLocalStorage } from 'node:async_hooks';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { nowIso } from '../clock.js';
import { GENESIS_HASH, hashEntry, type AuditFields } from './chain.js';

/** Who is asking and from where, for the request being served (set by the HTTP layer). */
export interface RequestOrigin {
  client: string;
}

const origin = new AsyncLocalStorage<RequestOrigin>();

/** Runs the rest of this request's work with its origin known to the audit trail. */
export function enterRequestOrigin(value: RequestOrigin): void {
  origin.enterWith(value);
}

export interface AuditActor {
  userId: string;
  username: string;
  agencyId: string;
  roles: readonly string[];
}

export interface AuditRecord {
  kind: 'write' | 'read';
  entity: string;
  entityId: string;
  action: string;
  result?: 'ok' | 'denied';
  detail?: unknown;
}

const AUDIT_CHAIN_LOCK = 730_003;

/**
 * Appends one entry to the chain inside the caller's transaction, so the entry exists exactly when
 * the change does. Appends are serialised (an advisory lock on PostgreSQL; SQLite has one writer):
 * each entry needs the hash of the one before it.
 */
export async function appendAudit(trx: Kysely<Database>, actor: AuditActor | null, record: AuditRecord): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  // after an archive the chain continues from the archive's last entry if the table were ever empty
  const last =
    (await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst()) ??
    (await trx.selectFrom('audit_archives').select(['to_seq as seq', 'last_hash as hash']).orderBy('to_seq', 'desc').limit(1).executeTakeFirst());
  const fields: AuditFields = {
    seq: last ? Number(last.seq) + 1 : 1,
    at: nowIso(),
    userId: actor?.userId ?? null,
    username: actor?.username ?? null,
    agencyId: actor?.agencyId ?? null,
    roles: actor ? [...actor.roles].join(',') : '',
    client: origin.getStore()?.client ?? null,
    kind: record.kind,
    entity: record.entity,
    entityId: record.entityId,
    action: record.action,
    result: record.result ?? 'ok',
    detail: JSON.stringify(record.detail ?? {}),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_log')
    .values({
      seq: fields.seq,
      at: fields.at,
      user_id: fields.userId,
      username: fields.username,
      agency_id: fields.agencyId,
      roles: fields.roles,
      client: fields.client,
      kind: fields.kind,
      entity: fields.entity,
      entity_id: fields.entityId,
      action: fields.action,
      result: fields.result,
      detail: fields.detail,
      prev_hash: fields.prevHash,
      hash: hashEntry(fields),
    })
    .execute();
}

/** A read of restricted data, or a refused attempt, in its own small transaction. */
export async function auditRead(db: Kysely<Database>, actor: AuditActor | null, record: Omit<AuditRecord, 'kind'>): Promise<void> {
  await db.transaction().execute((trx) => appendAudit(trx, actor, { ...record, kind: 'read' }));
}
