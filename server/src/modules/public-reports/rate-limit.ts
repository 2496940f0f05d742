import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { addressBucket } from '../../platform/auth/throttle.js';
import { HttpError, said } from '../../platform/http/errors.js';

/**
 * Rate limits for what anyone may send without signing in: a fixed window per key, counted in
 * the database so every instance counts the same requests. The sign-in throttle
 * (platform/auth/throttle*.ts) does not fit: it counts failures, forgives a success and doubles a
 * wait, where a report limit counts every submission, good or bad, per hour. Its address buckets
 * are reused: an IPv6 client is one /64.
 */
export interface Limit {
  key: string;
  max: number;
  windowS: number;
}

export const addressLimitKey = (scope: string, ip: string) => `${scope}:address:${addressBucket(ip)}`;
/** A device id is whatever the page or app made and kept; it is only ever a narrower limit than the address's. */
export const deviceLimitKey = (scope: string, device: string) => `${scope}:device:${device}`;

/** The state of a window after one more request at `now`: counted, or refused with the wait. */
export function windowStep(state: { windowStart: string; count: number } | undefined, limit: Limit, now: number): { allowed: boolean; windowStart: string; count: number; retryAfterS: number } {
  const start = state ? Date.parse(state.windowStart) : NaN;
  if (!state || !(now - start < limit.windowS * 1000)) return { allowed: true, windowStart: new Date(now).toISOString(), count: 1, retryAfterS: 0 };
  if (state.count >= limit.max) return { allowed: false, windowStart: state.windowStart, count: state.count, retryAfterS: Math.max(1, Math.ceil((start + limit.windowS * 1000 - now) / 1000)) };
  return { allowed: true, windowStart: state.windowStart, count: state.count + 1, retryAfterS: 0 };
}

export class RateLimiter {
  constructor(private readonly db: Kysely<Database>) {}

  /** Counts one request under every key, or refuses it (429) counting nothing when any key is spent. */
  async take(limits: readonly Limit[], now: number): Promise<void> {
    const sorted = [...limits].sort((a, b) => a.key.localeCompare(b.key));
    const wait = await this.db.transaction().execute(async (trx) => {
      for (const l of sorted) await trx.insertInto('public_rate_limits').values({ key: l.key, window_start: new Date(0).toISOString(), count: 0 }).onConflict((oc) => oc.column('key').doNothing()).execute();
      let q = trx.selectFrom('public_rate_limits').selectAll().where('key', 'in', sorted.map((l) => l.key));
      if (trx.getExecutor().adapter instanceof PostgresAdapter) q = q.forUpdate();
      const rows = new Map((await q.execute()).map((r) => [r.key, { windowStart: r.window_start, count: r.count }]));
      const steps = sorted.map((l) => ({ l, step: windowStep(rows.get(l.key), l, now) }));
      const refused = steps.filter((s) => !s.step.allowed);
      if (refused.length) return Math.max(...refused.map((s) => s.step.retryAfterS));
      for (const { l, step } of steps) await trx.updateTable('public_rate_limits').set({ window_start: step.windowStart, count: step.count }).where('key', '=', l.key).execute();
      return 0;
    });
    if (wait > 0) throw new HttpError(429, 'too_many_requests', said(`请求过于频繁，请 ${wait} 秒后再试`, `too many requests from here; try again in ${wait} s`), { retryAfterS: wait });
  }

  /** Forgets windows long over. */
  async sweep(now: number, olderThanS = 86_400): Promise<void> {
    await this.db.deleteFrom('public_rate_limits').where('window_start', '<', new Date(now - olderThanS * 1000).toISOString()).execute();
  }
}
