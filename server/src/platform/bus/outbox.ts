import crypto from 'node:crypto';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/database.js';
import { EVENT_TYPES, type EventType } from '@railjoint/contracts';
import type { DomainEvent, EventBus } from './event.js';
import { OUTBOX_CHANNEL, OUTBOX_RELAY_LOCK, RelaySession } from './relay-session.js';

/** One of the declared event types (contracts/src/events.ts); `about` defaults to the entity itself. */
export type NewEvent = Omit<DomainEvent, 'id' | 'at' | 'seq' | 'about' | 'type'> & { type: EventType; about?: DomainEvent['about'] };

const OUTBOX_ORDER_LOCK = 730_001;

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Writes an event into the outbox inside the caller's transaction: the event exists exactly when
 * the change does, and nothing slow or remote happens inside the request.
 */
export async function enqueueEvent(trx: Kysely<Database>, event: NewEvent): Promise<DomainEvent> {
  const about = event.about ?? { kind: event.entity, id: event.entityId };
  // the catalogue says what each type is about; an event about something else would be judged by the wrong rule
  if (EVENT_TYPES[event.type] !== about.kind) throw new Error(`event ${event.type} must be about a ${EVENT_TYPES[event.type]}, not a ${about.kind}`);
  const full: DomainEvent = { ...event, about, id: crypto.randomUUID(), at: nowIso() };
  const body = JSON.stringify(full);
  if (isPostgres(trx)) {
    // Concurrent transactions could commit their outbox rows out of id order, and a live client
    // resuming "after seq N" would then miss one: the lock, taken as the last step of the
    // transaction and before the row's id is drawn, makes ids follow commit order. The
    // notification, delivered at commit, tells the relaying instance there is something to send.
    // One statement, one round trip, because the lock is held until the commit.
    await sql`insert into outbox (event_id, at, body, published_at) select ${full.id}, ${full.at}, ${body}, null from (select pg_advisory_xact_lock(${OUTBOX_ORDER_LOCK}), pg_notify(${OUTBOX_CHANNEL}, '')) as ordered`.execute(trx);
    return full;
  }
  // SQLite has one writer: nothing to order
  await trx.insertInto('outbox').values({ event_id: full.id, at: full.at, body, published_at: null }).execute();
  return full;
}

/**
 * Several events in order inside the caller's transaction. On SQLite (one writer, nothing to
 * order) one multi-row insert; on PostgreSQL each goes through enqueueEvent, so the lock that makes
 * ids follow commit order is taken exactly as for one.
 */
export async function enqueueEvents(trx: Kysely<Database>, events: readonly NewEvent[]): Promise<DomainEvent[]> {
  if (isPostgres(trx)) {
    const out: DomainEvent[] = [];
    for (const e of events) out.push(await enqueueEvent(trx, e));
    return out;
  }
  const full = events.map((event): DomainEvent => {
    const about = event.about ?? { kind: event.entity, id: event.entityId };
    if (EVENT_TYPES[event.type] !== about.kind) throw new Error(`event ${event.type} must be about a ${EVENT_TYPES[event.type]}, not a ${about.kind}`);
    return { ...event, about, id: crypto.randomUUID(), at: nowIso() };
  });
  for (let i = 0; i < full.length; i += 500) {
    await trx
      .insertInto('outbox')
      .values(full.slice(i, i + 500).map((f) => ({ event_id: f.id, at: f.at, body: JSON.stringify(f), published_at: null })))
      .execute();
  }
  return full;
}

const BATCH = 100;
/** embedded: sent rows are marked this long after, or at once when this many wait */
const MARK_AFTER_MS = 200;
const MARK_AT_MOST = 1000;

/**
 * Publishes committed outbox rows to the bus, oldest first, after the request has answered; a
 * failed publish (NATS down) leaves the row for the next attempt. On PostgreSQL with several
 * instances one of them relays (relay-session.ts): it hears every commit that wrote an event and
 * looks again every `retryMs`; the others only try, at that pace, to take over. Embedded (SQLite,
 * or without a URL for the session) it is kicked after each commit and drains itself.
 */
