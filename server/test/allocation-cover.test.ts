import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoverResult, PatrolGameResult } from '@railjoint/contracts';
import { randomCoverInstance } from '../src/modules/allocation/cover/generate.js';
import { solveCover } from '../src/modules/allocation/cover/solve.js';
import { INLINE_ENTRIES } from '../src/modules/allocation/cover/routes.js';
import { ENGINES, startApp, type TestApp } from './harness.js';

/** `POST /api/allocation/cover`: the covering solver on a plain instance, in a worker thread. */
describe.each(ENGINES)('where posts should be (API) on %s', (engine) => {
  let t: TestApp;
  let auth: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: false });
    auth = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers what the command line answers, from a worker thread, and keeps serving meanwhile', async () => {
    const inst = randomCoverInstance({ seed: 5, sites: 150, demands: 2500, p: 12, fixed: 2, radiusKm: 15 });
    // large enough for a thread of its own
    expect(Object.values(inst.covers).flat().length).toBeGreaterThan(INLINE_ENTRIES);
    let solved = false;
    const solving = t.http.inject({ method: 'POST', url: '/api/allocation/cover', headers: { authorization: auth }, payload: inst }).then((r) => {
      solved = true;
      return r;
    });
    // another request is answered while the solver runs
    const health = await t.http.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(solved).toBe(false);
    const res = await solving;
    expect(res.statusCode, res.body).toBe(200);
    const body = CoverResult.parse(res.json());
    const local = solveCover(inst);
    expect({ ...body, seconds: 0 }).toEqual({ ...local, seconds: 0 });
    expect(body.chosen).toEqual(expect.arrayContaining(['s0', 's1']));
  });

  it('solves a small instance in the request itself', async () => {
    const inst = randomCoverInstance({ seed: 6, sites: 20, demands: 100, p: 3, radiusKm: 20 });
    const res = await t.http.inject({ method: 'POST', url: '/api/allocation/cover', headers: { authorization: auth }, payload: inst });
    expect(res.statusCode, res.body).toBe(200);
    expect({ ...res.json(), seconds: 0 }).toEqual({ ...solveCover(inst), seconds: 0 });
    // groups with budgets and posts with capacities pass through as they are
    const limited = { ...inst, sites: inst.sites.map((s, j) => ({ ...s, group: j % 2 ? 'local' : 'railway', capacity: 6 })), budgets: { railway: 1 } };
    const limitedRes = await t.http.inject({ method: 'POST', url: '/api/allocation/cover', headers: { authorization: auth }, payload: limited });
    expect(limitedRes.statusCode, limitedRes.body).toBe(200);
    const answer = limitedRes.json();
    expect({ ...answer, seconds: 0 }).toEqual({ ...solveCover(limited), seconds: 0 });
    expect(answer.chosen.filter((id: string) => Number(id.slice(1)) % 2 === 0).length).toBeLessThanOrEqual(1);
    expect(answer.covered).toBeLessThanOrEqual(6 * answer.chosen.length);
  });

  it('refuses a bad instance naming each field, and strangers', async () => {
    const res = await t.http.inject({
      method: 'POST',
      url: '/api/allocation/cover?lang=en',
      headers: { authorization: auth },
      payload: { p: 3, sites: [{ id: 'a' }, { id: 'b', fixed: true }], demands: [{ id: 'x', weight: -1 }], covers: { a: ['x', 'zz'] } },
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().error.details.fields as Array<{ field: string; message: string }>).map((f) => `${f.field}: ${f.message}`);
    expect(fields).toEqual(expect.arrayContaining(['body.demands[0].weight: a weight cannot be negative', 'body.p: p (3) is larger than the number of sites (2)', 'body.covers.a[1]: unknown demand "zz"']));
    const zh = await t.http.inject({ method: 'POST', url: '/api/allocation/cover', headers: { authorization: auth }, payload: { p: 1, sites: [{ id: 'a' }], demands: [], covers: { b: [] } } });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.details.fields).toEqual([{ field: 'body.covers.b', message: '未知候选点“b”' }]);
    const anonymous = await t.http.inject({ method: 'POST', url: '/api/allocation/cover', payload: { p: 1, sites: [{ id: 'a' }], demands: [], covers: {} } });
    expect(anonymous.statusCode).toBe(401);
    // and it is documented with its schemas
    const doc = await t.http.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.json().paths['/api/allocation/cover'].post.requestBody).toBeDefined();
  });

  it('plays the randomised-patrol game: in a worker thread for a department-sized game, bad games refused by field', async () => {
    const targets = Array.from({ length: 30 }, (_, i) => ({ id: `K${500 + i}`, value: 1 + ((i * 37) % 11) }));
    const teams = Array.from({ length: 6 }, (_, r) => ({ id: `team${r}`, reach: targets.filter((_, i) => Math.abs(i - r * 5) <= 6).map((t) => t.id) }));
    const res = await t.http.inject({ method: 'POST', url: '/api/allocation/patrol-game', headers: { authorization: auth }, payload: { targets, teams, caughtShare: 0.5, days: 7 } });
    expect(res.statusCode, res.body).toBe(200);
    const r = PatrolGameResult.parse(res.json());
    expect(r.schedules).toHaveLength(7);
    expect(r.game.defenderUtility).toBeGreaterThanOrEqual(Math.max(r.byRank.defenderUtility, r.uniform.defenderUtility));
    const bad = await t.http.inject({ method: 'POST', url: '/api/allocation/patrol-game?lang=en', headers: { authorization: auth }, payload: { targets: [{ id: 'a', value: -1 }], teams: [{ id: 'r', reach: ['b'] }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['body.targets[0].value', 'body.teams[0].reach[0]']));
  });
});
