import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './pg.js';
import { startCluster, type Cluster } from './cluster/cluster.js';
import { signIn } from './cluster/instances.js';
import { deleteStream, SHARED_NATS_URL } from './cluster/nats-server.js';
import { caughtUp, LiveConsole, problemsSince } from './cluster/consoles.js';
import { outboxSeqsAfter, query } from './cluster/database.js';
import { reportFor } from './cluster/load.js';
import { waitFor } from './cluster/processes.js';
import { natsNames } from '../src/platform/bus/nats-bus.js';

/**
 * Three real server processes (the production bundle) on one PostgreSQL and one NATS JetStream,
 * behind HAProxy: sign-in anywhere, live consoles on each instance seeing every event once and in
 * order, resuming on another instance without a gap, and background work done once however many
 * instances run it.
 */
const prefix = `rjscale${crypto.randomBytes(4).toString('hex')}`;
const JOBS = [
  'incidents.transfer-timeouts-and-limits',
  'dispatch.acknowledgement-escalations',
  'sharing.bulletin-reminders',
  'command.overdue-tasks',
  'command.level-rules',
  'reports.scheduled-sitreps',
  'webhooks.fan-out-and-deliver',
];

describe('three instances behind a load balancer', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let cluster: Cluster;
  let token: string;
  let n = 0;
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
  const post = async (url: string, path: string, body: unknown, t = token) => {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { ...bearer(t), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  const createIncident = async (url: string) => {
    const res = await post(url, '/api/incidents', reportFor(prefix, n++));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; code: string };
  };

  /**
   * Sends the top recommended unit. Each instance learns of units sent by the others from the
   * bus, a few milliseconds after the commit: a recommendation asked of one instance just then
   * may offer a unit another has sent, which dispatch refuses (422); a dispatcher asks again.
   */
  const dispatchTop = async (url: string, incidentId: string) => {
    const refused: unknown[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const recs = (await (await fetch(`${url}/api/incidents/${incidentId}/recommendations?limit=1`, { headers: bearer(token) })).json()) as { recommendations: Array<{ unitId: string }> };
      const unit = recs.recommendations[0]?.unitId;
      expect(unit).toBeDefined();
      const res = await post(url, `/api/incidents/${incidentId}/dispatch`, { units: [unit] });
      if (res.status === 200) return;
      expect((res.body.error as { code: string }).code).toBe('units_not_dispatchable');
      refused.push(res.body);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no unit could be sent: ${JSON.stringify(refused)}`);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    cluster = await startCluster({
      databaseUrl: db.url,
      natsUrl: SHARED_NATS_URL,
      natsPrefix: prefix,
      // every job looks for due work each second, so three instances would trip over one another
      // at once if the jobs were not held by one of them
      env: { RAILJOINT_SWEEP_S: '1', RAILJOINT_ACK_TIMEOUT_S: '10', RAILJOINT_BULLETIN_REMIND_S: '20' },
    });
    token = await signIn(cluster.balancer.url, 'lz.dispatcher1');
  }, 300_000);

  afterAll(async () => {
    await cluster?.stop();
    await deleteStream(SHARED_NATS_URL, natsNames(prefix).stream).catch(() => {});
    await db?.drop();
  }, 120_000);

  it('signs in on any instance; a session opened on one works, and ends, on all of them', async () => {
    const [i1, i2, i3] = cluster.instances as [typeof cluster.instances[0], typeof cluster.instances[0], typeof cluster.instances[0]];
    for (const at of cluster.instances) {
      const t = await signIn(at.url, 'lz.dispatcher2');
      for (const other of cluster.instances) expect((await fetch(`${other.url}/api/auth/me`, { headers: bearer(t) })).status, `${at.name} → ${other.name}`).toBe(200);
    }
    const viaBalancer = await Promise.all(Array.from({ length: 6 }, () => signIn(cluster.balancer.url, 'lz.commander')));
    for (const t of viaBalancer) expect((await fetch(`${i3.url}/api/auth/me`, { headers: bearer(t) })).status).toBe(200);
    const t = await signIn(i1.url, 'lz.dispatcher2');
    expect((await post(i2.url, '/api/auth/logout', {}, t)).status).toBeLessThan(300);
    expect((await fetch(`${i3.url}/api/auth/me`, { headers: bearer(t) })).status).toBe(401);
  });

  it('gives consoles on every instance every event once and in order, and a console resumes on another instance without a gap', async () => {
    const [i1, i2, i3] = cluster.instances as [typeof cluster.instances[0], typeof cluster.instances[0], typeof cluster.instances[0]];
    const consoles = [...cluster.instances.map((i) => new LiveConsole(i.url, token)), new LiveConsole(cluster.balancer.url, token)];
    try {
      await Promise.all(consoles.map((c) => c.open()));
      const from = await caughtUp(consoles);
      // writes on every instance at once: creations through the balancer and on each instance, and
      // dispatches (units move too), so events from three relays meet in one stream
      const writes = await Promise.all([
        ...cluster.instances.map(async (i) => {
          const made = [];
          for (let k = 0; k < 8; k++) made.push(await createIncident(i.url));
          return made;
        }),
        (async () => {
          const made = [];
          for (let k = 0; k < 8; k++) made.push(await createIncident(cluster.balancer.url));
          return made;
        })(),
      ]);
      for (const incident of writes.flat().slice(0, 6)) await dispatchTop(cluster.balancer.url, incident.id);
      const expected = await outboxSeqsAfter(db.url, from);
      expect(expected.length).toBeGreaterThanOrEqual(38);
      const last = expected.at(-1)!;
      await waitFor('every console to receive every event', () => consoles.every((c) => c.seq >= last), 60_000);
      // (the dispatched units' acknowledgement deadlines pass during the test: their escalations
      // come after this snapshot and are left out of the comparison)
      for (const [k, c] of consoles.entries()) expect(problemsSince(c, from, expected), `console ${k}`).toEqual([]);

      // one console goes away from i1; meanwhile changes happen; it comes back on i3
      const mover = consoles[0]!;
      await mover.suspend();
      const away = mover.seq;
      for (let k = 0; k < 5; k++) await createIncident(k % 2 ? i2.url : cluster.balancer.url);
      await mover.resume(i3.url);
      for (let k = 0; k < 3; k++) await createIncident(i1.url);
      const all = await outboxSeqsAfter(db.url, from);
      const end = all.at(-1)!;
      await waitFor('the console that moved to catch up', () => consoles.every((c) => c.seq >= end), 60_000);
      expect(all.filter((s) => s > away).length).toBeGreaterThanOrEqual(8);
      for (const [k, c] of consoles.entries()) expect(problemsSince(c, from, all), `console ${k}`).toEqual([]);
      expect(mover.connections).toBe(2);

      // numbers drawn on three instances at once: one series a day, no number twice, none skipped
      const codes = (await query<{ code: string }>(db.url, 'select code from incidents')).map((r) => r.code);
      const byDay = new Map<string, number[]>();
      for (const code of codes) {
        const [, day, n] = /^JQ(\d{8})-(\d+)$/.exec(code) ?? [];
        expect(day, code).toBeDefined();
        byDay.set(day!, [...(byDay.get(day!) ?? []), Number(n)]);
      }
      for (const numbers of byDay.values()) expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
    } finally {
      for (const c of consoles) c.close();
    }
  }, 180_000);

  it('runs each background job on one instance: one escalation, one overdue flag and one reminder per item', async () => {
    // every job is held by exactly one of the three instances (modules add jobs of their own)
    const held = await waitFor('every job to be held', async () => {
      const now = (await Promise.all(cluster.instances.map(async (i) => ((await (await fetch(`${i.url}/api/health`)).json()) as { jobsHere: string[] }).jobsHere))).flat();
      return JOBS.every((j) => now.includes(j)) ? now : null;
    }, 30_000);
    expect(held.length).toBe(new Set(held).size);

    const lb = cluster.balancer.url;
    // a bulletin to three agencies that nobody acknowledges: one reminder each after 20 s (and the
    // next not before 40 s, well after the counting below)
    const bulletin = await post(lb, '/api/bulletins', {
      kind: 'bolo',
      title: '布控：多实例提醒测试',
      body: '测试通报，不需签收。',
      classification: 'internal',
      distribution: { agencies: ['lz-ps-liuzhou', 'cb-yufeng', 'cb-liubei'] },
      validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    expect(bulletin.status, JSON.stringify(bulletin.body)).toBe(201);
    // six units dispatched and never acknowledging (the deadline is 10 s)
    const incidents: string[] = [];
    for (let k = 0; k < 6; k++) {
      const incident = await createIncident(lb);
      await dispatchTop(lb, incident.id);
      incidents.push(incident.id);
    }
    // six campaign task orders due in three seconds
    const tasks: string[] = [];
    for (let k = 0; k < 6; k++) {
      const task = await post(lb, '/api/tasks', { campaign: '多实例测试', title: `限时指令 ${k}`, toAgencyId: 'lz-ps-liuzhou', deadline: new Date(Date.now() + 3000).toISOString() });
      expect(task.status, JSON.stringify(task.body)).toBe(201);
      tasks.push(task.body.id as string);
    }

    const escalated = () => query<{ n: number }>(db.url, 'select count(*)::int as n from assignments where incident_id = any($1) and escalated_at is not null', [incidents]);
    await waitFor('every assignment to be escalated', async () => (await escalated())[0]!.n === 6, 60_000);
    const overdue = () => query<{ n: number }>(db.url, 'select count(*)::int as n from tasks where id = any($1) and overdue_at is not null', [tasks]);
    await waitFor('every task to be flagged overdue', async () => (await overdue())[0]!.n === 6, 60_000);
    const reminded = () => query<{ agency_id: string; reminders: number }>(db.url, 'select agency_id, reminders from bulletin_recipients where bulletin_id = $1', [bulletin.body.id]);
    await waitFor('every recipient to be reminded', async () => (await reminded()).every((r) => Number(r.reminders) >= 1), 120_000, 500);
    // several more rounds of every job on every instance, then count
    await new Promise((r) => setTimeout(r, 4000));

    const escalations = await query<{ incident_id: string; n: number }>(db.url, "select incident_id, count(*)::int as n from incident_timeline where action = 'assignment_unacknowledged' and incident_id = any($1) group by incident_id", [incidents]);
    expect(escalations.map((r) => r.n)).toEqual([1, 1, 1, 1, 1, 1]);
    const escalationEvents = await query<{ n: number }>(db.url, "select count(*)::int as n from outbox where body::jsonb->>'type' = 'incident.assignment_unacknowledged' and body::jsonb->>'entityId' = any($1)", [incidents]);
    expect(escalationEvents[0]!.n).toBe(6);
    const flags = await query<{ task_id: string; n: number }>(db.url, "select task_id, count(*)::int as n from task_updates where kind = 'overdue' and task_id = any($1) group by task_id", [tasks]);
    expect(flags.map((r) => r.n)).toEqual([1, 1, 1, 1, 1, 1]);
    const reminders = await reminded();
    expect(reminders.map((r) => Number(r.reminders))).toEqual([1, 1, 1]);
    const reminderEvents = await query<{ agency: string }>(db.url, "select body::jsonb->'payload'->>'agencyId' as agency from outbox where body::jsonb->>'type' = 'bulletin.reminder' and body::jsonb->>'entityId' = $1", [bulletin.body.id]);
    expect(reminderEvents.map((r) => r.agency).sort()).toEqual(['cb-liubei', 'cb-yufeng', 'lz-ps-liuzhou']);
  }, 240_000);
});
