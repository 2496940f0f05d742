import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/database.js';
import type { DomainEvent, EventBus } from './event.js';

export type NewEvent = Omit<DomainEvent, 'id' | 'at'>;

/**
 * Writes an event into the outbox inside the caller's transaction: the event exists exactly when
 * the change does, and nothing slow or remote happens inside the request.
 */
export async function enqueueEvent(trx: Kysely<Database>, event: NewEvent): Promise<DomainEvent> {
  const full: DomainEvent = { ...event, id: crypto.randomUUID(), at: nowIso() };
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
    for (;;) {
      const rows = await this.db.selectFrom('outbox').select(['id', 'body']).where('published_at', 'is', null).orderBy('id').limit(100).execute();
      if (rows.length === 0) return;
      for (const row of rows) {
        await this.bus.publish(JSON.parse(row.body) as DomainEvent);
        await this.db.updateTable('outbox').set({ published_at: nowIso() }).where('id', '=', row.id).execute();
      }
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.running) await this.running;
  }
}
