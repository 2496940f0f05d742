import crypto from 'node:crypto';
import { PostgresAdapter, sql, type Insertable } from 'kysely';
import type { AlarmRule, DeviceEventType, RefusalReason } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import { now } from '../../platform/clock.js';
import type { DeviceCache, DeviceView } from './registry.js';
import { measureOf } from './registry.js';
import { parseDeviceMessage, parseFrigate, parseTopic, type Channel, type Refusal } from './payload.js';
import type { RefusalCounter } from './refusals.js';
import type { AlarmEngine, AlarmInput } from '../alarms/engine.js';
import type { DeviceEventsTable } from './tables.js';
import { vibrationAlarm, windowsCovering, type WindowView } from '../alarms/context.js';
import type { HealthTracker } from './health-service.js';

export type Verdict = { ok: true } | { ok: false; reason: RefusalReason };
export type Source = 'mqtt' | 'http' | 'frigate';

/** A message that passed every check that needs no database, with its context. */
interface Prepared {
  device: DeviceView;
  source: Source;
  receivedAt: string;
  /** null for heartbeats and states: they change health only */
  event: null | {
    dedupe: string;
    condition: DeviceEventType;
    atMs: number;
    clear: boolean;
    positionM: number | null;
    confidence: number | null;
    data: string | null;
    measureM: number | null;
    train: { train: string; atMs: number } | null;
    windows: WindowView[];
  };
  health: 'event' | 'heartbeat' | 'online' | 'offline';
  atMs: number;
}

/** What ingest asks of other modules before its transaction: trains at a place, windows, rules. */
export interface IngestContext {
  trainsAt(lineId: string, measureM: number, atMs: number): Promise<Array<{ train: string; atMs: number }>>;
  windows(): Promise<readonly WindowView[]>;
  rules(): Promise<readonly AlarmRule[]>;
}

const ALARM_LOCK = 730_110;
const BATCH = 500;
const GATHER_MS = 3;

/**
 * Device messages in: validated, counted when refused, and written durably before the caller
 * acknowledges them (MQTT PUBACK, HTTP 2xx). Messages arriving together are written in one
 * transaction (group commit): each waits for the commit of its batch, so the fsync is shared and
 * durability costs little per message. Alarm work happens in the same transaction, so an
 * acknowledged event has its alarm.
 */
