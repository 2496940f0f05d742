import { connect, DeliverPolicy, JSONCodec, nanos, type ConsumerMessages, type NatsConnection } from 'nats';
import type { DomainEvent, EventBus, EventHandler } from './event.js';

export const STREAM = 'RAILJOINT_EVENTS';
const SUBJECT_PREFIX = 'railjoint.events';
const codec = JSONCodec<DomainEvent>();

/**
 * Events between instances over NATS JetStream. Publishes are acknowledged by the server and
 * de-duplicated by event id (two instances relaying the same outbox row publish it once). Each
 * instance reads the stream with its own ordered consumer from "now", so every instance — the
 * publisher included — sees every event once, in stream order.
 */
export class NatsEventBus implements EventBus {
  readonly kind = 'nats' as const;
  private readonly handlers = new Set<EventHandler>();
  private messages: ConsumerMessages | null = null;

  private constructor(private readonly nc: NatsConnection) {}

  static async connect(url: string): Promise<NatsEventBus> {
    const nc = await connect({ servers: url, name: 'railjoint', timeout: 5000 });
    const bus = new NatsEventBus(nc);
    await bus.ensureStream();
    await bus.startConsumer();
    return bus;
  }

  private async ensureStream(): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    try {
      await jsm.streams.info(STREAM);
    } catch {
      await jsm.streams.add({
        name: STREAM,
        subjects: [`${SUBJECT_PREFIX}.>`],
        duplicate_window: nanos(10 * 60 * 1000),
        max_age: nanos(7 * 24 * 3600 * 1000),
      });
    }
  }

  private async startConsumer(): Promise<void> {
    const consumer = await this.nc.jetstream().consumers.get(STREAM, { deliver_policy: DeliverPolicy.New });
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
    const subject = `${SUBJECT_PREFIX}.${safe(event.entity)}.${safe(event.type)}`;
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
