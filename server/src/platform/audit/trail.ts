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

type Head = { seq: number; hash: string };

/**
 * The last entry each database (known by its Kysely adapter, one per instance) was seen to take
 * from this process: a guess, which the insert checks itself (below), never trusted. It may be
 * stale (another instance appended since) or wrong (the transaction that wrote it rolled back).
 */
const lastAppended = new WeakMap<object, Head>();

/**
 * Appends one entry to the chain inside the caller's transaction, so the entry exists exactly when
 * the change does. Appends are serialised (an advisory lock on PostgreSQL; SQLite has one writer):
 * each entry needs the hash of the one before it. The head is usually the entry this process
 * appended last, so the entry is written on that guess by an insert that takes effect only if the
 * guess is still the head; otherwise the head is read and the entry written after it. A write
 * that every change makes takes one round trip fewer that way.
 */
export async function appendAudit(trx: Kysely<Database>, actor: AuditActor | null, record: AuditRecord): Promise<void> {
  const adapter = trx.getExecutor().adapter;
  const postgres = adapter instanceof PostgresAdapter;
  const base = {
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
  };
  const guess = lastAppended.get(adapter);
  if (guess) {
    const entry = chained(base, guess);
    // On PostgreSQL the chain's lock is taken by the insert itself (its row comes from the lock's
    // select), one round trip instead of two. The statement's snapshot may predate the lock, so it
    // can miss an entry another transaction committed while this one waited; that entry holds the
    // guessed seq, and the insert then does nothing on the conflict and falls to the path below.
    const values = COLUMNS.map((c) => sql`${entry[c]}`.as(c));
    const rows = postgres ? trx.selectFrom(sql<{ locked: unknown }>`(select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}))`.as('chain_lock')).select(values) : trx.selectNoFrom(values);
    const done = await trx
      .insertInto('audit_log')
      .columns(COLUMNS)
      .expression(
        rows.where((eb) =>
          eb.and([
            eb.exists(eb.selectFrom('audit_log').select('seq').where('seq', '=', guess.seq).where('hash', '=', guess.hash)),
            eb.not(eb.exists(eb.selectFrom('audit_log').select('seq').where('seq', '>', guess.seq))),
          ]),
        ),
      )
      .onConflict((oc) => oc.column('seq').doNothing())
      .executeTakeFirst();
    if (Number(done.numInsertedOrUpdatedRows) === 1) {
      lastAppended.set(adapter, { seq: entry.seq, hash: entry.hash });
      return;
    }
  }
  // the guard may have been decided before the lock was asked for: take it (again) before reading the head
  if (postgres) await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  // after an archive the chain continues from the archive's last entry if the table were ever empty
  const last =
    (await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst()) ??
    (await trx.selectFrom('audit_archives').select(['to_seq as seq', 'last_hash as hash']).orderBy('to_seq', 'desc').limit(1).executeTakeFirst());
  const entry = chained(base, last ? { seq: Number(last.seq), hash: last.hash } : null);
  await trx.insertInto('audit_log').values(entry).execute();
  lastAppended.set(adapter, { seq: entry.seq, hash: entry.hash });
}

const COLUMNS = ['seq', 'at', 'user_id', 'username', 'agency_id', 'roles', 'client', 'kind', 'entity', 'entity_id', 'action', 'result', 'detail', 'prev_hash', 'hash'] as const;

/** The row of an entry that follows `prev` (null: the first of the chain). */
function chained(base: Omit<AuditFields, 'seq' | 'prevHash'>, prev: Head | null) {
  const fields: AuditFields = { ...base, seq: prev ? prev.seq + 1 : 1, prevHash: prev?.hash ?? GENESIS_HASH };
  return {
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
  };
}

/** A read of restricted data, or a refused attempt, in its own small transaction. */
export async function auditRead(db: Kysely<Database>, actor: AuditActor | null, record: Omit<AuditRecord, 'kind'>): Promise<void> {
  await db.transaction().execute((trx) => appendAudit(trx, actor, { ...record, kind: 'read' }));
}