export class Ingest {
  private queue: Array<{ p: Prepared; resolve: (v: Verdict) => void }> = [];
  private flushing: Promise<void> | null = null;
  /** messages being checked (their context looked up) that will join the queue in a moment */
  private preparing = 0;
  /** callers submitting several messages that belong in one batch (an HTTP batch): the batch waits for them */
  private holding = 0;
  private readonly afterCommit: Array<() => void> = [];
  /** wakes the batch gathering early: the batch is full, or an HTTP batch being held is all in */
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly devices: DeviceCache,
    private readonly engine: AlarmEngine,
    private readonly health: HealthTracker,
    private readonly context: IngestContext,
    private readonly refusals: RefusalCounter,
    private readonly log: (e: unknown, msg: string) => void,
  ) {}

  /** Work to start once a batch has committed (outbox relay, escalator). */
  onCommit(f: () => void): void {
    this.afterCommit.push(f);
  }

  private refuse(r: Refusal | { reason: RefusalReason; detail: string }): Verdict {
    this.refusals.count(r.reason);
    return { ok: false, reason: r.reason };
  }

  /**
   * Several messages submitted in order by `submit` go into one batch (up to its size): the queue
   * waits until they are all checked and queued. An HTTP batch is one transaction this way.
   */
  async together<T>(submit: () => Promise<T>): Promise<T> {
    this.holding++;
    try {
      return await submit();
    } finally {
      if (--this.holding === 0) this.gathered();
    }
  }

  /** A message on an MQTT topic (devices' own topics and Frigate's); resolves once written or refused. */
  async fromTopic(topic: string, payload: Buffer | string, source: Source = 'mqtt'): Promise<Verdict> {
    return (await this.submitTopic(topic, payload, source)).done;
  }

  /**
   * The same in two steps: the answer comes once the message is checked and queued, `done` once it
   * is written. A caller with several messages of one device submits them in order and waits for
   * all, so their order survives (a clear after its intrusion) and they share one commit.
   */
  async submitTopic(topic: string, payload: Buffer | string, source: Source = 'mqtt'): Promise<{ done: Promise<Verdict> }> {
    const where = parseTopic(topic);
    if (!where) return this.refused({ reason: 'bad_topic', detail: topic.slice(0, 100) });
    if ('frigate' in where) return this.queued(await this.preparingWhile(() => this.prepareFrigate(payload)));
    return this.queued(await this.preparingWhile(() => this.prepareDevice(where.deviceId, where.channel, payload, source)));
  }

  /** A gateway's message over HTTP, signed with the device's key (HMAC-SHA256 of the payload). */
  async submitSigned(deviceId: string, channel: Channel, payload: string, signature: string): Promise<{ done: Promise<Verdict> }> {
    const device = await this.devices.get(deviceId);
    if (!device) return this.refused({ reason: 'unknown_device', detail: deviceId });
    const want = crypto.createHmac('sha256', device.key).update(payload, 'utf8').digest();
    const got = Buffer.from(signature, 'hex');
    if (got.length !== want.length || !crypto.timingSafeEqual(got, want)) return this.refused({ reason: 'bad_signature', detail: deviceId });
    return this.queued(await this.preparingWhile(() => this.prepareDevice(deviceId, channel, payload, 'http')));
  }

  private refused(r: { reason: RefusalReason; detail: string }): { done: Promise<Verdict> } {
    return { done: Promise.resolve(this.refuse(r)) };
  }

  /** Counts a message as on its way to the queue while it is checked, so a batch can wait for it. */
  private async preparingWhile<T>(work: () => Promise<T>): Promise<T> {
    this.preparing++;
    try {
      return await work();
    } finally {
      this.preparing--;
    }
  }

  private queued(p: Prepared | Verdict): { done: Promise<Verdict> } {
    return { done: 'ok' in p ? Promise.resolve(p) : this.enqueue(p) };
  }

  private async prepareDevice(deviceId: string, channel: Channel, payload: Buffer | string, source: Source): Promise<Prepared | Verdict> {
    const nowMs = now();
    const parsed = parseDeviceMessage(channel, payload, nowMs);
    if (!parsed.ok) return this.refuse(parsed);
    const device = await this.devices.get(deviceId);
    if (!device) return this.refuse({ reason: 'unknown_device', detail: deviceId });
    if (!device.enabled) return this.refuse({ reason: 'disabled_device', detail: deviceId });
    const receivedAt = new Date(nowMs).toISOString();
    if (parsed.kind === 'heartbeat') return { device, source, receivedAt, event: null, health: 'heartbeat', atMs: parsed.atMs };
    if (parsed.kind === 'state') return { device, source, receivedAt, event: null, health: parsed.state, atMs: parsed.atMs ?? nowMs };
    const e = parsed.event;
    const atMs = Date.parse(e.at);
    return {
      device,
      source,
      receivedAt,
      health: 'event',
      atMs,
      event: await this.withContext(device, { dedupe: `seq:${e.seq}`, condition: e.type, atMs, clear: e.clear === true, positionM: e.positionM ?? null, confidence: e.confidence ?? null, data: e.data ? JSON.stringify(e.data) : null }),
    };
  }

  private async prepareFrigate(payload: Buffer | string): Promise<Prepared | Verdict> {
    const nowMs = now();
    const parsed = parseFrigate(payload, nowMs);
    if (!parsed.ok) return this.refuse(parsed);
    const f = parsed.event;
    const device = await this.devices.camera(f.camera);
    if (!device) return this.refuse({ reason: 'unmapped_camera', detail: f.camera.slice(0, 100) });
    if (!device.enabled) return this.refuse({ reason: 'disabled_device', detail: device.id });
    const dedupe = f.type === 'update' ? `frigate:${f.eventId}:update:${f.atMs}` : `frigate:${f.eventId}:${f.type}`;
    const data = JSON.stringify({ frigateId: f.eventId, zones: f.zones });
    return {
      device,
      source: 'frigate',
      receivedAt: new Date(nowMs).toISOString(),
      health: 'event',
      atMs: f.atMs,
      event: await this.withContext(device, { dedupe, condition: f.condition, atMs: f.atMs, clear: f.type === 'end', positionM: null, confidence: f.score, data }),
    };
  }

  /** Trains and windows are looked up before the transaction: nothing slow happens inside it. */
  private async withContext(device: DeviceView, e: Omit<NonNullable<Prepared['event']>, 'measureM' | 'train' | 'windows'>): Promise<NonNullable<Prepared['event']>> {
    const measureM = measureOf(device, e.positionM ?? undefined);
    let train: { train: string; atMs: number } | null = null;
    if (!e.clear && device.lineId && measureM !== null && vibrationAlarm(device.kind, e.condition)) {
      const trains = await this.context.trainsAt(device.lineId, measureM, e.atMs);
      train = trains.sort((a, b) => Math.abs(a.atMs - e.atMs) - Math.abs(b.atMs - e.atMs))[0] ?? null;
    }
    const lo = device.kind === 'camera' || e.positionM === null ? device.fromM : measureM;
    const hi = device.kind === 'camera' || e.positionM === null ? device.toM : measureM;
    const windows = windowsCovering(await this.context.windows(), device.lineId, lo, hi, e.atMs);
    return { ...e, measureM, train, windows };
  }

  private gathered(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private enqueue(p: Prepared): Promise<Verdict> {
    return new Promise((resolve) => {
      this.queue.push({ p, resolve });
      if (this.queue.length >= BATCH) this.gathered();
      this.flushing ??= this.drain().finally(() => {
        this.flushing = null;
      });
    });
  }

  /** Resolves when everything queued so far is written (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      // Group commit: messages arriving within a few milliseconds (or still being checked, or
      // held together by an HTTP batch) join this batch, so one fsync and one round of reads
      // serve many; waiting even when none is being checked is what lets batches fill under load
      // (the database is free meanwhile).
      const until = Date.now() + GATHER_MS;
      // (a timer, woken early when the batch fills: polling with setImmediate spent a core's
      // share on the loop itself while the messages it waited for were being parsed)
      while (this.queue.length < BATCH && (this.holding > 0 || Date.now() < until)) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            this.wake = null;
            resolve();
          }, Math.max(1, until - Date.now()));
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      const batch = this.queue.splice(0, BATCH);
      const rules = await this.context.rules();
      let verdicts: Verdict[];
      try {
        verdicts = await this.write(batch.map((b) => b.p), rules);
      } catch (e) {
        // one bad message must not sink its neighbours: each alone, and a failure is counted
        this.log(e, 'device batch failed; writing its messages one by one');
        verdicts = [];
        for (const b of batch) {
          try {
            verdicts.push((await this.write([b.p], rules))[0]!);
          } catch (err) {
            this.log(err, 'device message could not be written');
            verdicts.push(this.refuse({ reason: 'internal_error', detail: '' }));
          }
        }
      }
      for (const f of this.afterCommit) f();
      batch.forEach((b, i) => b.resolve(verdicts[i]!));
    }
  }

  /**
   * One transaction per batch, with a bounded number of statements: which events were seen before
   * (one read), the alarms, groups and health their devices stand at (a few reads), then every
   * event applied in order in memory, and the results written with multi-row statements. The
   * outcome is what writing the messages one by one would give (alarms/batch-equivalence test).
   */
  private async write(batch: Prepared[], rules: readonly AlarmRule[]): Promise<Verdict[]> {
    const out: Verdict[] = [];
    await this.db.kysely.transaction().execute(async (trx) => {
      out.length = 0;
      // alarms and groups are read and written as a whole: one batch at a time across instances
      if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${ALARM_LOCK})`.execute(trx);
      const key = (deviceId: string, dedupe: string) => `${deviceId}\u0000${dedupe}`;
      const events = batch.filter((p) => p.event);
      // events already written (a replayed seq, a redelivery): refused, like a repeat within the batch
      const known = new Set<string>();
      for (let i = 0; i < events.length; i += 400) {
        const part = events.slice(i, i + 400);
        // the exact (device, dedupe) pairs: one probe of the unique index each, where two separate
        // IN lists probed every device with every dedupe (a batch of n events, n² probes)
        const rows = await trx
          .selectFrom('device_events')
          .select(['device_id', 'dedupe'])
          .where(({ eb, refTuple, tuple }) => eb(refTuple('device_id', 'dedupe'), 'in', part.map((p) => tuple(p.device.id, p.event!.dedupe))))
          .execute();
        for (const r of rows) known.add(key(r.device_id, r.dedupe));
      }
      const input = (p: Prepared): AlarmInput => {
        const e = p.event!;
        return { device: p.device, condition: e.condition, clear: e.clear, atMs: e.atMs, measureM: e.measureM, train: e.train, windows: e.windows };
      };
      const fresh = new Set<string>(known);
      const alarms = await this.engine.begin(
        trx,
        events.filter((p) => !fresh.has(key(p.device.id, p.event!.dedupe)) && fresh.add(key(p.device.id, p.event!.dedupe))).map(input),
      );
      const health = await this.health.begin(trx, [...new Set(batch.map((p) => p.device.id))]);
      const rows: Array<Insertable<DeviceEventsTable>> = [];
      for (const p of batch) {
        const e = p.event;
        if (!e) {
          await health.seen(trx, p.device, p.health, p.atMs, alarms.events);
          out.push({ ok: true });
          continue;
        }
        const k = key(p.device.id, e.dedupe);
        if (known.has(k)) {
          out.push({ ok: false, reason: 'replayed_seq' });
          continue;
        }
        known.add(k);
        await health.seen(trx, p.device, 'event', p.atMs, alarms.events);
        const alarmId = await this.engine.apply(trx, alarms, input(p), rules);
        rows.push({ device_id: p.device.id, dedupe: e.dedupe, type: e.condition, at: new Date(e.atMs).toISOString(), received_at: p.receivedAt, position_m: e.positionM, confidence: e.confidence, clear: e.clear ? 1 : 0, data: e.data, source: p.source, alarm_id: alarmId });
        out.push({ ok: true });
      }
      await alarms.write(trx);
      await health.write(trx);
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto('device_events').values(rows.slice(i, i + 200)).execute();
    });
    for (const v of out) if (!v.ok) this.refusals.count(v.reason);
    return out;
  }
}
