import { AckPolicy, connect, DeliverPolicy, Events, nanos, type JsMsg, type NatsConnection, type StreamConfig, type StreamSource } from 'nats';
import type { FederationConfig } from './config.js';
import { FederationNames } from './names.js';

/** What the streams keep while a link is down: longer than any outage a department should ride out. */
const KEEP_MS = 30 * 24 * 3600_000;
/** A repeat of a message id within this window is not stored twice (after that, imports are idempotent anyway). */
const DEDUPE_MS = 3600_000;

/** How one source of this node's import stream stands: what the link to that node looks like from here. */
export interface SourceState {
  /** the node the source reads from */
  node: string;
  /** messages the source knows it still has to copy */
  lag: number;
  /** ms since the source last heard from the other side (heartbeats included); null when it never has */
  activeMs: number | null;
  error: string | null;
}

/** A message that reached this node's import stream, with what the stream says of it. */
export interface Arrival {
  subject: string;
  data: Uint8Array;
  /** the Nats-Msg-Id the origin published it under */
  msgId: string | null;
  /** the stream it was copied from (`Nats-Stream-Source`), null when published on this server */
  sourceStream: string | null;
  ack(): void;
}

/** nats.js does not read credentials from the URL: nats://user:pass@host:4222 is split here. */
export function serverOptions(url: string): { servers: string; user?: string; pass?: string } {
  const u = new URL(url);
  if (!u.username) return { servers: url };
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  return { servers: u.toString().replace(/\/$/, ''), user, pass };
}

/**
 * This node's connection to its own NATS server, the one its JetStream domain lives on. It never
 * talks to another node's server: JetStream copies between domains over the leaf connection (the
 * bureau's stream sources the departments'; a department's inbound stream sources the bureau's),
 * keeps what it could not copy while the link is down and copies it once when it is back.
 *
 * Connecting is lazy and retried by whoever asks (the federation jobs), so a node whose NATS
 * server is away starts and works as before; its shared data waits in the database's outbox.
 */
export class FederationLink {
  readonly names: FederationNames;
  private nc: NatsConnection | null = null;
  private connecting: Promise<NatsConnection> | null = null;
  private prepared = false;
  private preparing: Promise<void> | null = null;
  private connected = false;
  private closed = false;

  constructor(readonly config: FederationConfig) {
    this.names = new FederationNames(config.prefix);
  }

  /** connected to this node's NATS server (the links to other nodes are the sources' business) */
  status(): 'connected' | 'disconnected' {
    return this.connected ? 'connected' : 'disconnected';
  }

  /** The connection, with this node's streams and import consumer in place. */
  async ready(): Promise<NatsConnection> {
    if (this.closed) throw new Error('the federation link is closed');
    const nc = this.nc ?? (await (this.connecting ??= this.open().finally(() => (this.connecting = null))));
    if (!this.prepared) {
      // the two jobs ask at once: one of them makes the streams, the other waits for it
      await (this.preparing ??= this.prepare(nc)
        .then(() => {
          this.prepared = true;
        })
        .finally(() => (this.preparing = null)));
    }
    return nc;
  }

