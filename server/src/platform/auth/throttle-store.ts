import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { afterFailure, currentFailures, FORGET_AFTER_S, waitS, type ThrottleKey, type ThrottleState } from './throttle.js';

/** The outcome of charging an attempt: refused for a while, or heard (and counted as a failure until settled). */
export type Charge =
  | { refused: true; retryAfterS: number; keys: ThrottleKey[] }
  | { refused: false; keys: ChargedKey[] };

export interface ChargedKey extends ThrottleKey {
  before: ThrottleState | undefined;
  after: ThrottleState;
}

/**
 * Throttling state in the database, so several instances count the same attempts. Each attempt is
 * charged as a failure *before* its password or code is checked, under a row lock (PostgreSQL) or
 * SQLite's single writer: a burst of parallel guesses cannot all pass the check before any of them
 * is counted. A success then gives its charge back.
 */
export class ThrottleStore {
  constructor(private readonly db: Kysely<Database>) {}

  async charge(keys: ThrottleKey[], now: Date): Promise<Charge> {
    // one order for every transaction, so two attempts sharing keys never wait on each other in a circle
    const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key));
    return this.db.transaction().execute(async (trx) => {
      const states = await this.lock(trx, sorted.map((k) => k.key));
      const retryAfterS = Math.max(0, ...sorted.map((k) => waitS(states.get(k.key), now)));
      if (retryAfterS > 0) return { refused: true as const, retryAfterS, keys: sorted };
      const charged: ChargedKey[] = [];
      for (const k of sorted) {
        const before = states.get(k.key);
        const after = afterFailure(k.scope, before, now);
        await trx
          .updateTable('auth_throttle')
          .set({ failures: after.failures, blocked_until: after.blockedUntil, last_failure_at: after.lastFailureAt })
          .where('key', '=', k.key)
          .execute();
        charged.push({ ...k, before, after });
      }
      return { refused: false as const, keys: charged };
    });
  }

  /**
   * A success: the account, device and second-factor keys start again from zero; the address gets
   * this one charge back but keeps its other failures, or one valid account would launder an
   * address's guesses at others.
   */
  async settleSuccess(keys: ChargedKey[], now: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const states = await this.lock(trx, keys.map((k) => k.key));
      for (const k of keys) {
        if (k.scope !== 'address') {
          await trx.deleteFrom('auth_throttle').where('key', '=', k.key).execute();
          continue;
        }
        const state = states.get(k.key);
        if (!state) continue;
        const failures = Math.max(0, currentFailures(state, now) - 1);
        // restore the earlier wait only if no other attempt has set a newer one since
        const blockedUntil = state.blockedUntil === k.after.blockedUntil ? (k.before?.blockedUntil ?? null) : state.blockedUntil;
        await trx.updateTable('auth_throttle').set({ failures, blocked_until: blockedUntil }).where('key', '=', k.key).execute();
      }
    });
  }

  /** Forgets a key (an administrator set a new password for the account). */
  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('auth_throttle').where('key', '=', key).execute();
  }

  /** Drops keys that are neither waiting nor remembered any more. */
  async sweep(now: Date): Promise<void> {
    const nowIso = now.toISOString();
    const forgotten = new Date(now.getTime() - FORGET_AFTER_S * 1000).toISOString();
    await this.db
      .deleteFrom('auth_throttle')
      .where('last_failure_at', '<', forgotten)
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', nowIso)]))
      .execute();
  }

  private async lock(trx: Kysely<Database>, keys: string[]): Promise<Map<string, ThrottleState>> {
    if (keys.length === 0) return new Map();
    const epoch = new Date(0).toISOString();
    for (const key of keys) {
      await trx.insertInto('auth_throttle').values({ key, failures: 0, blocked_until: null, last_failure_at: epoch }).onConflict((oc) => oc.column('key').doNothing()).execute();
    }
    let q = trx.selectFrom('auth_throttle').selectAll().where('key', 'in', keys);
    if (trx.getExecutor().adapter instanceof PostgresAdapter) q = q.forUpdate();
    const rows = await q.execute();
    return new Map(rows.map((r) => [r.key, { failures: r.failures, blockedUntil: r.blocked_until, lastFailureAt: r.last_failure_at }]));
  }
}
