import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { nowIso } from '../../platform/clock.js';

/**
 * Refused messages by reason. Counted in memory and added to `device_refusals` every couple of
 * seconds, so a device spraying garbage costs no write per message and every instance's counts
 * add up in one place.
 */
export class RefusalCounter {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout;
  private writing: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onError: (e: unknown) => void,
    everyMs = 2000,
  ) {
    this.timer = setInterval(() => void this.flush(), everyMs);
    this.timer.unref();
  }

  count(reason: string): void {
    this.pending.set(reason, (this.pending.get(reason) ?? 0) + 1);
  }

  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (!this.pending.size) return;
    const batch = this.pending;
    this.pending = new Map();
    const at = nowIso();
    this.writing = (async () => {
      for (const [reason, n] of batch) {
        await this.db
          .insertInto('device_refusals')
          .values({ reason, count: n, last_at: at })
          .onConflict((oc) => oc.column('reason').doUpdateSet({ count: sql`device_refusals.count + ${n}`, last_at: at }))
          .execute();
      }
    })()
      .catch((e: unknown) => {
        // kept for the next round rather than lost
        for (const [reason, n] of batch) this.pending.set(reason, (this.pending.get(reason) ?? 0) + n);
        this.onError(e);
      })
      .finally(() => {
        this.writing = null;
      });
    await this.writing;
  }

  async totals(): Promise<Record<string, number>> {
    await this.flush();
    const rows = await this.db.selectFrom('device_refusals').select(['reason', 'count']).execute();
    return Object.fromEntries(rows.map((r) => [r.reason, Number(r.count)]));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
