import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../db/database.js';
import { MemoryEventBus } from './memory-bus.js';
import { NatsEventBus } from './nats-bus.js';
import { enqueueEvent, OutboxRelay } from './outbox.js';
import type { DomainEvent } from './event.js';
import { createTestDatabase } from '../../../test/pg.js';

const NATS_URL = process.env.RAILJOINT_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

describe('outbox relay', () => {
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-bus-'));
    db = await openDatabase({ engine: 'sqlite', file: path.join(dir, 'bus.db') });
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes only what committed, in order, once', async () => {
    const bus = new MemoryEventBus();
    const seen: string[] = [];
    bus.subscribe((e) => seen.push(e.entityId));
    const relay = new OutboxRelay(db.kysely, bus);
    await db.kysely.transaction().execute(async (trx) => {
      await enqueueEvent(trx, { type: 'incident.note', entity: 'incident', entityId: 'a', payload: {} });
      await enqueueEvent(trx, { type: 'incident.note', entity: 'incident', entityId: 'b', payload: {} });
    });
    await db.kysely
      .transaction()
      .execute(async (trx) => {
        await enqueueEvent(trx, { type: 'incident.note', entity: 'incident', entityId: 'rolled-back', payload: {} });
        throw new Error('abort');
      })
      .catch(() => {});
    relay.kick();
    await relay.flush();
    relay.kick();
    await relay.flush();
    expect(seen).toEqual(['a', 'b']);
    await relay.close();
  });

  it('keeps events when the bus fails and sends them on the next kick', async () => {
    let fail = true;
    const delivered: string[] = [];
    const flaky = {
      kind: 'memory' as const,
      async publish(e: DomainEvent) {
        if (fail) throw new Error('bus down');
        delivered.push(e.entityId);
      },
      subscribe: () => () => {},
      close: async () => {},
    };
    const relay = new OutboxRelay(db.kysely, flaky);
    await db.kysely.transaction().execute((trx) => enqueueEvent(trx, { type: 'incident.note', entity: 'incident', entityId: 'late', payload: {} }));
    await expect(relay.flush()).rejects.toThrow('bus down');
    fail = false;
    await relay.flush();
    expect(delivered).toEqual(['late']);
    await relay.close();
  });

  it('marks what it sent later and many at once (no second fsync per request), never sends a row twice, and a relay after a crash sends what was left unmarked', async () => {
    const bus = new MemoryEventBus();
    const seen: string[] = [];
    bus.subscribe((e) => seen.push(e.entityId));
    const unmarked = async () => (await db.kysely.selectFrom('outbox').select('id').where('published_at', 'is', null).execute()).length;
    const relay = new OutboxRelay(db.kysely, bus);
    for (const id of ['m1', 'm2', 'm3']) {
      await db.kysely.transaction().execute((trx) => enqueueEvent(trx, { type: 'incident.note', entity: 'incident', entityId: id, payload: {} }));
      relay.kick();
      await relay.flush();
    }
    expect(seen).toEqual(['m1', 'm2', 'm3']);
    // sent, not yet marked: the mark comes in one statement a moment later
    expect(await unmarked()).toBe(3);
    // a relay started now stands for the process after a crash: it re-sends what was not marked
    const after = new MemoryEventBus();
    const again: string[] = [];
    after.subscribe((e) => again.push(e.entityId));
    const restarted = new OutboxRelay(db.kysely, after);
    await restarted.flush();
    expect(again).toEqual(['m1', 'm2', 'm3']);
    await restarted.close();
    // the first relay's own mark follows by itself
    await expect.poll(unmarked, { timeout: 2_000, interval: 20 }).toBe(0);
    await db.kysely.transaction().execute((trx) => enqueueEvent(trx, { type: 'incident.note', entity: 'incident', entityId: 'm4', payload: {} }));
    relay.kick();
    await relay.flush();
    expect(seen).toEqual(['m1', 'm2', 'm3', 'm4']);
    await relay.close();
    // closing marks what it sent
    expect(await unmarked()).toBe(0);
  });
});

describe('outbox relay on PostgreSQL with several instances', () => {
  let url: string;
  let drop: () => Promise<void>;
  let db: Db;
  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
    db = await openDatabase({ engine: 'postgres', url });
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('relays from one instance, which hears commits made anywhere, and hands over when it stops', async () => {
    const bus = new MemoryEventBus();
    const seen: string[] = [];
    bus.subscribe((e) => seen.push(e.entityId));
    const a = new OutboxRelay(db.kysely, bus, () => {}, 50, url);
    const b = new OutboxRelay(db.kysely, bus, () => {}, 50, url);
    const until = async (ok: () => boolean) => {
      const end = Date.now() + 20_000;
      while (!ok()) {
        if (Date.now() > end) throw new Error('gave up waiting');
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await until(() => a.relaying || b.relaying);
    expect(a.relaying && b.relaying).toBe(false);
    const [holder, other] = a.relaying ? [a, b] : [b, a];
    // nobody kicks: the commit's notification is enough
    for (const id of ['n1', 'n2', 'n3']) await db.kysely.transaction().execute((trx) => enqueueEvent(trx, { type: 'incident.note', entity: 'incident', entityId: id, payload: {} }));
    await until(() => seen.length === 3);
    expect(seen).toEqual(['n1', 'n2', 'n3']);
    // the other instance waits for the holder rather than publishing twice
    await db.kysely.transaction().execute((trx) => enqueueEvent(trx, { type: 'incident.note', entity: 'incident', entityId: 'n4', payload: {} }));
    await other.flush();
    expect(seen).toEqual(['n1', 'n2', 'n3', 'n4']);
    await holder.close();
    await until(() => other.relaying);
    await db.kysely.transaction().execute((trx) => enqueueEvent(trx, { type: 'incident.note', entity: 'incident', entityId: 'n5', payload: {} }));
    await until(() => seen.length === 5);
    expect(seen.at(-1)).toBe('n5');
    await other.close();
  });
});

describe('NATS JetStream bus between two instances', () => {
  let a: NatsEventBus;
  let b: NatsEventBus;
  beforeAll(async () => {
    a = await NatsEventBus.connect(NATS_URL);
    b = await NatsEventBus.connect(NATS_URL);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('delivers an event published on one instance to both, and drops a repeated id', async () => {
    const gotA: DomainEvent[] = [];
    const gotB: DomainEvent[] = [];
    a.subscribe((e) => gotA.push(e));
    b.subscribe((e) => gotB.push(e));
    const event: DomainEvent = { id: `test-${Date.now()}-${Math.random()}`, type: 'created', at: new Date().toISOString(), entity: 'test', entityId: 'x', about: { kind: 'test', id: 'x' }, payload: { n: 1 } };
    await a.publish(event);
    await a.publish(event); // a second relay publishing the same outbox row
    const deadline = Date.now() + 5000;
    while ((gotA.length < 1 || gotB.length < 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    expect(gotB.filter((e) => e.id === event.id)).toHaveLength(1);
    expect(gotA.filter((e) => e.id === event.id)).toHaveLength(1);
    expect(gotB[0]).toMatchObject({ type: 'created', about: { kind: 'test', id: 'x' }, payload: { n: 1 } });
  });
});
