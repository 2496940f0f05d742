import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EffectivenessReport } from '@railjoint/contracts';
import { WhatIfResult, WhatIfRunStatus, WhatIfSetup } from '@railjoint/contracts';
import { liveSimulationWorkers } from '../src/modules/allocation/simulation/run-in-worker.js';
import { ENGINES, startApp, type TestApp } from './harness.js';

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
