import pg from 'pg';
import { nowIso } from '../clock.js';

export const OUTBOX_RELAY_LOCK = 730_002;
/** Every transaction that writes an event notifies this channel when it commits. */
export const OUTBOX_CHANNEL = 'railjoint_outbox';

/** sent rows are marked this long after, or at once when this many wait */
const MARK_AFTER_MS = 200;
const MARK_AT_MOST = 1000;

export interface OutboxRow {
  id: number;
  body: string;
}

/**
 * The PostgreSQL side of relaying: one instance at a time relays, the one whose session of its own
 * holds the relay lock. That session LISTENs for the notification each event-writing transaction
 * sends at commit, so the holder hears of events written on every instance at once, and the others
 * spend nothing on relaying; when the holder dies its session ends, the lock with it, and another
 * instance takes over at its next attempt.
 */
export class RelaySession {
  private client: pg.Client | null = null;
  /** while holding: the last row handed to the bus, and rows handed over but not yet marked */
  private sentUpTo = 0;
  private unmarked: number[] = [];
  private markTimer: NodeJS.Timeout | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly onNotify: () => void,
  ) {}

  get holding(): boolean {
    return this.client !== null;
  }

  /** Takes the relay if it is free (true), or finds it held by another instance (false). */
  async claim(): Promise<boolean> {
    if (this.client) return true;
    if (this.closed) return false;
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    await this.connecting;
    return this.client !== null;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, keepAlive: true, connectionTimeoutMillis: 5000, query_timeout: 30_000, application_name: 'railjoint-relay' });
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    client.on('notification', () => this.onNotify());
    await client.connect();
    try {
      const got = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [OUTBOX_RELAY_LOCK]);
      if (!got.rows[0]?.ok) {
        await client.end();
        return;
      }
      await client.query(`listen ${OUTBOX_CHANNEL}`);
      // closed while the session was being made: give the relay back at once
      if (this.closed) {
        await client.end();
        return;
      }
      // a new holding reads from the first unmarked row: what an earlier one sent but did not mark goes again
      this.sentUpTo = 0;
      this.unmarked = [];
      this.client = client;
    } catch (e) {
      await client.end().catch(() => {});
      throw e;
    }
  }

  /**
   * Rows not yet handed to the bus, oldest first. While this session holds the relay, rows are read
   * past the last one it sent: ids commit in order (the outbox insert takes its lock first), so
   * nothing below can still appear, and the index is entered where the work is.
   */
  async pending(limit: number): Promise<OutboxRow[]> {
    const rows = await this.session().query<OutboxRow>('select id, body from outbox where published_at is null and id > $1 order by id limit $2', [this.sentUpTo, limit]);
    return rows.rows.map((r) => ({ id: Number(r.id), body: r.body }));
  }

  /**
   * Rows handed to the bus: marked published a little later, many in one statement. Marking each
   * round at once was a commit (an fsync) per event on the relaying instance, and its dead rows
   * slowed the next read. A relay lost before marking leaves a few rows to send again, which NATS
   * drops by event id (the stream's duplicate window) and consoles by sequence.
   */
  async sent(ids: number[]): Promise<void> {
    if (!ids.length) return;
    this.sentUpTo = Math.max(this.sentUpTo, ...ids);
    this.unmarked.push(...ids);
    if (this.unmarked.length >= MARK_AT_MOST) return this.mark();
    if (!this.markTimer) {
      this.markTimer = setTimeout(() => void this.mark().catch(() => {}), MARK_AFTER_MS);
      this.markTimer.unref();
    }
  }

  private async mark(): Promise<void> {
    if (this.markTimer) clearTimeout(this.markTimer);
    this.markTimer = null;
    const ids = this.unmarked.splice(0);
    if (!ids.length || !this.client) return;
    await this.client.query('update outbox set published_at = $1 where id = any($2::int[])', [nowIso(), ids]);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => {});
    const client = this.client;
    // what was sent is marked before the relay is given up, so the next holder does not send it again
    await this.mark().catch(() => {});
    this.client = null;
    await client?.end().catch(() => {});
  }

  private session(): pg.Client {
    if (!this.client) throw new Error('this instance does not hold the relay');
    return this.client;
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.markTimer) clearTimeout(this.markTimer);
    this.markTimer = null;
    this.unmarked = [];
    client.end().catch(() => {});
  }
}
