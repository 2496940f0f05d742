import fs from 'node:fs';
import mqtt from 'mqtt';
import { parse, UsageError, type Io } from './args.js';
import { cliActor, openCliDatabase } from './context.js';
import { Progress, step } from './progress.js';
import type { Db } from '../platform/db/database.js';
import type { OutboxRelay } from '../platform/bus/outbox.js';
import { now } from '../platform/clock.js';
import { NetworkService } from '../modules/network/service.js';
import { OrganisationService } from '../modules/organisation/service.js';
import { TrainService } from '../modules/trains/service.js';
import { DeviceService } from '../modules/devices/service.js';
import { MaintenanceService } from '../modules/maintenance/service.js';
import { devicesToCsv, devicesToGeoJson, parseDevicesCsv, parseDevicesGeoJson } from '../modules/devices/formats.js';
import { parseDuration, payloadOf, planRun, type SimDevice } from '../modules/devices/simulator.js';
import { TOPIC_PREFIX } from '../modules/devices/payload.js';

const USAGE = 'railjoint devices import FILE [--format csv|geojson] | export [FILE] [--format csv|geojson] | simulate --broker URL --rate N --for DURATION [--seed N]';

/**
 * The CLI writes to the database only: the outbox rows it leaves are published by a running
 * server's relay, never marked published here where no console could hear them.
 */
const NO_RELAY = { kick() {} } as unknown as OutboxRelay;

async function openServices(db: Db) {
  const network = await NetworkService.open(db);
  const org = await OrganisationService.open(db, network);
  return { network, org, devices: new DeviceService(db, network, org, NO_RELAY, 60) };
}

export async function devicesCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'import') return importDevices(rest, io);
  if (sub === 'export') return exportDevices(rest, io);
  if (sub === 'simulate') return simulate(rest, io);
  throw new UsageError(`usage: ${USAGE}`);
}

function formatOf(file: string, given: unknown): 'csv' | 'geojson' {
  if (given !== undefined && given !== 'csv' && given !== 'geojson') throw new UsageError('--format is csv or geojson');
  return (given as 'csv' | 'geojson' | undefined) ?? (/\.(geo)?json$/i.test(file) ? 'geojson' : 'csv');
}

