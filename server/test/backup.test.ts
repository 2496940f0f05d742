import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { createTestDatabase } from './pg.js';
import { runCli } from '../src/cli/main.js';

/**
 * Backup and restore as an operator runs them: an online backup while the platform is up, a
 * restore into an empty database that proves itself (same rows, the SM3 chain verified to the
 * same head, the data keys at hand), and refusals for a damaged backup, a non-empty target and a
 * missing key file.
 */
describe.each(ENGINES)('backup and restore on %s', (engine) => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-backup-'));
  const targets: Array<{ url: string; drop(): Promise<void> }> = [];
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    const auth = await t.login('lz.dispatcher1');
    const res = await t.http.inject({ method: 'POST', url: '/api/incidents', headers: { authorization: auth }, payload: { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '备份测试', reporter: { name: '李四', phone: '13900139000' } } });
    expect(res.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    for (const x of targets) await x.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const cli = async (args: string[], databaseUrl: string, keyFile = t.app.config.dataKeyFile) => {
    const out: string[] = [];
    const code = await runCli(args, { out: (l) => out.push(l), err: (l) => out.push(l), stdin: Readable.from(['']), env: { DATABASE_URL: databaseUrl, RAILJOINT_DATA_KEY_FILE: keyFile } });
    return { code, out: out.join('\n') };
  };
  const emptyTarget = async () => {
    if (engine === 'postgres') {
      const db = await createTestDatabase();
      targets.push(db);
      return db.url;
    }
    return `sqlite:${path.join(dir, `restored-${targets.length}-${Date.now()}.db`)}`;
  };

  it('backs up online and restores into an empty database that proves it is the same', async () => {
    const backup = await cli(['backup', path.join(dir, 'b1')], t.databaseUrl);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toContain('personal data is sealed under k1');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'b1', 'manifest.json'), 'utf8'));
    expect(manifest.tables.incidents).toBe(1);
    expect(manifest.audit.entries).toBeGreaterThan(0);
    expect(manifest.keysInUse).toEqual(['k1']);
    // the platform keeps working while and after the backup runs
    expect((await t.http.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);

    const target = await emptyTarget();
    const restored = await cli(['restore', path.join(dir, 'b1')], target);
    expect(restored.code, restored.out).toBe(0);
    expect(restored.out).toContain('SM3 audit chain intact');
    expect(restored.out).toContain(`head ${manifest.audit.headSeq} as in the backup`);

    // a second restore over it is refused unless asked for
    const again = await cli(['restore', path.join(dir, 'b1')], target);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/already holds/);
    expect((await cli(['restore', path.join(dir, 'b1'), '--force'], target)).code).toBe(0);
  });

  it('refuses a damaged backup before writing anything, and names missing data keys', async () => {
    const damaged = path.join(dir, 'b2');
    expect((await cli(['backup', damaged], t.databaseUrl)).code).toBe(0);
    const m = JSON.parse(fs.readFileSync(path.join(damaged, 'manifest.json'), 'utf8'));
    const data = path.join(damaged, m.file);
    const bytes = fs.readFileSync(data);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    fs.writeFileSync(data, bytes);
    const target = await emptyTarget();
    const refused = await cli(['restore', damaged], target);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('does not match the SHA-256');

    const otherKeys = path.join(dir, 'other.keys');
    const keyless = await cli(['restore', path.join(dir, 'b1')], await emptyTarget(), otherKeys);
    expect(keyless.code).toBe(1);
    expect(keyless.out).toMatch(/MISSING data keys k1/);
    expect((await cli(['restore', path.join(dir, 'nothing-here')], target)).code).toBe(2);
  });
});
