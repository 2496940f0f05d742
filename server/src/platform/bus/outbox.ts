import crypto from 'node:crypto';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/database.js';
import { EVENT_TYPES, type EventType } from '@railjoint/contracts';
import type { DomainEvent, EventBus } from './event.js';

/** One of the declared event types (contracts/src/events.ts); `about` defaults to the entity itself. */
export type NewEvent = Omit<DomainEvent, 'id' | 'at' | 'seq' | 'about' | 'type'> & { type: EventType; about?: DomainEvent['about'] };

const OUTBOX_ORDER_LOCK = 730_001;
const OUTBOX_RELAY_LOCK = 730_002;

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
  // On PostgreSQL concurrent transactions could commit their outbox rows out of id order, and a
  // live client resuming "after seq N" would then miss one. Taking this lock as the last step of
  // the transaction makes ids follow commit order. (SQLite has one writer: nothing to do.)
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${OUTBOX_ORDER_LOCK})`.execute(trx);
  await trx
    .insertInto('outbox')
    .values({ event_id: full.id, at: full.at, body: JSON.stringify(full), published_at: null })
    .execute();
  return full;
}

/**
 * Publishes committed outbox rows to the bus, oldest first, after the request has answered. It is
 * kicked after each commit and once at start (rows left by a crash go out then); a failed publish
 * (NATS down) leaves the row for the next kick or the periodic retry.
 */
export class OutboxRelay {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: EventBus,
    private readonly onError: (e: unknown) => void = () => {},
    retryMs = 2000,
  ) {
    this.timer = setInterval(() => this.kick(), retryMs);
    this.timer.unref();
  }

  kick(): void {
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
          this.kick();
        }
      });
  }

  /** Resolves when everything enqueued so far has been handed to the bus (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    await this.drain();
  }

  private async drain(): Promise<void> {
    if (isPostgres(this.db)) {
      // One relay at a time across instances, so events go out in sequence order; an instance
      // that finds the lock taken leaves its rows to the holder (who drains until empty) or to
      // its own next retry.
      await this.db.connection().execute(async (conn) => {
        const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${OUTBOX_RELAY_LOCK}) as ok`.execute(conn);
        if (!got.rows[0]?.ok) return;
        try {
          await this.publishPending(conn);
        } finally {
          await sql`select pg_advisory_unlock(${OUTBOX_RELAY_LOCK})`.execute(conn);
        }
      });
      return;
    }
    await this.publishPending(this.db);
  }

  private async publishPending(db: Kysely<Database>): Promise<void> {
    for (;;) {
      const rows = await db.selectFrom('outbox').select(['id', 'body']).where('published_at', 'is', null).orderBy('id').limit(100).execute();
      if (rows.length === 0) return;
      // Published one by one, marked as a batch: one write (one fsync) per batch, not per event.
      // A crash in between re-publishes some rows, which consumers drop by event id.
      const done: number[] = [];
      try {
        for (const row of rows) {
          await this.bus.publish({ ...(JSON.parse(row.body) as DomainEvent), seq: row.id });
          done.push(row.id);
        }
      } finally {
        if (done.length) await db.updateTable('outbox').set({ published_at: nowIso() }).where('id', 'in', done).execute();
      }
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.running) await this.running;
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
