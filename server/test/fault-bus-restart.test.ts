import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './pg.js';
import { startCluster, type Cluster } from './cluster/cluster.js';
import { signIn } from './cluster/instances.js';
import { createNatsServer, type NatsServer } from './cluster/nats-server.js';
import { caughtUp, LiveConsole, problemsSince } from './cluster/consoles.js';
import { outboxSeqsAfter, query } from './cluster/database.js';
import { LOAD_CHANNEL, LoadGenerator } from './cluster/load.js';
import { waitFor } from './cluster/processes.js';

/**
 * NATS killed and started again (same port, same JetStream store) under a steady load through
 * HAProxy, on a NATS server of the test's own: writes go on being acknowledged while it is away
 * (the outbox keeps their events), and when it returns every event reaches every console, once
 * and in order.
 */
const prefix = `rjbus${crypto.randomBytes(4).toString('hex')}`;

describe('NATS restarted under load', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let nats: NatsServer;
  let cluster: Cluster;

  beforeAll(async () => {
    db = await createTestDatabase();
    nats = await createNatsServer();
    cluster = await startCluster({ databaseUrl: db.url, natsUrl: nats.url, natsPrefix: prefix });
  }, 300_000);

  afterAll(async () => {
    await cluster?.stop();
    await nats?.destroy();
    await db?.drop();
  }, 120_000);

  it('keeps acknowledging writes while NATS is away and relays every event from the outbox when it returns, none lost, none repeated', async () => {
    const token = await signIn(cluster.balancer.url, 'lz.dispatcher1');
    const consoles = [...cluster.instances.map((i) => new LiveConsole(i.url, token)), new LiveConsole(cluster.balancer.url, token)];
    const load = new LoadGenerator({ url: cluster.balancer.url, token, tag: prefix, workers: 4, pauseMs: 30 });
    try {
      await Promise.all(consoles.map((c) => c.open()));
      const from = await caughtUp(consoles);
      load.start();
      await waitFor('creations before the restart', () => load.acknowledged.size >= 20, 60_000);

      await nats.stop('SIGKILL');
      const downSince = Date.now();
      await waitFor('creations acknowledged while NATS is away', () => load.createsAcknowledgedSince(downSince) >= 20, 60_000);
      for (const i of cluster.instances) {
        const health = await waitFor(`${i.name} to notice`, async () => {
          const h = (await (await fetch(`${i.url}/api/health`)).json()) as { status: string; checks: { bus: string } };
          return h.checks.bus === 'reconnecting' ? h : null;
        }, 30_000);
        expect(health.status).toBe('degraded');
      }
      const pending = await query<{ n: number }>(db.url, 'select count(*)::int as n from outbox where published_at is null');
      expect(pending[0]!.n).toBeGreaterThan(0);

      await nats.start();
      const upSince = Date.now();
      await waitFor('creations after NATS is back', () => load.createsAcknowledgedSince(upSince) >= 20, 60_000);
      await load.stop();

      // no write failed for want of the bus
      expect(load.outcomes.filter((o) => !(typeof o.status === 'number' && o.status < 300))).toEqual([]);
      const refs = [...load.acknowledged.keys()];
      const stored = await query<{ external_ref: string; id: string }>(db.url, 'select external_ref, id from incidents where channel = $1 and external_ref = any($2)', [LOAD_CHANNEL, refs]);
      expect(stored.length).toBe(refs.length);

      // the outbox empties and every console gets every event, once, in order
      await waitFor('the outbox to be relayed', async () => (await query<{ n: number }>(db.url, 'select count(*)::int as n from outbox where published_at is null'))[0]!.n === 0, 60_000, 250);
      const expected = await outboxSeqsAfter(db.url, from);
      const last = expected.at(-1)!;
      await waitFor('the consoles to receive everything', () => consoles.every((c) => c.seq >= last), 60_000);
      for (const [k, c] of consoles.entries()) expect(problemsSince(c, from, expected), `console ${k}`).toEqual([]);
      for (const i of cluster.instances) expect(((await (await fetch(`${i.url}/api/health`)).json()) as { status: string }).status).toBe('ok');
    } finally {
      await load.stop();
      for (const c of consoles) c.close();
    }
  }, 300_000);
});