  private async open(): Promise<NatsConnection> {
    const nc = await connect({ ...serverOptions(this.config.natsUrl), name: `railjoint-federation-${this.config.code}`, timeout: 3000, maxReconnectAttempts: -1, reconnectTimeWait: 1000, pingInterval: 10_000 });
    this.nc = nc;
    this.connected = true;
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === Events.Disconnect) this.connected = false;
        if (s.type === Events.Reconnect) {
          this.connected = true;
          // the server may have lost its store (a new machine): make sure the streams are there
          this.prepared = false;
        }
      }
    })();
    void nc.closed().then(() => {
      if (this.nc === nc) this.nc = null;
      this.connected = false;
      this.prepared = false;
    });
    return nc;
  }

  /** The streams and the consumer this node's role needs, created or brought in line with the configuration. */
  private async prepare(nc: NatsConnection): Promise<void> {
    const jsm = await nc.jetstreamManager();
    const { code, role } = this.config;
    const n = this.names;
    const keep = { max_age: nanos(KEEP_MS), duplicate_window: nanos(DEDUPE_MS) };
    const fromDomain = (stream: string, domain: string, filter?: string): StreamSource => ({
      name: stream,
      ...(filter ? { filter_subject: filter } : {}),
      external: { api: `$JS.${domain}.API`, deliver: '' },
    });
    const out: Partial<StreamConfig> & { name: string } = {
      name: n.outStream(code),
      subjects: [n.ownSubjects(code)],
      ...keep,
      ...(role === 'bureau' ? { sources: this.config.departments.map((d) => fromDomain(n.outStream(d.code), d.domain)) } : {}),
    };
    await ensureStream(jsm, out);
    if (role === 'department') {
      const bureau = this.config.bureau!;
      await ensureStream(jsm, { name: n.inStream(code), ...keep, sources: [fromDomain(n.outStream(bureau.code), bureau.domain, n.addressedTo(code))] });
    }
    await this.ensureConsumer(nc);
  }

  private async ensureConsumer(nc: NatsConnection): Promise<void> {
    const jsm = await nc.jetstreamManager();
    const stream = this.names.importStream(this.config);
    try {
      await jsm.consumers.info(stream, this.names.consumer);
    } catch {
      await jsm.consumers.add(stream, { durable_name: this.names.consumer, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ack_wait: nanos(60_000), max_ack_pending: 1000 });
    }
  }

  /** Publishes into this node's stream; the origin's id makes a repeat (a retried round) a no-op. */
  async publish(to: string, type: Parameters<FederationNames['subject']>[2], data: Uint8Array, msgId: string): Promise<void> {
    const nc = await this.ready();
    // checked on the acknowledgement, not with an Nats-Expected-Stream header: the header travels
    // with the message, and the streams that source it would refuse it as meant for another
    const ack = await nc.jetstream().publish(this.names.subject(this.config.code, to, type), data, { msgID: msgId });
    if (ack.stream !== this.names.outStream(this.config.code)) throw new Error(`published into ${ack.stream}, not ${this.names.outStream(this.config.code)}`);
  }

  /** Up to `max` messages waiting for this node, oldest first; each must be acknowledged once imported. */
  async fetch(max: number, waitMs: number): Promise<Arrival[]> {
    const nc = await this.ready();
    const stream = this.names.importStream(this.config);
    // a consumer removed on the server (or a store lost) is made again: the imports are idempotent
    await this.ensureConsumer(nc);
    const consumer = await nc.jetstream().consumers.get(stream, this.names.consumer);
    const batch = await consumer.fetch({ max_messages: max, expires: Math.max(1000, waitMs) });
    const out: Arrival[] = [];
    for await (const m of batch) out.push(arrival(m));
    return out;
  }

  /** How each link into this node stands, as the import stream's sources see it. */
  async sources(): Promise<SourceState[]> {
    const nc = await this.ready();
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(this.names.importStream(this.config));
    const byStream = new Map<string, string>(
      this.config.role === 'bureau' ? this.config.departments.map((d) => [this.names.outStream(d.code), d.code]) : [[this.names.outStream(this.config.bureau!.code), this.config.bureau!.code]],
    );
    return (info.sources ?? []).flatMap((s) => {
      const node = byStream.get(s.name);
      if (!node) return [];
      const active = Number(s.active);
      return [{ node, lag: Number(s.lag ?? 0), activeMs: active >= 0 ? Math.round(active / 1e6) : null, error: s.error ? s.error.description ?? `error ${s.error.code}` : null }];
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const nc = this.nc ?? (await this.connecting?.catch(() => null)) ?? null;
    this.nc = null;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }
}

function arrival(m: JsMsg): Arrival {
  return {
    subject: m.subject,
    data: m.data,
    msgId: m.headers?.get('Nats-Msg-Id') || null,
    sourceStream: m.headers?.get('Nats-Stream-Source')?.split(/[:\s]/)[0] || null,
    ack: () => m.ack(),
  };
}

/** Adds the stream, or updates it when its subjects or sources differ from what this node's configuration says. */
async function ensureStream(jsm: Awaited<ReturnType<NatsConnection['jetstreamManager']>>, want: Partial<StreamConfig> & { name: string }): Promise<void> {
  let current: StreamConfig | null = null;
  try {
    current = (await jsm.streams.info(want.name)).config;
  } catch {
    current = null;
  }
  if (!current) {
    await jsm.streams.add(want);
    return;
  }
  const key = (c: Partial<StreamConfig>) => JSON.stringify({ subjects: c.subjects ?? [], sources: (c.sources ?? []).map((s) => [s.name, s.filter_subject ?? '', s.external?.api ?? '']).sort() });
  if (key(current) !== key(want)) await jsm.streams.update(want.name, { ...current, ...want });
}
