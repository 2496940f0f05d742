import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';
import { runCli } from '../src/cli/main.js';

/**
 * Personal data at rest: a caller's name and phone are sealed with SM4 in the database (the files
 * of an SQLite database do not contain them), read back in clear by those who may read the
 * incident, found again by a keyed hash of the phone, and re-sealed under a new key after a
 * rotation without anyone noticing.
 */
const CALLER = { name: '王小明', phone: '138 0013 8000' };

describe.each(ENGINES)('personal data sealed at rest on %s', (engine) => {
  let t: TestApp;
  let dispatcher: string;
  let keyFile: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    dispatcher = await t.login('lz.dispatcher1');
    keyFile = t.app.config.dataKeyFile;
  });
  afterAll(async () => t?.close());
  const { get, post } = requests(() => t, () => dispatcher);
  const cli = async (args: string[]) => {
    const out: string[] = [];
    const code = await runCli(args, { out: (l) => out.push(l), err: () => {}, stdin: Readable.from(['']), env: { DATABASE_URL: t.databaseUrl, RAILJOINT_DATA_KEY_FILE: keyFile } });
    return { code, out: out.join('\n') };
  };

  it('stores a caller’s contact sealed, shows it to readers, and finds a repeat caller by phone', async () => {
    const created = await post('/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '列车被石块击中', reporter: CALLER });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await get(`/api/incidents/${id}`)).json().reporter).toEqual(CALLER);
    const row = await t.app.db.kysely.selectFrom('incidents').select(['reporter', 'reporter_phone_key']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.reporter).toMatch(/^sm4\$k1\$/);
    expect(row.reporter).not.toContain('13800138000');
    expect(row.reporter_phone_key).toMatch(/^[0-9a-f]{64}$/);
    if (t.app.config.database.engine === 'sqlite') {
      // nothing of the contact in the database files, write-ahead log included
      const file = t.app.config.database.file;
      await t.app.db.kysely.selectFrom('incidents').select('id').execute();
      for (const f of [file, `${file}-wal`].filter((x) => fs.existsSync(x))) {
        const bytes = fs.readFileSync(f);
        expect(bytes.includes(Buffer.from('13800138000')), path.basename(f)).toBe(false);
        expect(bytes.includes(Buffer.from('138 0013 8000')), path.basename(f)).toBe(false);
        expect(bytes.includes(Buffer.from(CALLER.name)), path.basename(f)).toBe(false);
      }
    }
    const again = await get(`/api/incidents?reporterPhone=${encodeURIComponent('+86-138-0013-8000')}`);
    expect(again.json().incidents.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await get('/api/incidents?reporterPhone=13900000000')).json().incidents).toEqual([]);
    expect((await get('/api/incidents?reporterPhone=DROP%20TABLE')).statusCode).toBe(400);
  });

  it('keeps every value readable through a key rotation and re-seals them under the new key', async () => {
    const before = await cli(['keys', 'status']);
    expect(before.code).toBe(0);
    expect(before.out).toMatch(/incidents\.reporter: k1 \d+/);
    expect((await cli(['keys', 'rotate'])).out).toContain('new key k2');
    const resealed = await cli(['keys', 'reseal', '--retire']);
    expect(resealed.code).toBe(0);
    expect(resealed.out).toMatch(/incidents\.reporter: k2 \d+/);
    expect(resealed.out).toContain('keys kept: k2');
    expect(JSON.parse(fs.readFileSync(keyFile, 'utf8')).keys).not.toHaveProperty('k1');
    const rows = await t.app.db.kysely.selectFrom('incidents').select('reporter').where('reporter', 'is not', null).execute();
    expect(rows.every((r) => r.reporter!.startsWith('sm4$k2$'))).toBe(true);
    // the running server followed the rotation by itself: it opens the re-sealed values and seals new ones with k2
    const listed = (await get(`/api/incidents?reporterPhone=${encodeURIComponent(CALLER.phone)}`)).json().incidents[0];
    expect((await get(`/api/incidents/${listed.id}`)).json().reporter).toEqual(CALLER);
  });
});
