import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { startClockAt } from '../src/platform/clock.js';
import { runCli } from '../src/cli/main.js';

/**
 * The audit trail is kept at least six months: entries leave the table only into a verified
 * archive file and only when older than 180 days — the database itself refuses any other delete —
 * and the chain goes on verifying from where the archive ends.
 */
const DAY = 86_400_000;

describe.each(ENGINES)('audit retention and archives on %s', (engine) => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-audit-archive-'));
  let oldEntries = 0;
  beforeAll(async () => {
    // the department's first months: everything it records is dated 300 days ago
    t = await startApp({ engine, demo: true, clockStart: Date.now() - 300 * DAY });
    await report();
    oldEntries = Number((await t.app.db.kysely.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    startClockAt(null);
    await report();
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  async function report() {
    const auth = await t.login('lz.dispatcher1');
    const res = await t.http.inject({ method: 'POST', url: '/api/incidents', headers: { authorization: auth }, payload: { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '留存测试' } });
    expect(res.statusCode).toBe(201);
  }
  const cli = async (args: string[], env: Record<string, string> = {}) => {
    const out: string[] = [];
    // what it says on stderr too, so a failure tells why (a verify that threw exits 1 like a broken chain)
    const code = await runCli(args, { out: (l) => out.push(l), err: (l) => out.push(`stderr: ${l}`), stdin: Readable.from(['']), env: { DATABASE_URL: t.databaseUrl, RAILJOINT_DATA_KEY_FILE: t.app.config.dataKeyFile, ...env } });
    return { code, out: out.join('\n') };
  };

  it('refuses, in the database itself, to delete an entry that has not been archived', async () => {
    const db = t.app.db.kysely;
    const oldest = await db.selectFrom('audit_log').select('seq').orderBy('seq').limit(1).executeTakeFirstOrThrow();
    const newest = await db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await expect(db.deleteFrom('audit_log').where('seq', '=', oldest.seq).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', newest.seq).execute()).rejects.toThrow(/append-only/);
    await expect(sql`update audit_log set detail = '{}' where seq = ${oldest.seq}`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('archives what is older than the retention period into a verified file and keeps the chain verifiable', async () => {
    expect((await cli(['audit', 'archive', dir, '--before', new Date().toISOString()])).code).toBe(2);
    expect((await cli(['audit', 'verify'], { RAILJOINT_AUDIT_RETENTION_DAYS: '30' })).code).toBe(2);
    const archived = await cli(['audit', 'archive', dir]);
    expect(archived.code, archived.out).toBe(0);
    expect(archived.out).toContain(`(${oldEntries})`);
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.ndjson.gz'))!;
    expect(zlib.gunzipSync(fs.readFileSync(path.join(dir, file))).toString().trim().split('\n')).toHaveLength(oldEntries);
    expect((await cli(['audit', 'verify', '--archive', path.join(dir, file)])).out).toMatch(/^OK archive/);
    // what stayed verifies from the archive's end, and the platform goes on writing
    await report();
    const verified = await cli(['audit', 'verify']);
    expect(verified.code, verified.out).toBe(0);
    const left = await t.app.db.kysely.selectFrom('audit_log').select(['seq', 'action', 'entity']).orderBy('seq').execute();
    expect(left.some((e) => e.action === 'archive' && e.entity === 'audit_log')).toBe(true);
    expect(Number(left[0]!.seq)).toBe(oldEntries + 1);
    // nothing left to archive; a changed archive file is caught
    expect((await cli(['audit', 'archive', dir])).out).toContain('nothing to archive');
    const bytes = fs.readFileSync(path.join(dir, file));
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 1;
    fs.writeFileSync(path.join(dir, file), bytes);
    expect((await cli(['audit', 'verify', '--archive', path.join(dir, file)])).code).toBe(1);
  });
});
