import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createApp, type App } from '../server/src/app.js';
import { DEFAULT_RECEPTION, type Config } from '../server/src/platform/config.js';
import { SYSTEM_ACTOR } from '../server/src/platform/auth/actor.js';
import { fmt, percentile, type BenchRow } from './report.js';

const DEMO_PASSWORD = 'bench-demo-password';

async function demoApp(dir: string): Promise<App> {
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    database: { engine: 'sqlite', file: path.join(dir, 'bench.db') },
    adminPassword: 'bench-admin-password',
    demo: true,
    natsUrl: null,
    webDist: null,
    sessionTtlS: 3600,
    logLevel: 'silent',
    reception: DEFAULT_RECEPTION,
    // the bench signs in a dispatcher only, whose role needs no second factor anyway
    mfaRoles: [],
    dataKeyFile: path.join(dir, 'railjoint.keys'),
    auditRetentionDays: 180,
  };
  return createApp(config, { demoPassword: DEMO_PASSWORD });
}

const REPORT = { category: 'stone_throwing', channel: 'hotline' as const, location: { lon: 109.5125, lat: 24.367 }, description: '旅客报称列车车窗被石块击中' };

/**
 * Reception on the embedded database: incidents created through the service (locate, resolve,
 * prioritise, duplicates, timeline, outbox, all in one durable transaction) against raw inserts of
 * the same rows; push latency to 200 live consoles against one; and the server's memory with the
 * demo department, 10,000 units and 100,000 incidents.
 */
