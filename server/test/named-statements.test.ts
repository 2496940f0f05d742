import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/platform/db/schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/platform/db/database.js';
import { createTestDatabase } from './pg.js';

/**
 * Named statements (platform/db/named-statements.ts) under a schema change: a newer instance's
 * migration adds a column while this one serves, and PostgreSQL refuses the prepared `select *`
 * whose result changed. The instance must go on answering, not fail that query until it restarts.
 */
describe('named statements on PostgreSQL', () => {
  let tdb: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  const alter = async (statement: string) => {
    const other = new pg.Client({ connectionString: tdb.url });
    await other.connect();
    try {
      await other.query(statement);
    } finally {
      await other.end();
    }
  };
  beforeAll(async () => {
    tdb = await createTestDatabase();
    db = await openDatabase({ engine: 'postgres', url: tdb.url }, { migrate: false });
    await sql`create table upgraded (id int primary key, a text)`.execute(db.kysely);
    await sql`insert into upgraded values (1, 'x')`.execute(db.kysely);
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  it('answers a prepared select * again at once when a column was added under it', async () => {
    const read = () => sql<Record<string, unknown>>`select * from upgraded where id = ${1}`.execute(db.kysely);
    for (let i = 0; i < 3; i++) expect((await read()).rows).toEqual([{ id: 1, a: 'x' }]);
    await alter(`alter table upgraded add column b text default 'y'`);
    expect((await read()).rows).toEqual([{ id: 1, a: 'x', b: 'y' }]);
    expect((await read()).rows).toEqual([{ id: 1, a: 'x', b: 'y' }]);
  });

  it('fails a transaction that met the change once, and the next one succeeds', async () => {
    const read = (k: Kysely<Database>) => sql<Record<string, unknown>>`select * from upgraded where a = ${'x'}`.execute(k);
    for (let i = 0; i < 3; i++) await db.kysely.transaction().execute((trx) => read(trx));
    await alter(`alter table upgraded add column c int default 7`);
    await expect(db.kysely.transaction().execute((trx) => read(trx))).rejects.toThrow(/cached plan must not change result type/);
    expect((await db.kysely.transaction().execute((trx) => read(trx))).rows).toEqual([{ id: 1, a: 'x', b: 'y', c: 7 }]);
  });
});