export class OutboxRelay {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly session: RelaySession | null;
  /** embedded: the last row handed to the bus, and rows handed over but not yet marked */
  private sentUpTo = 0;
  private unmarked: number[] = [];
  private markTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: EventBus,
    private readonly onError: (e: unknown) => void = () => {},
    retryMs = 2000,
    postgresUrl: string | null = null,
  ) {
    this.session = postgresUrl && isPostgres(db) ? new RelaySession(postgresUrl, () => this.drainSoon()) : null;
    this.timer = setInterval(() => this.tick(), retryMs);
    this.timer.unref();
    // at start: take the relay if it is free, and send what a crash left behind
    if (this.session) this.tick();
    // NATS back after an outage: what the outbox kept goes now, not at the next retry
    bus.onReconnect?.(() => this.tick());
  }

  /**
   * After a commit that wrote events: send them. With a relay session the commit's notification
   * does that, here or on the instance that relays.
   */
  kick(): void {
    if (!this.session) this.drainSoon();
  }

  private drainSoon(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch(this.onError)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.drainSoon();
        }
      });
  }

  /** Whether this instance is the one relaying (always, embedded). */
  get relaying(): boolean {
    return this.session ? this.session.holding : true;
  }

  /** Resolves when everything enqueued so far has been handed to the bus (tests, shutdown). */
  async flush(): Promise<void> {
    if (this.session && !(await this.session.claim())) return this.publishedElsewhere();
    while (this.running) await this.running;
    await this.drain();
  }

  private tick(): void {
    if (!this.session) return this.drainSoon();
    this.session.claim().then(
      (holding) => holding && this.drainSoon(),
      (e: unknown) => this.onError(e),
    );
  }

  private async drain(): Promise<void> {
    if (this.session) {
      for (;;) {
        const rows = await this.session.pending(BATCH);
        await this.publish(rows, (ids) => this.session!.sent(ids));
        if (rows.length < BATCH) return;
      }
    }
    if (isPostgres(this.db)) {
      // without a session of its own (tools, tests that build a relay by hand): one relay at a
      // time all the same, the lock held on a pooled connection for the round
      await this.db.connection().execute(async (conn) => {
        const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${OUTBOX_RELAY_LOCK}) as ok`.execute(conn);
        if (!got.rows[0]?.ok) return;
        try {
          await this.drainWith(conn);
        } finally {
          await sql`select pg_advisory_unlock(${OUTBOX_RELAY_LOCK})`.execute(conn);
        }
      });
      return;
    }
    await this.drainWith(this.db);
  }

  private async drainWith(db: Kysely<Database>): Promise<void> {
    if (!isPostgres(db)) return this.drainEmbedded(db);
    for (;;) {
      const rows = await db.selectFrom('outbox').select(['id', 'body']).where('published_at', 'is', null).orderBy('id').limit(BATCH).execute();
      await this.publish(rows, async (ids) => void (await db.updateTable('outbox').set({ published_at: nowIso() }).where('id', 'in', ids).execute()));
      if (rows.length < BATCH) return;
    }
  }

  /**
   * SQLite, one process: rows are read past what this process has sent (ids grow in commit order
   * with one writer), and marked sent a little later, many at once. Marking each drain at once
   * cost a second fsync per request, which holds the process (better-sqlite3 is synchronous) and
   * so the next request; a crash before the mark re-publishes a few rows, dropped by event id.
   */
  private async drainEmbedded(db: Kysely<Database>): Promise<void> {
    for (;;) {
      const rows = await db.selectFrom('outbox').select(['id', 'body']).where('published_at', 'is', null).where('id', '>', this.sentUpTo).orderBy('id').limit(BATCH).execute();
      await this.publish(rows, async (ids) => {
        this.sentUpTo = Math.max(this.sentUpTo, ...ids);
        this.unmarked.push(...ids);
        if (this.unmarked.length >= MARK_AT_MOST) await this.markSent();
        else if (!this.markTimer) {
          this.markTimer = setTimeout(() => void this.markSent().catch(this.onError), MARK_AFTER_MS);
          this.markTimer.unref();
        }
      });
      if (rows.length < BATCH) return;
    }
  }

  private async markSent(): Promise<void> {
    if (this.markTimer) clearTimeout(this.markTimer);
    this.markTimer = null;
    const ids = this.unmarked.splice(0);
    for (let i = 0; i < ids.length; i += 500) await this.db.updateTable('outbox').set({ published_at: nowIso() }).where('id', 'in', ids.slice(i, i + 500)).execute();
  }

  /**
   * Published one by one, marked as a batch: one write (one fsync) per batch, not per event. A
   * crash in between re-publishes some rows, which NATS and consumers drop by event id.
   */
  private async publish(rows: Array<{ id: number; body: string }>, mark: (ids: number[]) => Promise<void>): Promise<void> {
    const done: number[] = [];
    try {
      for (const row of rows) {
        await this.bus.publish({ ...(JSON.parse(row.body) as DomainEvent), seq: Number(row.id) });
        done.push(Number(row.id));
      }
    } finally {
      if (done.length) await mark(done);
    }
  }

  /** Another instance relays: wait until what is in the outbox now has gone out. */
  private async publishedElsewhere(): Promise<void> {
    const top = await latestSeq(this.db);
    const end = Date.now() + 30_000;
    for (;;) {
      const left = await this.db.selectFrom('outbox').select('id').where('published_at', 'is', null).where('id', '<=', top).limit(1).executeTakeFirst();
      if (!left) return;
      if (Date.now() > end) throw new Error('the relaying instance has not published the outbox within 30 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.running) await this.running;
    await this.markSent().catch(this.onError);
    await this.session?.close();
  }
}

/** Committed events after a sequence number, oldest first (a reconnecting client's catch-up). */
export async function eventsSince(db: Kysely<Database>, since: number, limit: number): Promise<DomainEvent[]> {
  const rows = await db.selectFrom('outbox').select(['id', 'body']).where('id', '>', since).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ ...(JSON.parse(r.body) as DomainEvent), seq: r.id }));
}

export async function latestSeq(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  return Number(row?.max ?? 0);
}