export async function benchReception(opts: { log: (line: string) => void; incidents?: number; consoles?: number }): Promise<{ rows: BenchRow[] }> {
  const log = opts.log;
  const n = opts.incidents ?? 1000;
  const nConsoles = opts.consoles ?? 200;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-bench-'));
  const app = await demoApp(dir);
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  const rows: BenchRow[] = [];
  try {
    const signedIn = await app.services.users.login('lz.dispatcher1', DEMO_PASSWORD);
    if (!('token' in signedIn)) throw new Error('the dispatcher was asked for a second factor');
    const dispatcher = signedIn.token;
    const actor = (await app.services.users.actorForToken(dispatcher))!;

    // 1. creation throughput: the service against raw inserts of what it wrote. Reports are spread
    // over the department's km posts (every 7th), categories in turn, as a busy day would bring them.
    const posts = app.services.network.current().toGeoJSON().features.flatMap((f) => (f.properties.kind === 'line' ? f.properties.kmPosts.map((p) => p.coordinates) : []));
    const categories = app.services.organisation.categories().map((c) => c.id);
    let t = performance.now();
    for (let i = 0; i < n; i++) {
      const [lon, lat] = posts[(i * 7) % posts.length]!;
      await app.services.incidents.create(actor, { ...REPORT, category: categories[i % categories.length]!, location: { lon: lon + 0.0002, lat }, description: `${REPORT.description} #${i}` }, 'bench');
    }
    const serviceS = (performance.now() - t) / 1000;
    await app.outbox.flush();
    const written = await app.db.kysely.selectFrom('incidents').selectAll().limit(n).execute();
    const agencies = await app.db.kysely.selectFrom('incident_agencies').selectAll().execute();
    const timeline = await app.db.kysely.selectFrom('incident_timeline').selectAll().execute();
    t = performance.now();
    for (const row of written) {
      const id = crypto.randomUUID();
      await app.db.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('incidents').values({ ...row, id, code: `RAW-${id}`, external_ref: null }).execute();
        const parts = agencies.filter((a) => a.incident_id === row.id).map((a) => ({ ...a, incident_id: id }));
        if (parts.length) await trx.insertInto('incident_agencies').values(parts).execute();
        const entry = timeline.find((e) => e.incident_id === row.id)!;
        const { id: _serial, ...rest } = entry;
        await trx.insertInto('incident_timeline').values({ ...rest, incident_id: id }).execute();
      });
    }
    const rawS = (performance.now() - t) / 1000;
    rows.push({ name: `incident creation on SQLite (${fmt(n)} reports, each its own durable transaction)`, value: `${fmt(n / serviceS)}/s through the service vs ${fmt(n / rawS)}/s raw inserts of the same rows: ${fmt(serviceS / rawS, 1)}× the cost` });
    log(`reception: ${rows.at(-1)!.value}`);

    // 2. push latency: time from commit to each console's receipt, 1 console vs many
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const address = app.http.server.address();
    const url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/live?token=${dispatcher}`;
    const measure = async (consoles: number, events: number): Promise<number[]> => {
      const sockets = await Promise.all(
        Array.from({ length: consoles }, () => new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(url);
          ws.on('message', (d) => {
            if (JSON.parse(String(d)).type === 'ready') resolve(ws);
          });
          ws.on('error', reject);
        })),
      );
      const latencies: number[] = [];
      for (let e = 0; e < events; e++) {
        let pending = consoles;
        const done = new Promise<void>((resolve) => {
          const started = performance.now();
          for (const ws of sockets) {
            const on = (d: WebSocket.RawData) => {
              if (JSON.parse(String(d)).type !== 'event') return;
              ws.off('message', on);
              latencies.push(performance.now() - started);
              if (--pending === 0) resolve();
            };
            ws.on('message', on);
          }
        });
        await app.services.incidents.create(actor, REPORT, 'bench');
        await done;
      }
      for (const ws of sockets) ws.close();
      return latencies.sort((a, b) => a - b);
    };
    const one = await measure(1, 50);
    const many = await measure(nConsoles, 50);
    rows.push({
      name: `push latency, commit → console (50 incidents)`,
      value: `${nConsoles} consoles: p50 ${fmt(percentile(many, 0.5), 1)} ms, p99 ${fmt(percentile(many, 0.99), 1)} ms; 1 console: p50 ${fmt(percentile(one, 0.5), 1)} ms, p99 ${fmt(percentile(one, 0.99), 1)} ms`,
    });
    log(`reception: ${rows.at(-1)!.value}`);
    await app.http.close();

    // 3. memory with 10,000 units and 100,000 incidents (base: measured right after start)
    const gc = (globalThis as { gc?: () => void }).gc;
    const units = Array.from({ length: 10_000 }, (_, i) => ({
      id: `bench-u${i}`,
      agencyId: 'lz-ps-liuzhou',
      name: `单元${i}`,
      kind: 'patrol_car' as const,
      capabilities: [],
      crew: 2,
      position: [108.5 + (i % 100) * 0.02, 23.5 + Math.floor(i / 100) * 0.02] as [number, number],
    }));
    await app.services.units.createMany(SYSTEM_ACTOR, units);
    const template = written[0]!;
    for (let i = 0; i < 100_000; i += 1000) {
      const batch = Array.from({ length: 1000 }, (_, k) => ({ ...template, id: crypto.randomUUID(), code: `MEM-${i + k}`, external_ref: null }));
      await app.db.kysely.transaction().execute(async (trx) => {
        for (let j = 0; j < batch.length; j += 50) await trx.insertInto('incidents').values(batch.slice(j, j + 50)).execute();
      });
    }
    // the work a console does at start: the open queue, then 100 pages of the history
    await app.services.incidents.list(actor, { status: ['received'], limit: 500 });
    let cursor: { receivedAt: string; id: string } | undefined;
    for (let p = 0; p < 100; p++) {
      const page = await app.services.incidents.store.list({ limit: 500, before: cursor });
      const last = page.at(-1);
      if (!last) break;
      cursor = { receivedAt: last.received_at, id: last.id };
    }
    gc?.();
    const rss = process.memoryUsage().rss;
    rows.push({ name: 'server memory (RSS): demo + 10,000 units + 100,000 incidents', value: `${fmt(rss / 1024 / 1024)} MB (the demo department alone, after start: ${fmt(base / 1024 / 1024)} MB; aim < 500 MB)` });
    log(`reception: ${rows.at(-1)!.value}`);
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchReception({ log: (l) => console.error(l) }), null, 2));
}
