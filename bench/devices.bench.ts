import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { Aedes } from 'aedes';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import mqtt, { type MqttClient } from 'mqtt';
import { createApp, type App } from '../server/src/app.js';
import { DEFAULT_RECEPTION, type Config } from '../server/src/platform/config.js';
import { SYSTEM_ACTOR } from '../server/src/platform/auth/actor.js';
import { parseDeviceMessage } from '../server/src/modules/devices/payload.js';
import { DeviceInput, formatMileage } from '@railjoint/contracts';
import { fmt, percentile, type BenchRow } from './report.js';

const DEMO_PASSWORD = 'bench-demo-password';

async function benchApp(dir: string, devices: Config['devices'] = { mqttUrl: null, mqttPort: 0, mqttConnections: 1, mqttClientId: 'bench', heartbeatS: 60 }): Promise<App> {
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    database: { engine: 'sqlite', file: path.join(dir, 'bench.db') },
    dataKeyFile: path.join(dir, 'railjoint.keys'),
    auditRetentionDays: 180,
    adminPassword: 'bench-admin-password',
    demo: true,
    natsUrl: null,
    webDist: null,
    sessionTtlS: 3600,
    logLevel: 'silent',
    reception: DEFAULT_RECEPTION,
    mfaRoles: [],
    devices,
  } as Config;
  return createApp(config, { demoPassword: DEMO_PASSWORD });
}

const topic = (id: string) => `railjoint/v1/devices/${id}/event`;

/**
 * Technical defence on the embedded database and broker (in a process of its own, so its memory
 * figure is the server's): durable ingest of device events over MQTT with correlation against a
 * raw batched insert of the same rows; latency from publish to alarm on a live console at 2,000
 * events per second; memory with 100,000 devices in the registry and the ingest cache.
 */
