import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { ENGINES, startApp, type TestApp } from './harness.js';

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from(['']), env });
  return { code, out, err };
}

/** `railjoint patrols`: a department's civil defence from one file, against a running platform's database. */
describe.each(ENGINES)('railjoint patrols on %s', (engine) => {
  let t: TestApp;
  let env: NodeJS.ProcessEnv;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-patrols-cli-'));
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    env = { DATABASE_URL: t.databaseUrl, RAILJOINT_DATA_KEY_FILE: t.app.config.dataKeyFile };
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('writes the demo’s file, checks it against the stored network, and imports it again without doubling', async () => {
    const file = path.join(tmp, 'civil.json');
    expect((await cli(['patrols', 'example', file], env)).code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(doc.plans.some((p: { id: string }) => p.id === 'pp-joint-liuzhou-yufeng')).toBe(true);
    const checked = await cli(['patrols', 'check', file], env);
    expect(checked.code, checked.err.join('\n')).toBe(0);
    expect(checked.out.at(-1)).toMatch(/^OK: \d+ teams, \d+ members, \d+ checkpoints, \d+ plans; 0 problem/);
    const before = await t.app.db.kysely.selectFrom('patrol_members').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    const imported = await cli(['patrols', 'import', file], env);
    expect(imported.code, imported.err.join('\n')).toBe(0);
    expect(imported.out.at(-1)).toMatch(/^imported \d+ teams, \d+ members, \d+ checkpoints and \d+ plans$/);
    const after = await t.app.db.kysely.selectFrom('patrol_members').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
    // the personal data it wrote is sealed, and reads back through the API
    const sealed = await t.app.db.kysely.selectFrom('personal_records').select('data').where('id', '=', 'member:pt-vt-luorong-m1').executeTakeFirstOrThrow();
    expect(sealed.data.startsWith('sm4$')).toBe(true);
    const m = await t.http.inject({ method: 'GET', url: '/api/patrol-members/pt-vt-luorong-m1', headers: { authorization: await t.login('lz.dispatcher1') } });
    expect(m.json().personal.name).toBe(doc.members.find((x: { id: string }) => x.id === 'pt-vt-luorong-m1').personal.name);
  });

  it('names every problem of a bad file by its place and writes nothing', async () => {
    const file = path.join(tmp, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({
      teams: [{ id: 'x', agencyId: 'vt-luorong', name: '', kind: 'pirates' }, { id: 'x', agencyId: 'nowhere', name: 'y', kind: 'volunteers' }],
      checkpoints: [{ id: 'c', agencyId: 'vt-luorong', name: 'c', place: { lineId: 'xianggui', mileage: 'K9999+000' } }],
      plans: [{ id: 'p', agencyId: 'vt-luorong', name: 'p', checkpointIds: ['c'], days: [8], windows: [{ from: '25:00', to: '08:00' }], teamIds: ['x'], validFrom: '2026-01-01' }],
    }));
    const r = await cli(['patrols', 'import', file], env);
    expect(r.code).toBe(1);
    expect(r.err).toEqual(expect.arrayContaining([expect.stringMatching(/^teams\[0\]\.name \(x\)/), expect.stringMatching(/^teams\[0\]\.kind \(x\)/), expect.stringMatching(/^teams\[1\]\.id \(x\): appears twice/), expect.stringMatching(/^plans\[0\]\.days\[0\] \(p\)/), expect.stringMatching(/^plans\[0\]\.windows\[0\]\.from \(p\)/)]));
    expect(await t.app.db.kysely.selectFrom('patrol_teams').select('id').where('id', '=', 'x').executeTakeFirst()).toBeUndefined();
    const placed = path.join(tmp, 'placed.json');
    fs.writeFileSync(placed, JSON.stringify({ checkpoints: [{ id: 'c', agencyId: 'nowhere', name: 'c', place: { lineId: 'xianggui', mileage: 'K9999+000' } }] }));
    const check = await cli(['patrols', 'check', placed], env);
    expect(check.code).toBe(1);
    expect(check.err).toEqual([expect.stringMatching(/^checkpoints\[0\]\.place\.mileage \(c\): /), 'checkpoints[0].agencyId (c): unknown agency "nowhere"']);
    expect((await cli(['patrols', 'check'], env)).code).toBe(2);
  });
});
