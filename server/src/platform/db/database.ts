import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { nameStatements } from './named-statements.js';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { Database } from './schema.js';
import { migrateToLatest } from './migrate.js';
import { withStatementCache } from './statement-cache.js';

export type Engine = DatabaseConfig['engine'];
export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT (count(*), sums) as strings; numbers fit comfortably here.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(config: DatabaseConfig, opts: { migrate?: boolean } = {}): Promise<Db> {
  let kysely: Kysely<Database>;
  if (config.engine === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    // WAL + synchronous=FULL: an acknowledged write survives a crash of the process or the machine.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  } else {
    // A request must not wait for a database that does not answer: a connection not made in 3 s
    // fails (503 database_unavailable, availability.ts), and keep-alive finds dead peers.
    const pool = new pg.Pool({ connectionString: config.url, max: 10, connectionTimeoutMillis: 3000, keepAlive: true });
    // An idle connection closed by the server (restart, failover, a dropped test database) is not
    // a fault of any request; without a listener pg would crash the process with it.
    pool.on('error', () => {});
    // The pool listens for errors only on idle connections. One that breaks while a request holds
    // it (a restart ends every session) would crash the process with an unheard 'error' event;
    // the request's own query fails (503) and the pool drops the connection when it is released.
    const named = nameStatements();
    pool.on('connect', (client) => {
      client.on('error', () => {});
      named(client);
    });
    kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await sql`select 1`.execute(kysely);
  }
  const db: Db = { kysely, engine: config.engine, close: () => kysely.destroy() };
  if (opts.migrate !== false) await migrateToLatest(db);
  return db;
}

/** count() is a string on PostgreSQL and a number on SQLite; callers always get a number. */
export function toCount(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** The platform clock's time (see clock.ts); kept here because every store imports it from here. */
export { nowIso } from '../clock.js';
