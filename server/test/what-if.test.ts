import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EffectivenessReport } from '@railjoint/contracts';
import { WhatIfResult, WhatIfRunStatus, WhatIfSetup } from '@railjoint/contracts';
import { createApp, type App } from '../src/app.js';
import { liveSimulationWorkers } from '../src/modules/allocation/simulation/run-in-worker.js';
import { WhatIfRunStore } from '../src/modules/allocation/simulation/department/run-store.js';
import { DEMO_PASSWORD, ENGINES, startApp, type TestApp } from './harness.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `POST /api/allocation/what-if`: the demo department simulated on its own data, siloed against joint and with optimised posts. */
describe.each(ENGINES)('what-if on the department data (API) on %s', (engine) => {
  let t: TestApp;
  let auth: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    auth = await t.login('admin');
  });
  afterAll(async () => t?.close());

  const run = (payload: unknown, authorization: string | null = auth, lang = 'zh-CN') =>
    t.http.inject({ method: 'POST', url: `/api/allocation/what-if?lang=${lang}`, headers: authorization ? { authorization } : {}, payload: payload as never });

  it('runs the policies on the same incidents, says its assumptions, follows staffing, and names bad fields', async () => {
    const res = await run({ days: 14, seed: 7, policies: ['siloed', 'joint', 'joint_optimised_posts'], posts: { p: 10, limitMin: 15 } }, auth, 'en');
    expect(res.statusCode, res.body).toBe(200);
    const body = WhatIfResult.parse(res.json());
    expect(body.runs.map((r) => r.policy)).toEqual(['siloed', 'joint', 'joint_optimised_posts']);
    const [siloed, joint, posts] = body.runs.map((r) => r.result);
    expect(body.model.historyIncidents).toBeGreaterThan(0);
    expect(body.model.units).toBeGreaterThan(0);
    expect(joint!.counts.generated).toBe(siloed!.counts.generated);
    expect(siloed!.counts.transferred).toBeGreaterThan(0);
    expect(joint!.counts.transferred).toBe(0);
    expect(joint!.overall.p90S!).toBeLessThanOrEqual(siloed!.overall.p90S!);
    expect(posts!.counts.generated).toBe(joint!.counts.generated);
    expect(body.runs[2]!.assumptions.join(' ')).toMatch(/moved to the \d+ posts/);
    expect(body.assumptions.join(' ')).toMatch(/past incidents .* over \d+ days/);
    for (const c of joint!.byCategory) expect(body.names.categories[c.categoryId]).toBeTruthy();
    for (const a of joint!.byArea) expect(body.names.areas[a.areaId]).toMatch(/K\d+\+\d{3}/);

    // doubling one agency's cars puts twice as many in the model and is said so
    const agency = joint!.agencies.find((a) => a.units > 0)!;
    const doubled = await run({ days: 3, seed: 7, policies: ['joint'], staffing: { [agency.agencyId]: 2 } });
    expect(doubled.statusCode, doubled.body).toBe(200);
    const h = WhatIfResult.parse(doubled.json());
    expect(h.runs[0]!.result.agencies.find((a) => a.agencyId === agency.agencyId)?.units).toBe(agency.units * 2);
    expect(h.model.units).toBe(body.model.units + agency.units);
    expect(h.assumptions.join('')).toContain('警力调整');

    const bad = await run({ days: -2, seed: 1, policies: [], staffing: { nowhere: 1, [agency.agencyId]: -1 } }, auth, 'en');
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().error.details.fields as Array<{ field: string }>).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.days', 'body.policies', `body.staffing.${agency.agencyId}`]));
    // a horizon that would mean 10^12 incidents is refused before anything runs
    const huge = await run({ days: 10 ** 12, policies: ['joint'] }, auth, 'en');
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.details.fields[0].field).toBe('body.days');
    const stranger = await run({ days: 1, seed: 1, policies: ['joint'], staffing: { nowhere: 1 } });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.details.fields[0].field).toBe('body.staffing.nowhere');
    expect((await run({ days: 1, policies: ['joint'] }, null)).statusCode).toBe(401);
    const dispatcher = await t.login('lz.dispatcher1');
    expect((await run({ days: 1, policies: ['joint'] }, dispatcher)).statusCode).toBe(200);
  });

  const setup = async () => {
    const res = await t.http.inject({ method: 'GET', url: '/api/allocation/what-if/setup', headers: { authorization: auth } });
    expect(res.statusCode, res.body).toBe(200);
    return WhatIfSetup.parse(res.json());
  };

  it('moves posts by hand: the cars wait where they were sent in every policy, and bad moves are named by field', async () => {
    const s = await setup();
    expect(s.cars.length).toBeGreaterThan(10);
    expect(s.agencies.reduce((a, x) => a + x.cars, 0)).toBe(s.cars.length);
    expect(new Set(s.places.map((p) => p.kind))).toEqual(new Set(['station', 'access_gate']));
    expect(s.lines.length).toBeGreaterThan(0);
    for (const c of s.cars) expect(c.stretch).toMatch(/K\d+\+\d{3}/);

    // every car sent to one station at the end of a line: the same incidents, answered later
    const far = s.places.filter((p) => p.kind === 'station').at(-1)!;
    const base = { days: 14, seed: 3, policies: ['joint'] };
    const asIs = WhatIfResult.parse((await run(base, auth, 'en')).json());
    const res = await run({ ...base, moves: s.cars.map((c) => ({ unitId: c.id, to: { kind: 'place', placeId: far.id } })) }, auth, 'en');
    expect(res.statusCode, res.body).toBe(200);
    const moved = WhatIfResult.parse(res.json());
    expect(moved.moves).toHaveLength(s.cars.length);
    expect(moved.moves[0]).toMatchObject({ unitId: s.cars[0]!.id, callsign: s.cars[0]!.callsign, to: far.name });
    expect(new Set(moved.moves.map((m) => m.stretch)).size).toBe(1);
    expect(moved.assumptions.join(' ')).toContain(`Posts moved: ${s.cars[0]!.callsign} to ${far.name}`);
    const [a, b] = [asIs.runs[0]!.result, moved.runs[0]!.result];
    expect(b.counts.generated).toBe(a.counts.generated);
    expect(b.overall.meanS!).toBeGreaterThan(a.overall.meanS! * 1.2);
    expect(b.overall.withinLimitShare!).toBeLessThanOrEqual(a.overall.withinLimitShare!);

    // one car to a point on the map beside its own line changes where it waits, said in the reader's language
    const car = s.cars[0]!;
    const point = await run({ ...base, days: 2, moves: [{ unitId: car.id, to: { kind: 'point', coordinates: far.coordinates } }] });
    expect(point.statusCode, point.body).toBe(200);
    expect(WhatIfResult.parse(point.json()).assumptions.join('')).toContain(`岗位调整：${car.callsign} 移至地图点`);

    const bad = await run(
      {
        ...base,
        moves: [
          { unitId: 'no-such-car', to: { kind: 'place', placeId: far.id } },
          { unitId: car.id, to: { kind: 'place', placeId: 'no-such-place' } },
          { unitId: s.cars[1]!.id, to: { kind: 'point', coordinates: [80, 45] } },
          { unitId: car.id, to: { kind: 'place', placeId: far.id } },
        ],
      },
      auth,
      'en',
    );
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().error.details.fields as Array<{ field: string; message: string }>).map((f) => f.field);
    expect(fields).toEqual(['body.moves[3].unitId']);
    const unknown = await run({ ...base, moves: [{ unitId: 'no-such-car', to: { kind: 'place', placeId: far.id } }, { unitId: car.id, to: { kind: 'place', placeId: 'no-such-place' } }, { unitId: s.cars[1]!.id, to: { kind: 'point', coordinates: [80, 45] } }] }, auth, 'en');
    expect(unknown.statusCode).toBe(400);
    expect((unknown.json().error.details.fields as Array<{ field: string }>).map((f) => f.field)).toEqual(['body.moves[0].unitId', 'body.moves[1].to.placeId', 'body.moves[2].to.coordinates']);
  });

  it('runs in the background with progress and partial figures, can be cancelled, and the server answers meanwhile', async () => {
    const start = (payload: unknown, who = auth) => t.http.inject({ method: 'POST', url: '/api/allocation/what-if/runs?lang=en', headers: { authorization: who }, payload: payload as never });
    const get = (id: string, who = auth) => t.http.inject({ method: 'GET', url: `/api/allocation/what-if/runs/${id}`, headers: { authorization: who } });
    const request = { days: 14, seed: 5, policies: ['siloed', 'joint', 'joint_optimised_posts'], posts: { p: 10, limitMin: 15 } };

    const started = await start(request);
    expect(started.statusCode, started.body).toBe(202);
    const first = WhatIfRunStatus.parse(started.json());
    expect(first.state).toBe('running');
    const seen: WhatIfRunStatus[] = [first];
    while (seen.at(-1)!.state === 'running') {
      await sleep(10);
      const r = await get(first.id);
      expect(r.statusCode, r.body).toBe(200);
      seen.push(WhatIfRunStatus.parse(r.json()));
    }
    const last = seen.at(-1)!;
    expect(last.state, JSON.stringify(last.error)).toBe('done');
    // progress only goes forwards, through more than one value, to the end
    const progress = seen.map((x) => x.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(1);
    expect(seen.some((x) => x.stage === 'simulating' && x.state === 'running')).toBe(true);
    expect(last.policies.every((p) => p.state === 'done' && p.generated === p.expected && p.generated > 0)).toBe(true);
    // the same figures as the request that waits for them
    const waited = WhatIfResult.parse((await run(request, auth, 'en')).json());
    expect(last.result!.runs).toEqual(waited.runs);
    expect(last.partial.map((r) => r.policy).sort()).toEqual([...request.policies].sort());
    // someone else's run is not found
    expect((await get(first.id, await t.login('lz.dispatcher1'))).statusCode).toBe(404);

    // cancelled while its workers run: they end, the run stays cancelled, the slot is free again
    const second = WhatIfRunStatus.parse((await start({ ...request, policies: ['siloed', 'joint'] })).json());
    let status = second;
    let waitedMs = 0;
    while (status.state === 'running' && !(status.stage === 'simulating' && liveSimulationWorkers() > 0) && waitedMs < 30_000) {
      await sleep(2);
      waitedMs += 2;
      status = WhatIfRunStatus.parse((await get(second.id)).json());
    }
    expect(status.state).toBe('running');
    expect(liveSimulationWorkers()).toBeGreaterThan(0);
    // the server answers other requests while the run goes on
    const health = await t.http.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const cancelled = await t.http.inject({ method: 'DELETE', url: `/api/allocation/what-if/runs/${second.id}`, headers: { authorization: auth } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(WhatIfRunStatus.parse(cancelled.json())).toMatchObject({ state: 'cancelled' });
    await expect.poll(() => liveSimulationWorkers(), { timeout: 10_000 }).toBe(0);
    await sleep(200);
    const after = WhatIfRunStatus.parse((await get(second.id)).json());
    expect(after.state).toBe('cancelled');
    expect(after.result).toBeUndefined();
    expect(after.policies.every((p) => p.state === 'cancelled')).toBe(true);
    // the run is the table's: whose it is, where it runs, the cancel asked, and what GET answers
    const row = await t.app.db.kysely.selectFrom('what_if_runs').selectAll().where('id', '=', second.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'cancelled', instance: expect.stringContaining(`:${process.pid}:`) });
    expect(row.cancel_requested_at).not.toBeNull();
    expect(WhatIfRunStatus.parse(JSON.parse(row.status))).toEqual(after);
    const firstRow = await t.app.db.kysely.selectFrom('what_if_runs').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(firstRow.state).toBe('done');
    expect(JSON.parse(firstRow.status).result.runs).toEqual(last.result!.runs);
    // the slots are free: two runs may start again, a third is told to wait
    const again = [await start({ ...request, days: 1, policies: ['joint'] }), await start({ ...request, days: 1, policies: ['joint'] })];
    expect(again.map((r) => r.statusCode)).toEqual([202, 202]);
    const third = await start({ ...request, days: 1, policies: ['joint'] });
    expect(third.statusCode).toBe(429);
    for (const r of again) await expect.poll(async () => WhatIfRunStatus.parse((await get(r.json().id)).json()).state, { timeout: 30_000 }).toBe('done');
    // bad requests are refused before a run starts, naming the field
    const bad = await start({ days: 0, policies: ['joint'], moves: [{ unitId: 'nope', to: { kind: 'place', placeId: 'x' } }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('body.days');
    expect((await get('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('keeps runs in a table: a cancel marked there ends the workers, a silent instance reads as failed, ended runs expire', async () => {
    const k = t.app.db.kysely;
    const store = new WhatIfRunStore(t.app.db);
    const start = (payload: unknown) => t.http.inject({ method: 'POST', url: '/api/allocation/what-if/runs?lang=en', headers: { authorization: auth }, payload: payload as never });
    const get = (id: string) => t.http.inject({ method: 'GET', url: `/api/allocation/what-if/runs/${id}?lang=en`, headers: { authorization: auth } });
    const cancel = (id: string) => t.http.inject({ method: 'DELETE', url: `/api/allocation/what-if/runs/${id}?lang=en`, headers: { authorization: auth } });

    // a cancel marked in the table, as a DELETE on another instance marks it: this instance ends its workers
    const run = WhatIfRunStatus.parse((await start({ days: 14, seed: 9, policies: ['siloed', 'joint'] })).json());
    let status = run;
    await expect
      .poll(
        async () => {
          status = WhatIfRunStatus.parse((await get(run.id)).json());
          return status.state !== 'running' || (status.stage === 'simulating' && liveSimulationWorkers() > 0);
        },
        { timeout: 30_000, interval: 5 },
      )
      .toBe(true);
    expect(status.state).toBe('running');
    expect(await store.requestCancel({ ...status, state: 'cancelled', stage: 'finished' })).toBe(true);
    await expect.poll(() => liveSimulationWorkers(), { timeout: 5_000 }).toBe(0);
    // the runner's later writes do not undo it, and its slot is free again
    await sleep(600);
    expect(WhatIfRunStatus.parse((await get(run.id)).json()).state).toBe('cancelled');
    const two = [await start({ days: 1, policies: ['joint'] }), await start({ days: 1, policies: ['joint'] })];
    expect(two.map((r) => r.statusCode)).toEqual([202, 202]);
    for (const r of two) await expect.poll(async () => WhatIfRunStatus.parse((await get(r.json().id)).json()).state, { timeout: 30_000 }).toBe('done');

    // a running run whose instance has said nothing for over a minute reads as failed, and cannot be cancelled
    const ownerId = (await k.selectFrom('what_if_runs').select('owner_id').where('id', '=', run.id).executeTakeFirstOrThrow()).owner_id;
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    const put = async (updatedMsAgo: number, state: WhatIfRunStatus['state'] = 'running') => {
      const id = randomUUID();
      const s: WhatIfRunStatus = { ...status, id, state, stage: state === 'running' ? 'simulating' : 'finished' };
      await k.insertInto('what_if_runs').values({ id, owner_id: ownerId, state, status: JSON.stringify(s), cancel_requested_at: null, instance: 'elsewhere:1:dead', created_at: ago(updatedMsAgo + 1000), updated_at: ago(updatedMsAgo) }).execute();
      return id;
    };
    const silent = await put(2 * 60_000);
    const lost = WhatIfRunStatus.parse((await get(silent)).json());
    expect(lost).toMatchObject({ state: 'failed', stage: 'finished', error: { code: 'internal', message: expect.stringMatching(/has not answered for 60 s/) } });
    expect(lost.policies.every((p) => p.state === 'failed')).toBe(true);
    const zh = await t.http.inject({ method: 'GET', url: `/api/allocation/what-if/runs/${silent}`, headers: { authorization: auth, 'accept-language': 'zh-CN' } });
    expect(zh.json().error.message).toContain('没有回应');
    expect(WhatIfRunStatus.parse((await cancel(silent)).json()).state).toBe('failed');
    expect((await k.selectFrom('what_if_runs').select('cancel_requested_at').where('id', '=', silent).executeTakeFirstOrThrow()).cancel_requested_at).toBeNull();
    // one running on another instance that still speaks is cancelled through the table
    const elsewhere = await put(1000);
    expect(WhatIfRunStatus.parse((await get(elsewhere)).json()).state).toBe('running');
    const marked = await cancel(elsewhere);
    expect(marked.statusCode, marked.body).toBe(200);
    expect(WhatIfRunStatus.parse(marked.json())).toMatchObject({ state: 'cancelled', stage: 'finished' });
    expect((await k.selectFrom('what_if_runs').select(['state', 'cancel_requested_at']).where('id', '=', elsewhere).executeTakeFirstOrThrow())).toMatchObject({ state: 'cancelled', cancel_requested_at: expect.any(String) });

    // the periodic job removes what ended (or went silent) more than 15 minutes ago, and only that
    const old = await put(16 * 60_000, 'done');
    const oldSilent = await put(16 * 60_000);
    const recent = await put(14 * 60_000, 'done');
    expect(await t.app.jobs.runNow('allocation.what-if-runs-expiry')).toBe(true);
    const left = new Set((await k.selectFrom('what_if_runs').select('id').execute()).map((r) => r.id));
    expect(left.has(old)).toBe(false);
    expect(left.has(oldSilent)).toBe(false);
    for (const id of [recent, silent, elsewhere, run.id]) expect(left.has(id)).toBe(true);
    expect((await get(old)).statusCode).toBe(404);
  });

  it('answers the three questions of the mechanism’s effectiveness, each with its assumptions, and as a PDF', async () => {
    const get = (url: string, who = auth) => t.http.inject({ method: 'GET', url, headers: { authorization: who } });
    const res = await get('/api/allocation/effectiveness?days=3&p=10');
    expect(res.statusCode, res.body).toBe(200);
    const r = EffectivenessReport.parse(res.json());
    expect(r.response.days).toBe(3);
    expect(r.response.joint.incidents).toBe(r.response.siloed.incidents);
    expect(r.response.joint.p90S!).toBeLessThanOrEqual(r.response.siloed.p90S!);
    expect(r.posts).toMatchObject({ p: 10, limitMin: 15 });
    expect(r.posts.gainPts).toBeCloseTo(r.posts.proposedShare - r.posts.currentShare, 1);
    expect(r.patrols.game).toBeLessThanOrEqual(r.patrols.byRank);
    for (const part of [r.response, r.posts, r.patrols]) expect(part.assumptions.length).toBeGreaterThan(0);
    // nothing was written: no randomised duties from a report
    expect((await t.app.db.kysely.selectFrom('patrol_plans').select('id').where('randomised', '=', 1).execute()).length).toBe(0);
    const pdf = await get('/api/allocation/effectiveness.pdf?days=2&p=10&lang=en');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get('/api/allocation/effectiveness?days=0')).json().error.details.fields[0].field).toBe('query.days');
    expect((await get('/api/allocation/effectiveness', await t.login('liubei.liaison'))).statusCode).toBe(403);
  });
});

/** Behind a balancer the page's GET and DELETE reach any instance: two apps on one PostgreSQL database. */
describe('what-if runs across two instances of one database (PostgreSQL; SQLite is one process)', () => {
  let a: TestApp;
  let b: App | null = null;
  let auth: string;
  beforeAll(async () => {
    a = await startApp({ engine: 'postgres', demo: true });
    // the same configuration, database and keys: a second instance, as the cluster starts them
    b = await createApp(a.app.config, { demoPassword: DEMO_PASSWORD, loginDelay: async () => {} });
    auth = await a.login('admin');
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const on = (app: App) => ({
    start: (payload: unknown) => app.http.inject({ method: 'POST', url: '/api/allocation/what-if/runs?lang=en', headers: { authorization: auth }, payload: payload as never }),
    get: (id: string, who = auth) => app.http.inject({ method: 'GET', url: `/api/allocation/what-if/runs/${id}?lang=en`, headers: { authorization: who } }),
    cancel: (id: string) => app.http.inject({ method: 'DELETE', url: `/api/allocation/what-if/runs/${id}?lang=en`, headers: { authorization: auth } }),
  });

  it('starts a run on one instance, follows and cancels it through the other; slots stay per instance; a stopped instance’s runs read as failed', async () => {
    const A = on(a.app);
    const B = on(b!);
    // signed in before: a sign-in between seeing the run simulate and cancelling it gave a run on
    // an idle core time to finish (it answered done, not cancelled)
    const dispatcher = await a.login('lz.dispatcher1');
    // long enough (a year) to be caught while it simulates, however fast the machine is
    const started = await A.start({ days: 366, seed: 5, policies: ['siloed', 'joint'] });
    expect(started.statusCode, started.body).toBe(202);
    const id = WhatIfRunStatus.parse(started.json()).id;
    // B follows it as it moves on A
    const seen: WhatIfRunStatus[] = [];
    await expect
      .poll(
        async () => {
          const r = await B.get(id);
          expect(r.statusCode, r.body).toBe(200);
          seen.push(WhatIfRunStatus.parse(r.json()));
          return seen.at(-1)!.state !== 'running' || (seen.at(-1)!.stage === 'simulating' && liveSimulationWorkers() > 0 && seen.at(-1)!.progress > 0.05);
        },
        { timeout: 30_000, interval: 20 },
      )
      .toBe(true);
    expect(seen.at(-1)!.state).toBe('running');
    expect(new Set(seen.map((s) => s.progress)).size).toBeGreaterThan(1);
    // someone else is told it does not exist, on either instance
    expect((await B.get(id, dispatcher)).statusCode).toBe(404);
    expect((await A.get(id, dispatcher)).statusCode).toBe(404);
    // B cancels it: A sees the mark and ends its workers; both answer cancelled from then on
    const cancelled = await B.cancel(id);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(WhatIfRunStatus.parse(cancelled.json())).toMatchObject({ state: 'cancelled', stage: 'finished' });
    await expect.poll(() => liveSimulationWorkers(), { timeout: 5_000 }).toBe(0);
    await sleep(600);
    for (const side of [A, B]) {
      const s = WhatIfRunStatus.parse((await side.get(id)).json());
      expect(s.state).toBe('cancelled');
      expect(s.result).toBeUndefined();
    }

    // two at once per instance: A's third waits, B takes one of its own; all are read through the other
    const onA = [await A.start({ days: 1, policies: ['joint'] }), await A.start({ days: 1, policies: ['joint'] })];
    expect(onA.map((r) => r.statusCode)).toEqual([202, 202]);
    expect((await A.start({ days: 1, policies: ['joint'] })).statusCode).toBe(429);
    const onB = await B.start({ days: 1, policies: ['joint'] });
    expect(onB.statusCode, onB.body).toBe(202);
    for (const r of onA) await expect.poll(async () => WhatIfRunStatus.parse((await B.get(r.json().id)).json()).state, { timeout: 30_000 }).toBe('done');
    await expect.poll(async () => WhatIfRunStatus.parse((await A.get(onB.json().id)).json()).state, { timeout: 30_000 }).toBe('done');
    const done = WhatIfRunStatus.parse((await B.get(onA[0]!.json().id)).json());
    expect(done.result!.runs[0]!.result.counts.generated).toBeGreaterThan(0);

    // B stops while a run of its own simulates: A reads it as failed, with why
    const onBLong = WhatIfRunStatus.parse((await B.start({ days: 366, seed: 6, policies: ['siloed', 'joint'] })).json());
    await expect.poll(async () => liveSimulationWorkers() > 0 || WhatIfRunStatus.parse((await A.get(onBLong.id)).json()).state !== 'running', { timeout: 30_000, interval: 5 }).toBe(true);
    await b!.close();
    b = null;
    await expect.poll(() => liveSimulationWorkers(), { timeout: 5_000 }).toBe(0);
    const stopped = WhatIfRunStatus.parse((await A.get(onBLong.id)).json());
    expect(stopped).toMatchObject({ state: 'failed', stage: 'finished', error: { code: 'internal', message: expect.stringMatching(/stopped; start it again/) } });
  });
});
