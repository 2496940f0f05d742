import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster/cluster.js';
import { signIn } from './cluster/instances.js';
import { deleteStream, SHARED_NATS_URL } from './cluster/nats-server.js';
import { caughtUp, LiveConsole, problemsSince } from './cluster/consoles.js';
import { outboxSeqsAfter, query } from './cluster/database.js';
import { LOAD_CHANNEL, LoadGenerator, type Outcome } from './cluster/load.js';
import { waitFor } from './cluster/processes.js';
import { createPostgresCluster, type PostgresCluster } from './cluster/postgres-cluster.js';
import { natsNames } from '../src/platform/bus/nats-bus.js';

/**
 * PostgreSQL stopped and started again under a steady load through HAProxy, on a cluster of the
 * test's own (the shared server other test files use is never touched): while it is down every
 * request is answered at once with the documented 503, /api/health says so, and when it is back
 * the instances carry on by themselves — nothing acknowledged is lost, consoles resume.
 */
const prefix = `rjpg${crypto.randomBytes(4).toString('hex')}`;

const isDocumented503 = (o: Outcome) => {
  const body = o.body as { error?: { code?: unknown; message?: unknown; details?: { retryAfterS?: unknown } } };
  return o.status === 503 && body.error?.code === 'database_unavailable' && typeof body.error.message === 'string' && body.error.details?.retryAfterS === 5;
};

describe('PostgreSQL restarted under load', () => {
  let pg: PostgresCluster;
  let cluster: Cluster;

  beforeAll(async () => {
    pg = await createPostgresCluster();
    cluster = await startCluster({ databaseUrl: pg.url, natsUrl: SHARED_NATS_URL, natsPrefix: prefix });
  }, 300_000);

  afterAll(async () => {
    await cluster?.stop();
    await deleteStream(SHARED_NATS_URL, natsNames(prefix).stream).catch(() => {});
    pg?.destroy();
  }, 120_000);

  it('answers 503 database_unavailable at once while it is down, says so in /api/health, and recovers by itself with nothing acknowledged lost', async () => {
    const token = await signIn(cluster.balancer.url, 'lz.dispatcher1');
    const consoles = [new LiveConsole(cluster.instances[0]!.url, token), new LiveConsole(cluster.balancer.url, token)];
    const load = new LoadGenerator({ url: cluster.balancer.url, token, tag: prefix, workers: 4, pauseMs: 30 });
    try {
      await Promise.all(consoles.map((c) => c.open()));
      const from = await caughtUp(consoles);
      load.start();
      await waitFor('creations before the restart', () => load.acknowledged.size >= 20, 60_000);

      const stoppedAt = Date.now();
      await pg.stop();
      const downSince = Date.now();
      // while it is down: refusals, in the documented shape, and the health answer says why
      await waitFor('refusals while the database is down', () => load.since(downSince).filter(isDocumented503).length >= 20, 60_000);
      for (const i of cluster.instances) {
        const res = await fetch(`${i.url}/api/health`);
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(await res.json()).toMatchObject({ status: 'unavailable', checks: { database: 'unavailable' }, error: { code: 'database_unavailable' } });
        // the balancer keeps the instances in: their liveness does not depend on the database
        expect((await fetch(`${i.url}/api/health/live`)).status).toBe(200);
      }
      const upSince = Date.now();
      await pg.start();

      // nobody restarts anything: the instances find the database again
      await waitFor('every instance to be healthy again', async () => {
        const answers = await Promise.all(cluster.instances.map((i) => fetch(`${i.url}/api/health`).then((r) => r.status)));
        return answers.every((s) => s === 200);
      }, 60_000, 250);
      await waitFor('creations acknowledged after the restart', () => load.createsAcknowledgedSince(upSince) >= 20, 60_000);
      await load.stop();

      // from the stop on, every answer was a success or the documented 503 — no 500, no hang
      const after = load.since(stoppedAt);
      expect(after.filter((o) => !(typeof o.status === 'number' && o.status < 300) && !isDocumented503(o))).toEqual([]);

      // every creation acknowledged with 2xx is there, as acknowledged
      const refs = [...load.acknowledged.keys()];
      const stored = await query<{ external_ref: string; id: string }>(pg.url, 'select external_ref, id from incidents where channel = $1 and external_ref = any($2)', [LOAD_CHANNEL, refs]);
      const byRef = new Map(stored.map((r) => [r.external_ref, r.id]));
      expect(refs.filter((r) => byRef.get(r) !== load.acknowledged.get(r))).toEqual([]);

      // the consoles end with every event, once, in order (they may have been asked to reconnect)
      const expected = await outboxSeqsAfter(pg.url, from);
      const last = expected.at(-1)!;
      await waitFor('the consoles to catch up', () => consoles.every((c) => c.seq >= last), 60_000);
      for (const [k, c] of consoles.entries()) expect(problemsSince(c, from, expected), `console ${k}`).toEqual([]);
    } finally {
      await load.stop();
      for (const c of consoles) c.close();
    }
  }, 300_000);
});
