import crypto from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';

/**
 * Who may run a named job now. On PostgreSQL a lease is a session-level advisory lock held on a
 * connection of its own: PostgreSQL gives it to one session at a time and takes it back the
 * moment that session ends, so an instance killed with SIGKILL, cut off, or whose database
 * restarted loses its leases without anyone having to notice or wait for an expiry.
 */
export interface Leases {
  /** true when this instance holds the lease now (taking it if it is free); false when another does */
  hold(name: string): Promise<boolean>;
  /** the leases this instance holds, as far as it knows */
  held(): string[];
  close(): Promise<void>;
}

/** Advisory locks taken with two int4 keys live apart from the one-bigint locks the outbox and audit use. */
const LEASE_NAMESPACE = 730_100;

/** A stable int4 for a job's name (collisions would only make two jobs share one lease). */
export function leaseKey(name: string): number {
  return crypto.createHash('sha256').update(name).digest().readInt32BE(0);
}

/** One process per SQLite file: every job is this instance's. */
export class LocalLeases implements Leases {
  private readonly names = new Set<string>();
  async hold(name: string): Promise<boolean> {
    this.names.add(name);
    return true;
  }
  held(): string[] {
    return [...this.names];
  }
  async close(): Promise<void> {
    this.names.clear();
  }
}

export interface PgLeaseOptions {
  /** a lease check that takes longer counts as lost (the session is dropped and made again) */
  timeoutMs?: number;
}

export class PgLeases implements Leases {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly names = new Set<string>();
  /** calls on one session run one after another; a broken session fails them all at once */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly opts: PgLeaseOptions = {},
  ) {}

  async hold(name: string): Promise<boolean> {
    return this.serial(async () => {
      if (this.closed) return false;
      const client = await this.session();
      try {
        if (this.names.has(name)) {
          // A session-level lock ends only with its session, so a session that still answers
          // still holds it. An answer that never comes is a lost session.
          await client.query('select 1');
          return true;
        }
        const got = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2) as ok', [LEASE_NAMESPACE, leaseKey(name)]);
        if (got.rows[0]?.ok) this.names.add(name);
        return got.rows[0]?.ok === true;
      } catch (e) {
        this.drop(client);
        throw e;
      }
    });
  }

  held(): string[] {
    return [...this.names];
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.serial(async () => {
      const client = this.client;
      this.client = null;
      this.names.clear();
      // ending the session gives every lease back at once
      if (client) await client.end().catch(() => {});
    });
  }

  private serial<T>(f: () => Promise<T>): Promise<T> {
    const next = this.queue.then(f, f);
    this.queue = next.catch(() => {});
    return next;
  }

  private async session(): Promise<pg.Client> {
    if (this.client) return this.client;
    this.connecting ??= (async () => {
      const timeoutMs = this.opts.timeoutMs ?? 5000;
      const client = new pg.Client({ connectionString: this.url, keepAlive: true, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs, application_name: 'railjoint-leases' });
      // a session that breaks takes its leases with it; the next hold() makes a new one
      client.on('error', () => this.drop(client));
      client.on('end', () => this.drop(client));
      await client.connect();
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.names.clear();
    client.end().catch(() => {});
  }
}

export function leasesFor(database: DatabaseConfig, opts?: PgLeaseOptions): Leases {
  return database.engine === 'postgres' ? new PgLeases(database.url, opts) : new LocalLeases();
}
