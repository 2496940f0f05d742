import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';
import { runCli } from '../src/cli/main.js';
import { openDatabase } from '../src/platform/db/database.js';
import { appendAudit } from '../src/platform/audit/trail.js';

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from(['']), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.each(ENGINES)('the SM3 audit trail on %s', (engine) => {
  let t: TestApp;
  let dispatcher: string;
  let auditor: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    dispatcher = await t.login('lz.dispatcher1');
    auditor = await t.login('lz.auditor');
  });
  afterAll(async () => t?.close());
  const { get, post } = requests(() => t, () => auditor);

  it('records every write with who, agency, role and where from', async () => {
    const created = await post('/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '石块击打列车' }, dispatcher);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const res = await get(`/api/audit?entity=incident&entityId=${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const [entry] = res.json().entries;
    expect(entry).toMatchObject({ kind: 'write', entity: 'incident', entityId: id, action: 'received', username: 'lz.dispatcher1', agencyId: 'lz-centre', roles: ['dispatcher'], result: 'ok' });
    expect(entry.client).toMatch(/^127\.0\.0\.1/);
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is for auditors only, and looking at it is recorded too', async () => {
    for (const who of ['admin', 'lz.dispatcher1', 'lz.analyst']) {
      const as = await t.login(who);
      expect((await get('/api/audit', as)).statusCode, who).toBe(403);
      expect((await get('/api/audit/verify', as)).statusCode, who).toBe(403);
      expect((await get('/api/audit/export', as)).statusCode, who).toBe(403);
    }
    const reads = (await get('/api/audit?entity=audit_log&kind=read')).json().entries;
    expect(reads[0]).toMatchObject({ username: 'lz.auditor', action: 'search' });
    expect((await get('/api/audit?limit=0')).statusCode).toBe(400);
  });

  it('exports the whole chain as NDJSON and CSV', async () => {
    const nd = await get('/api/audit/export');
    expect(nd.statusCode).toBe(200);
    expect(nd.headers['content-type']).toMatch(/ndjson/);
    const lines = nd.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].seq).toBe(1);
    expect(lines.map((l: { seq: number }) => l.seq)).toEqual(lines.map((_: unknown, i: number) => i + 1));
    const csv = await get('/api/audit/export?format=csv');
    expect(csv.body.replace(/^\uFEFF/, '').split('\n')[0]).toBe('seq,at,username,agencyId,roles,client,kind,entity,entityId,action,result,detail,prevHash,hash');
  });

  it('verifies an intact chain over the API and the CLI', async () => {
    const v = (await get('/api/audit/verify')).json();
    expect(v).toMatchObject({ ok: true, firstBad: null });
    expect(v.checked).toBeGreaterThan(10);
    const r = await cli(['audit', 'verify'], { DATABASE_URL: t.databaseUrl });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^OK \d+ entries, SM3 chain intact/m);
  });

  it('keeps the chain whole when the head an instance guessed is stale or was rolled back', async () => {
    // a second instance on the same database: each appends on its guess of the head, which the
    // other's entries make stale; a rolled-back append leaves a guess that never committed
    const other = await openDatabase(t.app.config.database, { migrate: false });
    try {
      const mine = t.app.db.kysely;
      const append = (db: typeof mine, action: string) => db.transaction().execute((trx) => appendAudit(trx, null, { kind: 'write', entity: 'audit_test', entityId: 'x', action }));
      await append(mine, 'first');
      await append(other.kysely, 'second');
      await append(mine, 'third');
      await expect(
        mine.transaction().execute(async (trx) => {
          await appendAudit(trx, null, { kind: 'write', entity: 'audit_test', entityId: 'x', action: 'rolled_back' });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      await append(mine, 'fourth');
      await append(other.kysely, 'fifth');
      const rows = await mine.selectFrom('audit_log').select(['seq', 'action']).where('entity', '=', 'audit_test').orderBy('seq').execute();
      expect(rows.map((r) => r.action)).toEqual(['first', 'second', 'third', 'fourth', 'fifth']);
      expect((await get('/api/audit/verify')).json()).toMatchObject({ ok: true, firstBad: null });
      if (engine === 'postgres') {
        // both instances at once, over their pools: an insert whose snapshot predates the lock it
        // waited for meets the entry committed meanwhile, and must fall back instead of forking the chain
        await Promise.all(Array.from({ length: 40 }, (_, n) => append(n % 2 ? mine : other.kysely, `together ${n}`)));
        const after = await mine.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('entity', '=', 'audit_test').executeTakeFirstOrThrow();
        expect(Number(after.n)).toBe(45);
        expect((await get('/api/audit/verify')).json()).toMatchObject({ ok: true, firstBad: null });
      }
    } finally {
      await other.close();
    }
  });

  it('refuses to change or delete an entry in the database itself', async () => {
    const db = t.app.db.kysely;
    await expect(db.updateTable('audit_log').set({ username: 'nobody' }).where('seq', '=', 3).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', 3).execute()).rejects.toThrow(/append-only/);
  });

  it('names the first tampered entry when someone with the keys rewrites one', async () => {
    const db = t.app.db.kysely;
    // the attacker drops the guard, rewrites entry 5's author, and puts the guard back
    if (engine === 'postgres') {
      await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
      await db.updateTable('audit_log').set({ username: 'someone.else' }).where('seq', '=', 5).execute();
      await sql`alter table audit_log enable trigger audit_log_no_change`.execute(db);
    } else {
      await sql`drop trigger audit_log_no_update`.execute(db);
      await db.updateTable('audit_log').set({ username: 'someone.else' }).where('seq', '=', 5).execute();
      await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    }
    const v = (await get('/api/audit/verify')).json();
    expect(v).toMatchObject({ ok: false, checked: 4, firstBad: { seq: 5, reason: 'hash_mismatch' } });
    const r = await cli(['audit', 'verify'], { DATABASE_URL: t.databaseUrl });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^BAD entry 5: hash_mismatch/m);
  });
});
