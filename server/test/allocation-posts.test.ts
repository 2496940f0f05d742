import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostCandidate, PostCandidateList, PostPlan } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';

/**
 * Posts on the demo department's data: places analysts add, the current posts kept, budgets per
 * agency, capacities, ETAs per stretch and the areas that gain and lose.
 */
describe.each(ENGINES)('posts on the department data (API) on %s', (engine) => {
  let t: TestApp;
  let analyst: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    analyst = await t.login('lz.analyst');
  });
  afterAll(async () => t?.close());

  const send = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, who: string | null = analyst) =>
    t.http.inject({ method, url, headers: who ? { authorization: who } : {}, ...(payload !== undefined ? { payload: payload as never } : {}) });
  const fields = (body: string) => (JSON.parse(body).error.details.fields as Array<{ field: string }>).map((f) => f.field);
  /** a user of the agency with one of the roles, from the demo's accounts */
  const userOf = async (agencyId: string, role: string) => {
    const rows = await t.app.db.kysely.selectFrom('users').select(['username', 'roles']).where('agency_id', '=', agencyId).execute();
    return rows.find((r) => (JSON.parse(r.roles) as string[]).includes(role))?.username;
  };

  it('stores, lists and removes the places analysts add, for the agencies they may plan for', async () => {
    const added = await send('POST', '/api/allocation/post-candidates', { name: '柳州南联防点', agencyId: 'lz-ps-liuzhou', lineId: 'xianggui', mileage: 'K500+000' });
    expect(added.statusCode, added.body).toBe(201);
    const place = PostCandidate.parse(added.json());
    expect(place).toMatchObject({ name: '柳州南联防点', agencyId: 'lz-ps-liuzhou', lineId: 'xianggui', mileage: 'K500+000' });
    expect(place.agencyName).not.toBe('lz-ps-liuzhou');
    const byPoint = await send('POST', '/api/allocation/post-candidates', { name: '临时点', agencyId: 'lz-ps-liuzhou', coordinates: place.coordinates });
    expect(byPoint.statusCode, byPoint.body).toBe(201);
    const list = PostCandidateList.parse((await send('GET', '/api/allocation/post-candidates')).json());
    expect(list.candidates.map((c) => c.name)).toEqual(['柳州南联防点', '临时点']);

    // bad places are refused naming the field
    const bad = await send('POST', '/api/allocation/post-candidates?lang=en', { name: '', agencyId: 'nowhere', lineId: 'xianggui' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad.body)).toEqual(expect.arrayContaining(['body.name', 'body.mileage']));
    const unknownAgency = await send('POST', '/api/allocation/post-candidates', { name: 'x', agencyId: 'nowhere', coordinates: place.coordinates });
    expect(fields(unknownAgency.body)).toEqual(['body.agencyId']);
    const badMileage = await send('POST', '/api/allocation/post-candidates', { name: 'x', agencyId: 'lz-ps-liuzhou', lineId: 'xianggui', mileage: 'K99999+000' });
    expect(badMileage.statusCode).toBe(400);
    expect(fields(badMileage.body)).toEqual(['body.mileage']);
    expect(fields((await send('POST', '/api/allocation/post-candidates', { name: 'x', agencyId: 'lz-ps-liuzhou', lineId: 'nowhere', mileage: 'K1+000' })).body)).toEqual(['body.lineId']);

    // a police station's commander plans for their own station only; a liaison does not plan; strangers are not let in
    const other = (await t.app.db.kysely.selectFrom('agencies').select('id').where('type', '=', 'railway_police_station').where('id', '!=', 'lz-ps-liuzhou').orderBy('id').executeTakeFirst())!.id;
    const commander = await userOf(other, 'commander');
    expect(commander).toBeTruthy();
    const theirs = await t.login(commander!);
    expect((await send('POST', '/api/allocation/post-candidates', { name: 'x', agencyId: 'lz-ps-liuzhou', coordinates: place.coordinates }, theirs)).statusCode).toBe(403);
    const own = await send('POST', '/api/allocation/post-candidates', { name: '本所点', agencyId: other, coordinates: place.coordinates }, theirs);
    expect(own.statusCode, own.body).toBe(201);
    expect((await send('DELETE', `/api/allocation/post-candidates/${place.id}`, undefined, theirs)).statusCode).toBe(403);
    expect((await send('DELETE', `/api/allocation/post-candidates/${own.json().id}`, undefined, theirs)).statusCode).toBe(204);
    expect((await send('GET', '/api/allocation/post-candidates', undefined, await t.login('liubei.liaison'))).statusCode).toBe(403);
    expect((await send('GET', '/api/allocation/post-candidates', undefined, null)).statusCode).toBe(401);

    const removed = await send('DELETE', `/api/allocation/post-candidates/${byPoint.json().id}`);
    expect(removed.statusCode).toBe(204);
    expect((await send('DELETE', `/api/allocation/post-candidates/${byPoint.json().id}`)).statusCode).toBe(404);
    expect(PostCandidateList.parse((await send('GET', '/api/allocation/post-candidates')).json()).candidates.map((c) => c.name)).toEqual(['柳州南联防点']);
    // the change log has both
    const logged = await t.app.db.kysely.selectFrom('change_log').select(['action']).where('entity', '=', 'post_candidate').execute();
    expect(logged.map((r) => r.action).sort()).toEqual(['create', 'create', 'create', 'delete', 'delete']);
  });

  it('keeps the current posts and adds p more, with the added place among the candidates, ETAs per stretch and areas', async () => {
    const res = await send('POST', '/api/allocation/posts', { p: 20, limitMin: 15 });
    expect(res.statusCode, res.body).toBe(200);
    const plan = PostPlan.parse(res.json());
    expect(plan.keep).toBe(true);
    const current = plan.sites.filter((s) => s.current);
    expect(current.length).toBe(plan.current.posts);
    // every current post kept, p more added
    expect(current.every((s) => s.chosen)).toBe(true);
    expect(plan.proposed.posts).toBe(plan.current.posts + 20);
    expect(plan.p).toBe(20);
    expect(plan.proposed.share).toBeGreaterThanOrEqual(plan.current.share);
    // the analyst's place is a candidate, shown whether chosen or not, with its agency
    const place = plan.sites.find((s) => s.kind === 'user_place');
    expect(place).toMatchObject({ name: '柳州南联防点', agencyId: 'lz-ps-liuzhou', current: false });
    // stations, gates and cars belong to agencies; the cars' counts add up
    expect(plan.agencies.reduce((a, g) => a + g.now, 0)).toBe(plan.current.posts);
    expect(plan.agencies.reduce((a, g) => a + g.proposed, 0)).toBe(plan.proposed.posts);
    expect(plan.sites.filter((s) => s.chosen && s.kind !== 'unit_post').every((s) => s.agencyId !== null)).toBe(true);

    // ETAs: within the limit exactly where covered, never worse under a proposal that keeps every post
    for (const d of plan.demands) {
      // ETAs are whole seconds: a stretch just out of reach may read as the limit itself
      if (d.now) expect(d.etaNowS!).toBeLessThanOrEqual(plan.limitS);
      else if (d.etaNowS !== null) expect(d.etaNowS).toBeGreaterThanOrEqual(plan.limitS);
      if (d.proposed) expect(d.etaProposedS!).toBeLessThanOrEqual(plan.limitS);
      else if (d.etaProposedS !== null) expect(d.etaProposedS).toBeGreaterThanOrEqual(plan.limitS);
      if (d.etaNowS !== null) expect(d.etaProposedS!).toBeLessThanOrEqual(d.etaNowS);
      if (d.now) expect(d.proposed).toBe(true);
    }
    expect(plan.demands.some((d) => d.proposed && !d.now)).toBe(true);
    expect(plan.demands.some((d) => d.etaNowS !== null && d.etaNowS > plan.limitS)).toBe(true);
    expect(plan.horizonS).toBeGreaterThan(plan.limitS);

    // areas: each police station's ground (or a line nobody holds), adding up to the whole
    expect(plan.areas.length).toBeGreaterThan(1);
    expect(plan.areas.some((a) => a.kind === 'jurisdiction')).toBe(true);
    const sum = (k: 'weight' | 'now' | 'proposed') => plan.areas.reduce((a, x) => a + x[k], 0);
    expect(sum('weight')).toBeCloseTo(plan.totalWeight, 0);
    expect(sum('now') / plan.totalWeight * 100).toBeCloseTo(plan.current.share, 0);
    for (const a of plan.areas) expect(a.proposed).toBeGreaterThanOrEqual(a.now - 1e-6);
    const ids = new Set(plan.areas.map((a) => a.id));
    expect(plan.demands.every((d) => ids.has(d.areaId))).toBe(true);

    // from scratch, as before: p posts in all, through the query string too
    const scratch = PostPlan.parse((await send('GET', '/api/allocation/posts?p=10&keep=false')).json());
    expect(scratch.keep).toBe(false);
    expect(scratch.proposed.posts).toBe(10);
    expect(scratch.sites.filter((s) => s.chosen)).toHaveLength(10);
  }, 60_000);

  it('respects a budget of posts per agency and a capacity per post', async () => {
    const base = PostPlan.parse((await send('POST', '/api/allocation/posts', { p: 20 })).json());
    // the agencies the free proposal gives most new posts to get no new post at all, the next only one
    const byGain = [...base.agencies].filter((a) => a.proposed > a.now).sort((a, b) => b.proposed - b.now - (a.proposed - a.now));
    expect(byGain.length).toBeGreaterThan(2);
    const budgets: Record<string, number> = { [byGain[0]!.agencyId]: byGain[0]!.now, [byGain[1]!.agencyId]: byGain[1]!.now, [byGain[2]!.agencyId]: byGain[2]!.now + 1 };
    const res = await send('POST', '/api/allocation/posts', { p: 20, budgets });
    expect(res.statusCode, res.body).toBe(200);
    const plan = PostPlan.parse(res.json());
    for (const [agencyId, budget] of Object.entries(budgets)) {
      const row = plan.agencies.find((a) => a.agencyId === agencyId)!;
      expect(row.budget).toBe(budget);
      const chosen = plan.sites.filter((s) => s.chosen && s.agencyId === agencyId).length;
      expect(chosen).toBe(row.proposed);
      // the solver keeps within the budget
      expect(row.proposed, `${agencyId} proposed ${row.proposed} over its budget ${budget}`).toBeLessThanOrEqual(budget);
    }
    expect(plan.assumptions.join('')).toContain('预算');

    // a budget below the posts kept, or for an agency that staffs nothing, is refused by field
    const held = base.agencies.find((a) => a.now > 0)!;
    const staffsNothing = (await t.app.db.kysely.selectFrom('agencies').select('id').where('type', '=', 'township').orderBy('id').executeTakeFirst())!.id;
    expect(base.agencies.some((a) => a.agencyId === staffsNothing)).toBe(false);
    const bad = await send('POST', '/api/allocation/posts?lang=en', { p: 5, budgets: { [held.agencyId]: held.now - 1, nowhere: 2, [staffsNothing]: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad.body).sort()).toEqual([`body.budgets.${held.agencyId}`, `body.budgets.${staffsNothing}`, 'body.budgets.nowhere'].sort());
    // the same budget is fine when the posts are chosen from scratch
    expect((await send('POST', '/api/allocation/posts', { p: 5, keep: false, budgets: { [held.agencyId]: held.now - 1 } })).statusCode).toBe(200);

    // capacity: no set of posts answers more than they can carry
    const capacity = Math.max(0.001, base.totalWeight / 200);
    const capped = PostPlan.parse((await send('POST', '/api/allocation/posts', { p: 20, capacity })).json());
    expect(capped.capacity).toBe(capacity);
    expect(capped.current.covered).toBeLessThanOrEqual(capped.current.posts * capacity + 1e-6);
    expect(capped.proposed.covered).toBeLessThanOrEqual(capped.proposed.posts * capacity + 1e-6);
    expect(capped.current.covered).toBeLessThan(base.current.covered);
    expect(capped.proposed.covered).toBeGreaterThanOrEqual(capped.current.covered - 1e-6);

    // the planners' only
    expect((await send('POST', '/api/allocation/posts', { p: 5 }, await t.login('liubei.liaison'))).statusCode).toBe(403);
    expect((await send('POST', '/api/allocation/posts', { p: 5 }, null)).statusCode).toBe(401);
  }, 60_000);
});
