import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { conflict, said } from '../../platform/http/errors.js';

/** What a phone's write was answered: kept, so a retry gets the same answer. */
export interface WriteAnswer {
  status: number;
  body: unknown;
}

export interface Replayable extends WriteAnswer {
  /** the answer comes from the first time this id was sent */
  replayed: boolean;
}

/** A stable hash of a request: the same JSON in any key order hashes the same. */
export function requestHash(kind: string, request: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v;
  return crypto.createHash('sha256').update(JSON.stringify([kind, canonical(request)])).digest('hex');
}

export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Runs a write from the phone once per id. The work and the record of its answer commit in one
 * transaction: either both or neither exist, so a write acknowledged once is answered the same way
 * forever after, and a write that failed can be sent again. Two copies racing meet on the id's
 * primary key; the loser reads the winner's answer. An id sent again with a different request (or
 * by someone else) is a 409, never a silent overwrite.
 */
export async function onceOnly(db: Db, actor: Actor, kind: string, id: string, request: unknown, work: (trx: Kysely<Database>, receivedAt: string) => Promise<WriteAnswer>): Promise<Replayable> {
  const hash = requestHash(kind, request);
  const earlier = await answered(db.kysely, actor, kind, id, hash);
  if (earlier) return earlier;
  try {
    return await db.kysely.transaction().execute(async (trx) => {
      const receivedAt = nowIso();
      const answer = await work(trx, receivedAt);
      await trx.insertInto('client_writes').values({ id, kind, user_id: actor.userId, request_hash: hash, status: answer.status, answer: JSON.stringify(answer.body), received_at: receivedAt }).execute();
      return { ...answer, replayed: false };
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const winner = await answered(db.kysely, actor, kind, id, hash);
    if (winner) return winner;
    // the id is taken by a row that is no phone write of this kind (a patrol id reused as a check-in's)
    throw conflict('id_reused', said(`编号 ${id} 已被另一条记录使用，请重新生成`, `the id ${id} is already used by another record; make a new one`), { id });
  }
}

async function answered(db: Kysely<Database>, actor: Actor, kind: string, id: string, hash: string): Promise<Replayable | null> {
  const row = await db.selectFrom('client_writes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  if (row.kind !== kind || row.user_id !== actor.userId || row.request_hash !== hash) {
    throw conflict('id_reused', said(`编号 ${id} 已用于另一个不同的请求，重试时须发送相同的请求`, `the id ${id} was already used for a different ${row.kind === kind ? 'request' : row.kind.replace('_', '-')}; a retry must send the same request`), { id });
  }
  return { status: row.status, body: JSON.parse(row.answer) as unknown, replayed: true };
}
