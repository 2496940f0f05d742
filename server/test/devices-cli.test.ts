import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../src/cli/main.js';
import { startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from(['']), env });
  return { code, out, err };
}

/**
 * railjoint devices import / export / simulate against a running platform's database: the import
 * is all or nothing, the export round-trips, and the simulator drives the registered fleet over
 * the embedded broker so that its scenarios show up as alarms, a chattering sensor and a dead device.
 */
describe('railjoint devices', () => {
  let t: TestApp;
  let admin: string;
  let env: NodeJS.ProcessEnv;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-devices-cli-'));
  const api = requests(() => t, () => admin);
  beforeAll(async () => {
    t = await startApp({ engine: 'sqlite', demo: true, devices: { mqttUrl: null, mqttPort: 0, mqttConnections: 1, mqttClientId: 'cli-test', heartbeatS: 60 } });
    admin = await t.login('admin');
    env = { DATABASE_URL: t.databaseUrl };
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports a CSV all or nothing and exports it again', async () => {
    const file = path.join(tmp, 'devices.csv');
    const header = 'id,kind,name,ownerAgencyId,lon,lat,stationId,lineId,from,to,side,bearingDeg,angleDeg,rangeM,streamUrl,snapshotUrl,nvrCamera,heartbeatS,enabled,key';
    fs.writeFileSync(file, [header, 'cli-fs-1,fibre_sensor,CLI 光纤,tm-liuzhou,,,,xianggui,K520+000,K521+000,left,,,,,,,,1,', 'cli-bad,fibre_sensor,坏的,tm-liuzhou,,,,xianggui,K9999+000,K9999+500,left,,,,,,,,1,'].join('\n'));
    const refused = await cli(['devices', 'import', file], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toEqual([expect.stringMatching(/^ERROR {3}row 3 location\.from: /)]);
    expect((await api.get('/api/devices/cli-fs-1')).statusCode).toBe(404);
    fs.writeFileSync(file, [header, 'cli-fs-1,fibre_sensor,CLI 光纤,tm-liuzhou,,,,xianggui,K520+000,K521+000,left,,,,,,,,1,'].join('\n'));
    const ok = await cli(['devices', 'import', file], env);
    expect(ok.code, ok.err.join('\n')).toBe(0);
    expect(ok.out.at(-1)).toBe('imported: 1 new, 0 updated (keys of new devices above, shown once)');
    expect(ok.out[0]).toMatch(/^KEY {5}cli-fs-1 [0-9a-f]{48}$/);
    const geo = path.join(tmp, 'out.geojson');
    expect((await cli(['devices', 'export', geo], env)).code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(geo, 'utf8'));
    expect(doc.features.some((f: { properties: { id: string } }) => f.properties.id === 'cli-fs-1')).toBe(true);
    const again = await cli(['devices', 'import', geo], env);
    expect(again.code).toBe(0);
    expect(again.out.at(-1)).toBe(`imported: 0 new, ${doc.features.length} updated`);
    expect((await cli(['devices', 'import'], env)).code).toBe(2);
    expect((await cli(['devices', 'simulate', '--broker', 'mqtt://127.0.0.1:1', '--rate', 'x', '--for', '1s'], env)).code).toBe(2);
  });

  it('simulates the fleet over MQTT: alarms, a chattering sensor and a device that dies', { timeout: 120_000 }, async () => {
    const broker = `mqtt://127.0.0.1:${t.app.services.defence.mqtt!.port}`;
    const run = await cli(['devices', 'simulate', '--broker', broker, '--rate', '40', '--for', '15s', '--seed', '3'], env);
    expect(run.code, run.err.join('\n')).toBe(0);
    for (const scenario of ['heartbeat', 'intruder', 'chatter', 'dies', 'crew', 'noise']) expect(run.out.at(-1)).toMatch(new RegExp(`[:,] ${scenario} \\d+`));
    await t.app.services.defence.ingest.flush();
    const alarms = (await api.get('/api/alarms?state=all&suppressed=include&limit=1000')).json().alarms as Array<{ chattering: boolean; annotations: Array<{ kind: string }> }>;
    expect(alarms.some((a) => a.chattering)).toBe(true);
    expect(alarms.some((a) => a.annotations.some((n) => n.kind === 'maintenance_window'))).toBe(true);
    const offline = (await api.get('/api/devices?status=offline&limit=1000')).json().devices as Array<{ health: { offlineReason: string } }>;
    expect(offline.some((d) => d.health.offlineReason === 'last_will')).toBe(true);
  });
});