export async function benchDevices(opts: { log: (line: string) => void; events?: number }): Promise<{ rows: BenchRow[] }> {
  const log = opts.log;
  const n = opts.events ?? 20_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-bench-devices-'));
  const app = await benchApp(dir);
  const rows: BenchRow[] = [];
  const clients: MqttClient[] = [];
  try {
    const broker = `mqtt://127.0.0.1:${app.services.defence.mqtt!.port}`;
    const sensors = await registerSensors(app);
    // 1. durable ingest with correlation: every publish is acknowledged only once written; the
    // gateways in a process of their own
    const plan = burst(n);
    const ingestCpu = process.cpuUsage();
    const ingestS = await publishInChild({ ...plan, broker });
    const ingestCpuS = cpuSecondsSince(ingestCpu);
    const written = await app.db.kysely.selectFrom('device_events').selectAll().where('device_id', 'like', 'bench-fs-%').execute();
    if (written.length !== n) throw new Error(`ingest wrote ${written.length} of ${n} events`);
    let t = performance.now();
    for (let i = 0; i < written.length; i += 500) {
      await app.db.kysely.transaction().execute(async (trx) => {
        const batch = written.slice(i, i + 500).map(({ id: _id, ...r }) => ({ ...r, dedupe: `raw:${crypto.randomUUID()}` }));
        for (let j = 0; j < batch.length; j += 100) await trx.insertInto('device_events').values(batch.slice(j, j + 100)).execute();
      });
    }
    const rawS = (performance.now() - t) / 1000;
    const alarmCount = Number((await app.db.kysely.selectFrom('alarms').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    // the floor MQTT itself sets: the same publishers against a bare broker that acknowledges at once
    const floor = await brokerAlone(plan);
    const floorS = floor.seconds;
    // what every message needs before anything is written: its payload parsed and validated
    const payloads = written.map((r, k) => Buffer.from(JSON.stringify({ type: r.type, at: r.at, seq: k + 1, positionM: r.position_m, confidence: r.confidence })));
    t = performance.now();
    for (const p of payloads) if (!parseDeviceMessage('event', p, Date.now()).ok) throw new Error('a bench payload was refused');
    const validateS = (performance.now() - t) / 1000;
    rows.push({
      name: `durable ingest over MQTT with correlation (${fmt(n)} events, 400 sensors, 50 gateways with 20 in flight each in another process, QoS 1 acknowledged after the write)`,
      value: `${fmt(n / ingestS)}/s vs ${fmt(n / rawS)}/s raw batched inserts of the same rows: ${fmt(ingestS / rawS, 1)}× the cost (${fmt(alarmCount)} alarms); the broker alone, acknowledging without writing: ${fmt(n / floorS)}/s (${fmt(floorS / rawS, 1)}× the raw inserts), so ingest costs ${fmt(ingestS / floorS, 1)}× what MQTT itself does; the server is one thread beside the publishers' process, so no ingest can take less than the broker's CPU alone (${fmt(floor.cpuS, 2)} s for the burst), validating the payloads (${fmt(validateS, 2)} s) and the raw inserts (${fmt(rawS, 2)} s): ${fmt((floor.cpuS + validateS + rawS) / rawS, 1)}× the raw inserts before any alarm work; during ingest the server used ${fmt((100 * ingestCpuS) / ingestS)}% of a core (its helper threads included)`,
    });
    log(`devices: ${rows.at(-1)!.value}`);

    for (let i = 0; i < 50; i++) clients.push(await mqtt.connectAsync(broker, { clientId: `bench-gw-${i}`, clean: true }));
    // device seqs go on from where the publishers' process stopped: a seq seen before is refused
    let seq = n + 1;
    const event = (deviceId: string, type: string, positionM: number) => JSON.stringify({ type, at: new Date().toISOString(), seq: ++seq, positionM, confidence: 0.8 });

    // 2. publish → alarm on a live console, under 2,000 events/s of load
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const address = app.http.server.address();
    const signedIn = await app.services.users.login('lz.dispatcher1', DEMO_PASSWORD);
    if (!('token' in signedIn)) throw new Error('the dispatcher was asked for a second factor');
    const ws = await new Promise<WebSocket>((resolve, reject) => {
      const s = new WebSocket(`ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/live?token=${signedIn.token}`);
      s.on('message', (d) => JSON.parse(String(d)).type === 'ready' && resolve(s));
      s.on('error', reject);
    });
    const published = new Map<string, number>();
    const latencies: number[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as { type: string; event?: { type: string; payload?: { deviceId?: string } } };
      const id = m.event?.payload?.deviceId;
      if (m.type === 'event' && m.event!.type === 'alarm.raised' && id && published.has(id)) {
        latencies.push(performance.now() - published.get(id)!);
        published.delete(id);
      }
    });
    const seconds = 10;
    const rate = 2000;
    const started = performance.now();
    let sent = 0;
    let probes = 0;
    const pending: Array<Promise<unknown>> = [];
    while (performance.now() - started < seconds * 1000) {
      const due = Math.floor(((performance.now() - started) / 1000) * rate);
      for (; sent < due; sent++) {
        const c = clients[sent % clients.length]!;
        // every hundredth event raises a new alarm (a tamper on a sensor not yet tampered): the probe
        if (sent % 100 === 0 && probes < sensors.length) {
          const id = `bench-fs-${probes++}`;
          published.set(id, performance.now());
          pending.push(c.publishAsync(topic(id), event(id, 'tamper', 0), { qos: 1 }));
        } else {
          const s = sent % sensors.length;
          pending.push(c.publishAsync(topic(`bench-fs-${s}`), event(`bench-fs-${s}`, 'intrusion', (sent * 3) % 1000), { qos: 1 }));
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(pending);
    const achieved = sent / ((performance.now() - started) / 1000);
    const end = Date.now() + 10_000;
    while (published.size && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    ws.close();
    latencies.sort((a, b) => a - b);
    rows.push({ name: `publish → alarm on a live console (${probes} new alarms among ${fmt(sent)} events at ${fmt(rate)}/s offered)`, value: `p50 ${fmt(percentile(latencies, 0.5), 1)} ms, p99 ${fmt(percentile(latencies, 0.99), 1)} ms; ${fmt(achieved)} events/s achieved, ${latencies.length}/${probes} alarms seen` });
    log(`devices: ${rows.at(-1)!.value}`);
    for (const c of clients) await c.endAsync();
    clients.length = 0;

    // 3. memory: 100,000 devices in the registry, and in the ingest cache every message looks up
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const baseHeap = process.memoryUsage().heapUsed;
    const at = new Date().toISOString();
    for (let i = 0; i < 100_000; i += 1000) {
      await app.db.kysely.transaction().execute(async (trx) => {
        const batch = Array.from({ length: 1000 }, (_, k) => {
          const id = `mem-${i + k}`;
          return { id, kind: 'fence_sensor', name: `围栏 ${i + k}`, owner_agency_id: 'tm-liuzhou', location: '{"lon":109.4,"lat":24.3}', lon: 109.4 + (k % 100) * 0.001, lat: 24.3 + Math.floor(k / 100) * 0.001, line_id: 'xianggui', from_m: k * 10, to_m: k * 10 + 500, from_mileage: null, to_mileage: null, fov: null, stream_url: null, snapshot_url: null, nvr_camera: null, heartbeat_s: null, key: crypto.randomBytes(24).toString('hex'), enabled: 1, created_at: at, updated_at: at };
        });
        for (let j = 0; j < batch.length; j += 100) await trx.insertInto('devices').values(batch.slice(j, j + 100)).execute();
        for (let j = 0; j < batch.length; j += 200) await trx.insertInto('device_agencies').values(batch.slice(j, j + 200).map((d) => ({ device_id: d.id, agency_id: 'tm-liuzhou', relation: 'owner' as const }))).execute();
      });
    }
    const cache = new (app.services.defence.devices.cache.constructor as new (db: typeof app.db.kysely) => typeof app.services.defence.devices.cache)(app.db.kysely);
    await cache.get('mem-99999');
    gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    rows.push({ name: 'server memory with 100,000 devices in the ingest cache', value: `RSS ${fmt(rss / 1024 / 1024)} MB (the demo with 634 devices and the benches above included); the cache of ${fmt(cache.size())} devices takes ${fmt((heapUsed - baseHeap) / 1024 / 1024)} MB of heap` });
    log(`devices: ${rows.at(-1)!.value}`);
  } finally {
    for (const c of clients) await c.endAsync().catch(() => {});
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rows };
}

/** enough places along the demo's lines for groups to form and grow */
const SENSORS = 400;

/** Fibre sensors of 1 km along the demo's lines, registered through the device service. */
async function registerSensors(app: App): Promise<DeviceInput[]> {
  const lines = app.services.network.current().lines();
  const sensors = Array.from({ length: SENSORS }, (_, i) => {
    const line = lines[i % lines.length]!;
    const km = Math.floor(i / lines.length) * 3;
    const start = line.ref.measureToMileage(Math.min(line.ref.lengthM - 2000, 1000 + km * 1000));
    const end = line.ref.measureToMileage(Math.min(line.ref.lengthM - 1000, 2000 + km * 1000));
    const mileage = (p: { prefix: string; metres: number }) => formatMileage(Math.round(p.metres), p.prefix, 0);
    return DeviceInput.parse({ id: `bench-fs-${i}`, kind: 'fibre_sensor', name: `压测光纤 ${i}`, ownerAgencyId: 'tm-liuzhou', location: { lineId: line.id, from: mileage(start), to: mileage(end) } });
  });
  const imported = await app.services.defence.devices.importRows(SYSTEM_ACTOR, sensors.map((input, i) => ({ row: i, input })));
  if (imported.errors.length) throw new Error(`bench devices: ${JSON.stringify(imported.errors.slice(0, 2))}`);
  return sensors;
}

/**
 * The same burst through a broker in front of the platform (this machine's Mosquitto, as it is
 * configured), with the platform subscribing over `connections` connections. The broker
 * acknowledges the devices itself, so the rate is the platform's writing, timed to the last row;
 * what never arrives is what the broker dropped. Skipped when no broker answers.
 */
export async function benchThroughBroker(opts: { log: (line: string) => void; events?: number; url?: string; connections: number[] }): Promise<{ rows: BenchRow[] }> {
  const url = opts.url ?? process.env.BENCH_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
  const n = opts.events ?? 20_000;
  const rows: BenchRow[] = [];
  const probe = await mqtt.connectAsync(url, { connectTimeout: 2000, reconnectPeriod: 0 }).catch(() => null);
  if (!probe) return { rows: [{ name: `durable ingest through an external broker (${url})`, value: 'skipped: no broker answered' }] };
  await probe.endAsync();
  for (const connections of opts.connections) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-bench-broker-'));
    const run = `bench-${process.pid}-${connections}-${Date.now()}`;
    const app = await benchApp(dir, { mqttUrl: url, mqttPort: null, mqttConnections: connections, mqttClientId: run, mqttGroup: run, mqttClean: true, heartbeatS: 60 });
    try {
      await registerSensors(app);
      const count = async () => Number((await app.db.kysely.selectFrom('device_events').select((eb) => eb.fn.countAll().as('n')).where('device_id', 'like', 'bench-fs-%').executeTakeFirst())?.n ?? 0);
      const started = performance.now();
      await publishInChild({ ...burst(n), broker: url });
      // written to the last row: wait until all are in, or nothing more has come for 3 s
      let written = await count();
      let lastAt = performance.now();
      while (written < n && performance.now() - lastAt < 3000) {
        await new Promise((r) => setTimeout(r, 100));
        const now = await count();
        if (now !== written) lastAt = performance.now();
        written = now;
      }
      const seconds = (lastAt - started) / 1000;
      rows.push({ name: `durable ingest through ${url} (the same ${fmt(n)}-event burst; the platform subscribing over ${connections} connections)`, value: `${fmt(written)} of ${fmt(n)} events written, ${fmt(written / seconds)}/s to the last; ${n - written ? `${fmt(n - written)} dropped by the broker after acknowledging them to the devices (Mosquitto keeps max_queued_messages per connection, 1,000 by default)` : 'none lost'}` });
      opts.log(`devices, broker: ${rows.at(-1)!.value}`);
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return { rows };
}

type PublishPlan = { events: number; sensors: number; gateways: number; inflight: number; prefix: string };

/**
 * The burst both benches send to the sensors registerSensors makes: fifty gateways, as a section's
 * field network would connect, each keeping up to 20 messages unacknowledged (an inflight window).
 */
const burst = (events: number): PublishPlan => ({ events, sensors: SENSORS, gateways: 50, inflight: 20, prefix: 'bench-fs-' });

/** Runs the publishers (bench/device-publishers.ts) in a child process; the seconds they took to have every event acknowledged. */
async function publishInChild(plan: PublishPlan & { broker: string }): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./device-publishers.ts', import.meta.url)), JSON.stringify(plan)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let waiting: (() => void) | null = null;
  let buffered = '';
  child.stdout.on('data', (d: Buffer) => {
    buffered += String(d);
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    lines.push(...parts.filter(Boolean));
    waiting?.();
  });
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  const next = async () => {
    while (!lines.length) {
      const code = await Promise.race([new Promise<null>((r) => (waiting = () => r(null))), exited]);
      if (code !== null && !lines.length) throw new Error(`the publishers exited with ${code}`);
    }
    return lines.shift()!;
  };
  if ((await next()) !== 'ready') throw new Error('the publishers did not connect');
  child.stdin.write('go\n');
  const { seconds } = JSON.parse(await next()) as { seconds: number };
  await exited;
  return seconds;
}

/** This process's CPU time since `from` (user and system), in seconds. */
function cpuSecondsSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

/**
 * The same publishers against an embedded broker that acknowledges every publish at once, writing
 * nothing: how long the burst takes, and the CPU this process spent on it (the publishers may be
 * what limits the rate, so the CPU, not the time, is the broker's share of a core).
 */
async function brokerAlone(plan: PublishPlan): Promise<{ seconds: number; cpuS: number }> {
  const broker = await Aedes.createBroker();
  const server = net.createServer(broker.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  try {
    const cpu = process.cpuUsage();
    const seconds = await publishInChild({ ...plan, broker: `mqtt://127.0.0.1:${port}` });
    return { seconds, cpuS: cpuSecondsSince(cpu) };
  } finally {
    await new Promise<void>((r) => broker.close(() => r()));
    await new Promise<void>((r) => server.close(() => r()));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const events = process.env.RAILJOINT_BENCH_DEVICE_EVENTS ? Number(process.env.RAILJOINT_BENCH_DEVICE_EVENTS) : undefined;
  const log = (l: string) => console.error(l);
  const embedded = await benchDevices({ log, events });
  // after the memory figure, which is this process's: the broker runs start apps of their own
  const viaBroker = await benchThroughBroker({ log, events, connections: [8, 64] });
  console.log(JSON.stringify({ rows: [...embedded.rows, ...viaBroker.rows] }, null, 2));
}
