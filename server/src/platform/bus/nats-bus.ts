import { connect, DeliverPolicy, Events, JSONCodec, nanos, type ConsumerMessages, type NatsConnection } from 'nats';
import type { DomainEvent, EventBus, EventHandler } from './event.js';

export const DEFAULT_NATS_PREFIX = 'railjoint';
const codec = JSONCodec<DomainEvent>();

/** The stream and subjects of one deployment: `railjoint` → stream RAILJOINT_EVENTS, subjects railjoint.events.> */
export function natsNames(prefix: string): { stream: string; subjects: string } {
  return { stream: `${prefix.toUpperCase().replace(/[^A-Z0-9_-]/g, '_')}_EVENTS`, subjects: `${prefix}.events` };
}

/**
 * Events between instances over NATS JetStream. Publishes are acknowledged by the server and
 * de-duplicated by event id (two instances relaying the same outbox row publish it once). Each
 * instance reads the stream with its own ordered consumer from "now", so every instance — the
 * publisher included — sees every event once, in stream order. A NATS server that restarts is
 * waited for without end: meanwhile publishes fail, the outbox keeps the events, and the relay
 * sends them when it is back; the ordered consumer resumes after the last message it delivered.
 */
export class NatsEventBus implements EventBus {
  readonly kind = 'nats' as const;
  private readonly handlers = new Set<EventHandler>();
  private readonly reconnectHandlers = new Set<() => void>();
  private messages: ConsumerMessages | null = null;
  private connected = true;
  private closed = false;
  /** the last stream sequence handed to subscribers: a new consumer starts right after it */
  private lastSeq = 0;
  private consumerGeneration = 0;
  private readonly stream: string;
  private readonly subjects: string;

  private constructor(
    private readonly nc: NatsConnection,
    prefix: string,
  ) {
    ({ stream: this.stream, subjects: this.subjects } = natsNames(prefix));
    void this.watch();
  }

  /** `prefix` keeps deployments (or test runs) that share one NATS server apart. */
  static async connect(url: string, opts: { prefix?: string } = {}): Promise<NatsEventBus> {
    const nc = await connect({ servers: url, name: 'railjoint', timeout: 5000, maxReconnectAttempts: -1, reconnectTimeWait: 500, pingInterval: 10_000 });
    const bus = new NatsEventBus(nc, opts.prefix ?? DEFAULT_NATS_PREFIX);
    // from "now": what the stream holds already went to consoles before this instance started
    bus.lastSeq = await bus.ensureStream();
    await bus.startConsumer();
    return bus;
  }

  /** For the health answer: events flow, or NATS is away and the outbox is holding them. */
  status(): 'connected' | 'reconnecting' {
    return this.connected ? 'connected' : 'reconnecting';
  }

  /** Called when NATS is back after an outage: the relay sends what the outbox kept meanwhile. */
  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  private async watch(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === Events.Disconnect) this.connected = false;
      if (s.type === Events.Reconnect) {
        this.connected = true;
        // A restarted server may have lost this instance's consumer: rather than wait for missed
        // heartbeats to notice, read on from the last message delivered, at once.
        void this.resume();
        for (const h of [...this.reconnectHandlers]) h();
      }
    }
  }

  private async resume(): Promise<void> {
    for (let attempt = 0; !this.closed && this.connected; attempt++) {
      try {
        const last = await this.ensureStream();
        // a stream that lost its messages (a server without its store) numbers from the start again
        if (last < this.lastSeq) this.lastSeq = last;
        await this.startConsumer();
        return;
      } catch {
        // JetStream may need a moment after the server is back
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** attempt)));
      }
    }
  }

  /** Makes the stream if it is missing; the sequence of its last message. */
  private async ensureStream(): Promise<number> {
    const jsm = await this.nc.jetstreamManager();
    try {
      return (await jsm.streams.info(this.stream)).state.last_seq;
    } catch {
      const info = await jsm.streams.add({
        name: this.stream,
        subjects: [`${this.subjects}.>`],
        duplicate_window: nanos(10 * 60 * 1000),
        max_age: nanos(7 * 24 * 3600 * 1000),
      });
      return info.state.last_seq;
    }
  }

  /** An ordered consumer from the message after the last one delivered, replacing any before it. */
  private async startConsumer(): Promise<void> {
    const generation = ++this.consumerGeneration;
    const previous = this.messages;
    this.messages = null;
    await previous?.close().catch(() => {});
    const consumer = await this.nc.jetstream().consumers.get(this.stream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: this.lastSeq + 1 });
    const messages = await consumer.consume();
    this.messages = messages;
    void (async () => {
      for await (const m of messages) {
        if (generation !== this.consumerGeneration) break;
        // a consumer replaced while messages were in flight may hand over one already delivered
        if (m.seq <= this.lastSeq) continue;
        this.lastSeq = m.seq;
        let event: DomainEvent;
        try {
          event = codec.decode(m.data);
        } catch {
          continue;
        }
        for (const h of [...this.handlers]) {
          try {
            h(event);
          } catch {
            // one subscriber's failure is its own
          }
        }
      }
    })().catch(() => {});
  }

  async publish(event: DomainEvent): Promise<void> {
    // Away: fail at once rather than wait out the acknowledgement, so the relay is free to send
    // the backlog the moment NATS is back (it is told: onReconnect).
    if (!this.connected) throw new Error('NATS is reconnecting');
    const subject = `${this.subjects}.${safe(event.entity)}.${safe(event.type)}`;
    await this.nc.jetstream().publish(subject, codec.encode(event), { msgID: event.id, timeout: 2000 });
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    this.reconnectHandlers.clear();
    await this.messages?.close().catch(() => {});
    await this.nc.drain();
  }
}

function safe(token: string): string {
  return token.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
}
