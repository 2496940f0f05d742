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
  private messages: ConsumerMessages | null = null;
  private connected = true;
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
    const nc = await connect({ servers: url, name: 'railjoint', timeout: 5000, maxReconnectAttempts: -1, reconnectTimeWait: 1000, pingInterval: 10_000 });
    const bus = new NatsEventBus(nc, opts.prefix ?? DEFAULT_NATS_PREFIX);
    await bus.ensureStream();
    await bus.startConsumer();
    return bus;
  }

  /** For the health answer: events flow, or NATS is away and the outbox is holding them. */
  status(): 'connected' | 'reconnecting' {
    return this.connected ? 'connected' : 'reconnecting';
  }

  private async watch(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === Events.Disconnect) this.connected = false;
      if (s.type === Events.Reconnect) this.connected = true;
    }
  }

  private async ensureStream(): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    try {
      await jsm.streams.info(this.stream);
    } catch {
      await jsm.streams.add({
        name: this.stream,
        subjects: [`${this.subjects}.>`],
        duplicate_window: nanos(10 * 60 * 1000),
        max_age: nanos(7 * 24 * 3600 * 1000),
      });
    }
  }

  private async startConsumer(): Promise<void> {
    const consumer = await this.nc.jetstream().consumers.get(this.stream, { deliver_policy: DeliverPolicy.New });
    this.messages = await consumer.consume();
    const messages = this.messages;
    void (async () => {
      for await (const m of messages) {
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
    })();
  }

  async publish(event: DomainEvent): Promise<void> {
    const subject = `${this.subjects}.${safe(event.entity)}.${safe(event.type)}`;
    await this.nc.jetstream().publish(subject, codec.encode(event), { msgID: event.id });
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await this.messages?.close();
    await this.nc.drain();
  }
}

function safe(token: string): string {
  return token.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
}
