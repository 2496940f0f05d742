import crypto from 'node:crypto';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { DomainEvent } from '../../platform/bus/event.js';
import { nowIso } from '../../platform/clock.js';
import type { ResourceReaders } from '../../platform/bus/readers.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { AgencyType } from '@railjoint/contracts';
import { MAX_ATTEMPTS, matches, nextDelayMs, signature } from './model.js';

const FANOUT_LOCK = 730_004;
const BATCH = 200;

export interface DispatcherSettings {
  baseDelayMs: number;
  timeoutMs: number;
}

/**
 * Outbound webhooks, entirely after commit and outside any request: one step reads the outbox
 * past its cursor and queues a delivery for each webhook whose agency may see the event (the live
 * channel's rule) and asked for its type; another step sends due deliveries, signed, retrying
 * with backoff. A receiver that is down slows nothing but its own deliveries.
 */
export class WebhookDispatcher {
  private running = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly agencyType: (id: string) => AgencyType | null,
    private readonly readers: ResourceReaders,
    private readonly settings: DispatcherSettings,
    private readonly send: typeof fetch = fetch,
  ) {}

  /** One round of both steps; overlapping calls are skipped. */
  async tick(): Promise<{ queued: number; sent: number }> {
    if (this.running) return { queued: 0, sent: 0 };
    this.running = true;
    try {
      const queued = await this.fanOut();
      const sent = await this.deliverDue();
      return { queued, sent };
    } finally {
      this.running = false;
    }
  }

  private async fanOut(): Promise<number> {
    if (!(this.db.getExecutor().adapter instanceof PostgresAdapter)) return this.fanOutOnce(this.db);
    // one instance fans out at a time; the others find the lock taken and skip. The lock is the
    // session's, on a connection of its own, because who may see each event is asked of the read
    // checks through the pool while the batch is being built.
    return this.db.connection().execute(async (conn) => {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${FANOUT_LOCK}) as ok`.execute(conn);
      if (!got.rows[0]?.ok) return 0;
      try {
        return await this.fanOutOnce(conn);
      } finally {
        await sql`select pg_advisory_unlock(${FANOUT_LOCK})`.execute(conn);
      }
    });
  }

  private async fanOutOnce(db: Kysely<Database>): Promise<number> {
    const cursor = await db.selectFrom('webhook_cursor').select('seq').where('name', '=', 'outbox').executeTakeFirst();
    if (!cursor) {
      // a fresh installation starts from now, not from every event in history
      const top = await db.selectFrom('outbox').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
      await db.insertInto('webhook_cursor').values({ name: 'outbox', seq: Number(top?.m ?? 0) }).onConflict((oc) => oc.doNothing()).execute();
      return 0;
    }
    const after = Number(cursor.seq);
    const rows = await db.selectFrom('outbox').select(['id', 'body']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (!rows.length) return 0;
    const hooks = await db.selectFrom('webhooks').selectAll().where('active', '=', 1).execute();
    const now = nowIso();
    const deliveries: Array<{ hookId: string; event: DomainEvent; seq: number }> = [];
    for (const r of rows) {
      const e = JSON.parse(r.body) as DomainEvent;
      for (const h of hooks) {
        if (!matches(h.events.split(','), e.type)) continue;
        // the agency's machine reads as its dispatchers do: the live channel's rule, asked the same way
        const agencyReader: Actor = { userId: `webhook:${h.id}`, username: `webhook:${h.id}`, displayName: 'webhook', agencyId: h.agency_id, agencyType: this.agencyType(h.agency_id), roles: ['dispatcher'] };
        if (!(await this.readers.canRead(agencyReader, e.about ?? { kind: e.entity, id: e.entityId }))) continue;
        deliveries.push({ hookId: h.id, event: e, seq: Number(r.id) });
      }
    }
    const last = Number(rows[rows.length - 1]!.id);
    return db.transaction().execute(async (trx) => {
      for (const d of deliveries) {
        const { about: _about, ...visible } = d.event;
        await trx
          .insertInto('webhook_deliveries')
          .values({ webhook_id: d.hookId, event_id: d.event.id, event_type: d.event.type, body: JSON.stringify({ ...visible, seq: d.seq }), status: 'pending', attempts: 0, next_attempt_at: now, last_status: null, last_error: null, created_at: now, delivered_at: null })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      await trx.updateTable('webhook_cursor').set({ seq: last }).where('name', '=', 'outbox').execute();
      return deliveries.length;
    });
  }

  private async deliverDue(): Promise<number> {
    const now = nowIso();
    const due = await this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .select(['d.id', 'd.body', 'd.event_type', 'd.event_id', 'd.attempts', 'd.next_attempt_at', 'w.url', 'w.secret'])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', now)
      .where('w.active', '=', 1)
      .orderBy('d.id')
      .limit(20)
      .execute();
    let sent = 0;
    for (const d of due) {
      const attempt = Number(d.attempts) + 1;
      // claim it: pushing the next attempt forward first keeps another instance off it
      const claim = await this.db
        .updateTable('webhook_deliveries')
        .set({ next_attempt_at: new Date(Date.now() + this.settings.timeoutMs + 1000).toISOString() })
        .where('id', '=', d.id)
        .where('next_attempt_at', '=', d.next_attempt_at)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) !== 1) continue;
      let status: number | null = null;
      let error: string | null = null;
      try {
        const res = await this.send(d.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'RailJoint-Webhook/1',
            'x-railjoint-event': d.event_type,
            'x-railjoint-delivery': `${d.event_id}:${d.id}`,
            'x-railjoint-signature': signature(d.secret, Math.floor(Date.now() / 1000), d.body),
          },
          body: d.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(this.settings.timeoutMs),
        });
        status = res.status;
        await res.arrayBuffer().catch(() => undefined);
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
      } catch (e) {
        error = (e as Error).name === 'TimeoutError' ? `no answer within ${this.settings.timeoutMs} ms` : String((e as Error).message ?? e).slice(0, 300);
      }
      const at = nowIso();
      const failedForGood = error !== null && attempt >= MAX_ATTEMPTS;
      await this.db
        .updateTable('webhook_deliveries')
        .set({
          attempts: attempt,
          last_status: status,
          last_error: error,
          status: error === null ? 'delivered' : failedForGood ? 'failed' : 'pending',
          delivered_at: error === null ? at : null,
          next_attempt_at: error === null || failedForGood ? at : new Date(Date.now() + nextDelayMs(attempt, this.settings.baseDelayMs)).toISOString(),
        })
        .where('id', '=', d.id)
        .execute();
      if (error === null) sent++;
    }
    return sent;
  }
}

export function newSecret(): string {
  return crypto.randomBytes(32).toString('hex');
}
