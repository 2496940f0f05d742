import pg from 'pg';

export const OUTBOX_RELAY_LOCK = 730_002;
/** Every transaction that writes an event notifies this channel when it commits. */
export const OUTBOX_CHANNEL = 'railjoint_outbox';

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
      this.client = client;
    } catch (e) {
      await client.end().catch(() => {});
      throw e;
    }
  }

  async pending(limit: number): Promise<OutboxRow[]> {
    const rows = await this.session().query<OutboxRow>('select id, body from outbox where published_at is null order by id limit $1', [limit]);
    return rows.rows.map((r) => ({ id: Number(r.id), body: r.body }));
  }

  async markPublished(ids: number[], at: string): Promise<void> {
    await this.session().query('update outbox set published_at = $1 where id = any($2::int[])', [at, ids]);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => {});
    const client = this.client;
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
    client.end().catch(() => {});
  }
}