async function importDevices(argv: string[], io: Io): Promise<number> {
  const { positionals, values } = parse(argv, { format: { type: 'string' } }, { min: 1, max: 1, usage: 'railjoint devices import FILE [--format csv|geojson]' });
  const file = positionals[0]!;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let parsed;
  if (formatOf(file, values.format) === 'csv') parsed = parseDevicesCsv(text);
  else {
    try {
      parsed = parseDevicesGeoJson(JSON.parse(text.replace(/^\uFEFF/, '')));
    } catch (e) {
      throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
  }
  step(`placing ${parsed.rows.length} device(s) from ${file} on the network…`);
  const db = await openCliDatabase(io.env);
  try {
    const { devices } = await openServices(db);
    let bar: Progress | null = null;
    const result = await devices.importRows(cliActor(), parsed.rows, (done, total) => (bar ??= new Progress('devices', total)).update(done), parsed.errors);
    (bar as Progress | null)?.done();
    for (const e of result.errors) io.out(`ERROR   row ${e.row}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
    if (result.errors.length) {
      io.err(`${result.errors.length} problem(s); nothing was imported`);
      return 1;
    }
    for (const k of result.keys) io.out(`KEY     ${k.id} ${k.key}`);
    io.out(`imported: ${result.created} new, ${result.updated} updated${result.keys.length ? ` (keys of new devices above, shown once)` : ''}`);
    return 0;
  } finally {
    await db.close();
  }
}

async function exportDevices(argv: string[], io: Io): Promise<number> {
  const { positionals, values } = parse(argv, { format: { type: 'string' } }, { min: 0, max: 1, usage: 'railjoint devices export [FILE] [--format csv|geojson]' });
  const file = positionals[0];
  const db = await openCliDatabase(io.env);
  try {
    const { devices } = await openServices(db);
    const all = await devices.all(cliActor());
    const text = formatOf(file ?? '', values.format) === 'csv' ? devicesToCsv(all) : JSON.stringify(devicesToGeoJson(all), null, 2);
    if (file) {
      fs.writeFileSync(file, text);
      step(`wrote ${all.length} device(s) to ${file}`);
    } else io.out(text.trimEnd());
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * Drives the fleet in the database over MQTT as the devices themselves would: each message at
 * its moment, QoS 1, sequence numbers that grow across runs. Train passes come from the
 * timetable; the crew works inside a maintenance window (one is declared for the run if none is open).
 */
async function simulate(argv: string[], io: Io): Promise<number> {
  const usage = 'railjoint devices simulate --broker URL --rate N --for DURATION [--seed N]';
  const { values } = parse(argv, { broker: { type: 'string' }, rate: { type: 'string' }, for: { type: 'string' }, seed: { type: 'string' } }, { min: 0, max: 0, usage });
  if (!values.broker || !/^(mqtts?|tcp|wss?):\/\//.test(String(values.broker))) throw new UsageError(`--broker is an MQTT URL such as mqtt://127.0.0.1:1883 (usage: ${usage})`);
  const rate = Number(values.rate);
  if (!Number.isFinite(rate) || rate <= 0 || rate > 100_000) throw new UsageError(`--rate is messages per second, 1–100000 (usage: ${usage})`);
  const forMs = parseDuration(String(values.for ?? ''));
  if (forMs === null) throw new UsageError(`--for is a duration such as 90s, 15m or 2h (usage: ${usage})`);
  const seed = values.seed === undefined ? 11 : Number(values.seed);
  const db = await openCliDatabase(io.env);
  let client: mqtt.MqttClient | null = null;
  try {
    const { network, org, devices } = await openServices(db);
    const fleet = await devices.all(cliActor());
    if (!fleet.length) {
      io.err('railjoint: no devices registered; import some first (railjoint devices import FILE)');
      return 1;
    }
    const sim: SimDevice[] = fleet.filter((d) => d.enabled).map((d) => ({ id: d.id, kind: d.kind, lengthM: d.placement.fromMeasureM !== null && d.placement.toMeasureM !== null && d.kind !== 'camera' ? Math.abs(d.placement.toMeasureM - d.placement.fromMeasureM) : 0, heartbeatS: d.heartbeatS }));
    const start = now();
    const trains = await TrainService.open(db, network, org);
    const trainPasses = [];
    for (const d of fleet.filter((x) => (x.kind === 'fibre_sensor' || x.kind === 'fence_sensor') && x.placement.lineId).slice(0, 20)) {
      const from = d.placement.fromMeasureM!;
      const passes = await trains.passing(d.placement.lineId!, from, start, forMs / 1000, 0);
      for (const p of passes.slice(0, 3)) trainPasses.push({ deviceId: d.id, atMs: p.atMs - start, positionM: 0 });
    }
    const linear = fleet.find((d) => d.kind === 'fibre_sensor' && d.placement.lineId && d.placement.fromMeasureM !== null);
    let crew = null;
    if (linear) {
      const windows = new MaintenanceService(db, network, org, NO_RELAY);
      const owner = linear.ownerAgencyId;
      const l = linear.location as { lineId?: string; from?: string; to?: string };
      if (l.lineId && l.from && l.to) {
        await windows.create(cliActor(), { lineId: l.lineId, from: l.from, to: l.to, start: new Date(start).toISOString(), end: new Date(start + Math.min(forMs, 23 * 3600_000)).toISOString(), crew: '模拟作业组（railjoint devices simulate）', agencyId: owner });
        crew = { deviceId: linear.id, fromM: 100, toM: Math.min(500, sim.find((s) => s.id === linear.id)!.lengthM) };
      }
    }
    const run = planRun(sim, { forMs, rate, seed, trainPasses, crew });
    step(`simulating ${sim.length} device(s): ${run.length} messages over ${forMs / 1000} s to ${values.broker} (${trainPasses.length} train passes from the timetable)`);
    client = await mqtt.connectAsync(String(values.broker), { clientId: `railjoint-sim-${process.pid}`, clean: true });
    const seq = new Map<string, number>();
    const bar = new Progress('messages', run.length);
    let sent = 0;
    let inFlight = 0;
    const started = Date.now();
    for (const m of run) {
      const wait = m.atMs - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // at most a few thousand unacknowledged: a slow broker slows the run rather than piling up
      while (inFlight > 2000) await new Promise((r) => setTimeout(r, 5));
      const n = (seq.get(m.deviceId) ?? start * 1000) + 1;
      seq.set(m.deviceId, n);
      inFlight++;
      client
        .publishAsync(`${TOPIC_PREFIX}${m.deviceId}/${m.channel}`, payloadOf(m, start, n), { qos: 1 })
        .catch((e: unknown) => io.err(`publish failed: ${(e as Error).message}`))
        .finally(() => {
          inFlight--;
          bar.update(++sent);
        });
    }
    while (inFlight > 0) await new Promise((r) => setTimeout(r, 10));
    bar.done();
    const counts = run.reduce<Record<string, number>>((c, m) => ({ ...c, [m.scenario]: (c[m.scenario] ?? 0) + 1 }), {});
    io.out(`sent ${sent} messages: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    return 0;
  } finally {
    await client?.endAsync();
    await db.close();
  }
}
