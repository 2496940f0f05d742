import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EffectivenessReport } from '@railjoint/contracts';
import { WhatIfResult } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';

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
