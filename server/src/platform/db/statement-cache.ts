import type { SqliteDatabase } from 'kysely';
import type SQLite from 'better-sqlite3';

/**
 * Kysely's SQLite driver prepares every query it runs, and better-sqlite3 compiles a statement on
 * every prepare: on the device-ingest bench that compiling took about a tenth of the CPU. Queries
 * repeat their SQL text (parameters are bound), so compiled statements are kept by text, the least
 * recently used dropped past `size`. A statement still being iterated (a streamed select) is busy
 * and cannot be run again meanwhile, so a fresh one is compiled for that use instead.
 */
export function withStatementCache(db: SQLite.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit && !hit.busy) {
        // most recently used last, so the first key is the one to drop
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = db.prepare(sql);
      if (!hit) {
        cache.set(sql, stmt);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
  };
}
