import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './pg.js';
import { startCluster, type Cluster } from './cluster/cluster.js';
import { signIn } from './cluster/instances.js';
import { deleteStream, SHARED_NATS_URL } from './cluster/nats-server.js';
import { caughtUp, LiveConsole, problemsSince } from './cluster/consoles.js';
import { outboxSeqsAfter, query } from './cluster/database.js';
import { LOAD_CHANNEL, LoadGenerator } from './cluster/load.js';
import { waitFor } from './cluster/processes.js';
import { natsNames } from '../src/platform/bus/nats-bus.js';

/**
 * One of three instances killed (SIGKILL: no shutdown, nothing flushed) under a steady load of
 * creations and queue reads through HAProxy: clients go on with the other two, every creation
 * acknowledged with 2xx is in the database, the consoles it served resume elsewhere without a gap,
 * and the periodic jobs it held are taken over.
 */
const prefix = `rjkill${crypto.randomBytes(4).toString('hex')}`;

describe('an instance killed under load', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let cluster: Cluster;

  beforeAll(async () => {
    db = await createTestDatabase();
    cluster = await startCluster({ databaseUrl: db.url, natsUrl: SHARED_NATS_URL, natsPrefix: prefix, env: { RAILJOINT_SWEEP_S: '1' } });
  }, 300_000);

  afterAll(async () => {
    await cluster?.stop();
    await deleteStream(SHARED_NATS_URL, natsNames(prefix).stream).catch(() => {});
    await db?.drop();
  }, 120_000);

  it('loses no acknowledged write; clients and consoles move to the other instances; its jobs are taken over', async () => {
    const token = await signIn(cluster.balancer.url, 'lz.dispatcher1');
    // the instance that started first holds every job (it asked first): killing it hands them over
    const victim = cluster.instances[0]!;
    const jobsOf = async (url: string) => ((await (await fetch(`${url}/api/health`)).json()) as { jobsHere: string[] }).jobsHere;
    const victimJobs = await waitFor('the first instance to hold its jobs', async () => {
      const j = await jobsOf(victim.url);
      return j.includes('dispatch.acknowledgement-escalations') ? j : null;
    }, 30_000);

    // one console on each instance directly, one through the balancer
    const consoles = [...cluster.instances.map((i) => new LiveConsole(i.url, token)), new LiveConsole(cluster.balancer.url, token)];
    const load = new LoadGenerator({ url: cluster.balancer.url, token, tag: prefix, workers: 4, pauseMs: 30 });
    try {
      await Promise.all(consoles.map((c) => c.open()));
      const from = await caughtUp(consoles);
      load.start();
      await waitFor('creations before the kill', () => load.acknowledged.size >= 20, 60_000);

      const killedAt = Date.now();
      await victim.kill();
      // the console that was on the dead instance now reconnects through the balancer
      consoles[0]!.moveOnReconnect(cluster.balancer.url);
      await waitFor('creations acknowledged after the kill', () => load.createsAcknowledgedSince(killedAt) >= 30, 120_000);
      await load.stop();

      // every creation acknowledged with 2xx is there, as acknowledged, exactly once
      const refs = [...load.acknowledged.keys()];
      const stored = await query<{ external_ref: string; id: string }>(db.url, 'select external_ref, id from incidents where channel = $1 and external_ref = any($2)', [LOAD_CHANNEL, refs]);
      expect(stored.length).toBe(refs.length);
      const byRef = new Map(stored.map((r) => [r.external_ref, r.id]));
      expect(refs.filter((r) => byRef.get(r) !== load.acknowledged.get(r))).toEqual([]);
      // what failed, failed in the open (a refused or broken connection, the balancer's 502/503
      // for a request cut off), never as a hang
      const failures = load.since(killedAt).filter((o) => !(typeof o.status === 'number' && o.status < 300));
      expect(failures.filter((o) => o.status === 'timeout')).toEqual([]);
      expect(failures.filter((o) => typeof o.status === 'number' && ![502, 503].includes(o.status))).toEqual([]);

      // every console has every event, once and in order, the moved one included
      const expected = await outboxSeqsAfter(db.url, from);
      const last = expected.at(-1)!;
      await waitFor('the consoles to catch up', () => consoles.every((c) => c.seq >= last), 60_000);
      for (const [k, c] of consoles.entries()) expect(problemsSince(c, from, expected), `console ${k}`).toEqual([]);
      expect(consoles[0]!.connections).toBeGreaterThanOrEqual(2);

      // the jobs the dead instance held run on the others now, each on one
      const survivors = cluster.instances.slice(1);
      const heldNow = await waitFor('the survivors to take over the jobs', async () => {
        const now = (await Promise.all(survivors.map((i) => jobsOf(i.url)))).flat();
        return victimJobs.every((j) => now.includes(j)) ? now : null;
      }, 60_000);
      expect(heldNow.length).toBe(new Set(heldNow).size);
    } finally {
      await load.stop();
      for (const c of consoles) c.close();
    }
  }, 300_000);
});
