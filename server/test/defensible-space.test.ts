import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assessment, CountermeasurePlan, SpaceEvaluation, SpacePlanIssued, SpaceSectionList, SpaceSiteDetail, SpaceSiteList, SpaceTemplateList } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { jpegWithGps } from '../src/modules/patrols/photos.fixtures.js';
import { startClockAt } from '../src/platform/clock.js';

/**
 * Defensible-space assessments (issue 12) from the HTTP side on the demo department: templates as
 * data, edited by analysts with their rules checked; a level crossing scored on its template with
 * the measured items filled from the platform's data (a hazard reported nearby shows at once);
 * the weakest aspect and its measures; history, section scores, a plan under a budget; who may
 * do what; bad input named by field and nothing written.
 */
const USERS = ['lz.dispatcher1', 'lz.analyst', 'lz.auditor', 'vt.luorong.volunteer1', 'yufeng.liaison'];

describe.each(ENGINES)('defensible space on %s', (engine) => {
  let t: TestApp;
  const auth = new Map<string, string>();
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    for (const u of USERS) auth.set(u, await t.login(u));
  });
  afterAll(async () => {
    startClockAt(null);
    await t?.close();
  });

  const call = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => t.http.inject({ method, url, payload: payload as never, headers: { authorization: auth.get(user)! } });
  const ok = async (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await call(user, method, url, payload);
    expect(res.statusCode, `${user} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const fields = (res: { json(): { error: { details: { fields: Array<{ field: string }> } } } }) => res.json().error.details.fields.map((f) => f.field);
  const count = async (table: 'space_sites' | 'space_assessments' | 'space_templates') => Number((await t.app.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('seeds the demo department with assessed bridges, tunnel portals, crossings and forecourts, one with a history', async () => {
    const sites = SpaceSiteList.parse(await ok('lz.analyst', 'GET', '/api/defensible-space/sites')).sites;
    expect(new Set(sites.map((s) => s.siteType))).toEqual(new Set(['bridge', 'tunnel_portal', 'level_crossing', 'station_forecourt']));
    expect(sites.every((s) => s.latest !== null)).toBe(true);
    const histories = await Promise.all(sites.map(async (s) => SpaceSiteDetail.parse(await ok('lz.analyst', 'GET', `/api/defensible-space/sites/${s.id}`)).history.length));
    expect(histories.filter((n) => n === 2)).toHaveLength(1);
  });

  it('keeps a template per site type as data, edited by analysts under its rules', async () => {
    const list = SpaceTemplateList.parse(await ok('yufeng.liaison', 'GET', '/api/defensible-space/templates'));
    expect(list.templates.map((x) => x.siteType)).toEqual(['station_forecourt', 'level_crossing', 'underpass', 'bridge', 'tunnel_portal', 'line_stretch', 'freight_yard']);
    const crossing = list.templates.find((x) => x.siteType === 'level_crossing')!;
    expect(crossing.version).toBe(0);
    expect(new Set(crossing.items.map((i) => i.aspect))).toEqual(new Set(['regionality', 'monitoring', 'appearance', 'environment']));
    expect(crossing.items.filter((i) => i.measured).map((i) => i.measured)).toEqual(['camera_coverage', 'patrols_per_week', 'open_hazards', 'incidents_last_year']);

    const edited = { items: [...crossing.items, { id: 'warning_bells', aspect: 'monitoring', nameZh: '道口报警铃', nameEn: 'Crossing bells', measured: null }] };
    expect((await call('yufeng.liaison', 'PUT', '/api/defensible-space/templates/level_crossing', edited)).statusCode).toBe(403);
    const v1 = await ok('lz.analyst', 'PUT', '/api/defensible-space/templates/level_crossing', edited);
    expect(v1).toMatchObject({ version: 1, updatedBy: 'lz.analyst' });
    // no appearance item, an id twice: refused, named, nothing written
    const broken = await call('lz.analyst', 'PUT', '/api/defensible-space/templates/level_crossing', { items: [...crossing.items.filter((i) => i.aspect !== 'appearance'), crossing.items[0]] });
    expect(broken.statusCode).toBe(400);
    expect(fields(broken)).toContain('body.items');
    expect(fields(broken).some((f) => /^body\.items\[\d+\]\.id$/.test(f))).toBe(true);
    expect((await call('lz.analyst', 'PUT', '/api/defensible-space/templates/ufo', edited)).statusCode).toBe(400);
    expect(SpaceTemplateList.parse(await ok('lz.analyst', 'GET', '/api/defensible-space/templates')).templates.find((x) => x.siteType === 'level_crossing')!.version).toBe(1);
  });

  it('scores a level crossing with the platform’s measurements, names its weakest aspect and what to do', async () => {
    const site = SpaceSiteDetail.parse(await ok('yufeng.liaison', 'POST', '/api/defensible-space/sites', { siteType: 'level_crossing', name: '天马村道口', place: { lineId: 'xianggui', mileage: 'K500+200' } }));
    expect(site).toMatchObject({ lineId: 'xianggui', mileage: 'K500+200', latest: null, history: [] });
    expect(site.measured.map((m) => m.kind).sort()).toEqual(['camera_coverage', 'incidents_last_year', 'open_hazards', 'patrols_per_week']);
    const hazardsBefore = site.measured.find((m) => m.kind === 'open_hazards')!.value;

    // a hazard reported 100 m away counts at once
    await ok('lz.dispatcher1', 'POST', '/api/hazards', { type: 'broken_fence', severity: 'major', description: '道口旁护网缺口', place: { lineId: 'xianggui', mileage: 'K500+300' } });
    const again = SpaceSiteDetail.parse(await ok('yufeng.liaison', 'GET', `/api/defensible-space/sites/${site.id}`));
    expect(again.measured.find((m) => m.kind === 'open_hazards')!.value).toBe(hazardsBefore + 1);
    // so does a past incident imported for risk, 100 m the other way
    const incidentsBefore = again.measured.find((m) => m.kind === 'incidents_last_year')!.value;
    const csv = `occurredAt,category,lineId,mileage\n${new Date(Date.now() - 30 * 86_400_000).toISOString()},stone_throwing,xianggui,K500+100\n`;
    const imported = await t.http.inject({ method: 'POST', url: '/api/risk/history', payload: csv, headers: { authorization: auth.get('lz.analyst')!, 'content-type': 'text/csv' } });
    expect(imported.statusCode, imported.body).toBe(201);
    const third = SpaceSiteDetail.parse(await ok('yufeng.liaison', 'GET', `/api/defensible-space/sites/${site.id}`));
    expect(third.measured.find((m) => m.kind === 'incidents_last_year')!.value).toBe(incidentsBefore + 1);

    const template = SpaceTemplateList.parse(await ok('yufeng.liaison', 'GET', '/api/defensible-space/templates')).templates.find((x) => x.siteType === 'level_crossing')!;
    const judged = template.items.filter((i) => !i.measured);
    // regionality good, monitoring poor: monitoring is weakest unless measured items pull another lower
    const score = (aspect: string) => (aspect === 'monitoring' ? 0 : aspect === 'regionality' ? 4 : 3);
    const scores = judged.map((i) => ({ itemId: i.id, score: score(i.aspect), note: i.id === 'lighting' ? '夜间无路灯' : undefined }));

    const before = await count('space_assessments');
    const missing = await call('yufeng.liaison', 'POST', `/api/defensible-space/sites/${site.id}/assessments`, { scores: scores.slice(1) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain(judged[0]!.nameZh);
    const measuredByHand = await call('yufeng.liaison', 'POST', `/api/defensible-space/sites/${site.id}/assessments`, { scores: [...scores, { itemId: 'camera_coverage', score: 4 }] });
    expect(fields(measuredByHand)).toEqual([`body.scores[${scores.length}].score`]);
    const outOfRange = await call('yufeng.liaison', 'POST', `/api/defensible-space/sites/${site.id}/assessments`, { scores: [{ ...scores[0], score: 5 }, ...scores.slice(1)] });
    expect(fields(outOfRange)).toEqual(['body.scores[0].score']);
    const fraction = await call('yufeng.liaison', 'POST', `/api/defensible-space/sites/${site.id}/assessments`, { scores: [{ ...scores[0], score: 2.5 }, ...scores.slice(1)] });
    expect(fields(fraction)).toEqual(['body.scores[0].score']);
    expect(await count('space_assessments')).toBe(before);
    expect((await call('vt.luorong.volunteer1', 'POST', `/api/defensible-space/sites/${site.id}/assessments`, { scores })).statusCode).toBe(403);

    const a = Assessment.parse((await call('yufeng.liaison', 'POST', `/api/defensible-space/sites/${site.id}/assessments`, { scores })).json());
    expect(a.assessedByName).not.toBe('yufeng.liaison');
    const m = new Map(third.measured.map((x) => [x.kind, x]));
    for (const item of a.items.filter((i) => i.measured)) {
      expect(item.score, item.id).toBe(m.get(item.measured!)!.score);
      expect(item.measuredValue, item.id).toBe(m.get(item.measured!)!.value);
    }
    expect(a.items.find((i) => i.id === 'lighting')).toMatchObject({ score: 0, note: '夜间无路灯', measuredValue: null });
    expect(a.aspects.regionality).toBeGreaterThan(a.aspects.monitoring);
    expect(a.weakest).toBe(Object.entries(a.aspects).sort((x, y) => x[1] - y[1])[0]![0]);
    expect(a.recommendations.length).toBeGreaterThan(0);
    expect(a.recommendations.every((r) => r.aspect === a.weakest)).toBe(true);

    // a photo in evidence of the dark crossing, by the agency that assessed it; its location metadata removed
    const photoId = crypto.randomUUID();
    const upload = (who: string, item: string, id = photoId) => t.http.inject({ method: 'POST', url: `/api/defensible-space/assessments/${a.id}/photos?itemId=${item}&photoId=${id}`, payload: jpegWithGps(), headers: { authorization: auth.get(who)!, 'content-type': 'image/jpeg', 'x-filename': 'crossing-at-night.jpg' } });
    expect((await upload('lz.dispatcher1', 'lighting')).statusCode).toBe(403);
    expect(fields(await upload('yufeng.liaison', 'no-such-item'))).toEqual(['query.itemId']);
    const uploaded = await upload('yufeng.liaison', 'lighting');
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const withPhoto = SpaceSiteDetail.parse(uploaded.json());
    expect(withPhoto.history[0]!.photos).toEqual([expect.objectContaining({ id: photoId, itemId: 'lighting', contentType: 'image/jpeg', by: 'yufeng.liaison' })]);
    expect((await upload('yufeng.liaison', 'lighting')).statusCode).toBe(201);
    const stored = await call('lz.analyst', 'GET', `/api/defensible-space/assessments/${a.id}/photos/${photoId}`);
    expect(stored.statusCode).toBe(200);
    expect(stored.rawPayload.includes(Buffer.from('GPS'))).toBe(false);
    expect((await call('vt.luorong.volunteer1', 'GET', `/api/defensible-space/assessments/${a.id}/photos/${photoId}`)).statusCode).toBe(403);

    // a second assessment later: history newest first, the list shows the latest
    const second = Assessment.parse(await ok('lz.dispatcher1', 'POST', `/api/defensible-space/sites/${site.id}/assessments`, { scores: judged.map((i) => ({ itemId: i.id, score: 4 })) }));
    const detail = SpaceSiteDetail.parse(await ok('lz.analyst', 'GET', `/api/defensible-space/sites/${site.id}`));
    expect(detail.history.map((h) => h.id)).toEqual([second.id, a.id]);
    expect(detail.latest).toMatchObject({ id: second.id, total: second.total });
    expect(second.total).toBeGreaterThan(a.total);
    const listed = SpaceSiteList.parse(await ok('lz.analyst', 'GET', '/api/defensible-space/sites?lineId=xianggui')).sites.find((s) => s.id === site.id)!;
    expect(listed.latest?.id).toBe(second.id);
    const sections = SpaceSectionList.parse(await ok('lz.analyst', 'GET', '/api/defensible-space/sections')).sections;
    expect(sections.find((s) => s.sectionId === site.sectionId)).toMatchObject({ sites: 1, total: second.total });

    // who assessed what, and when, is on the change log
    const log = await t.app.db.kysely.selectFrom('change_log').select(['action', 'actor_user_id']).where('entity', '=', 'space_site').where('entity_id', '=', site.id).orderBy('id').execute();
    expect(log.map((l) => l.action)).toEqual(['create', 'assess', 'evidence_photo', 'assess']);
  });

  it('plans countermeasures within a budget, exactly, and never worse than greedy', async () => {
    // a second, weaker site so the plan has a choice to make
    const site = SpaceSiteDetail.parse(await ok('lz.dispatcher1', 'POST', '/api/defensible-space/sites', { siteType: 'bridge', name: '洛清江大桥', place: { lineId: 'xianggui', mileage: 'K510+000' } }));
    const template = SpaceTemplateList.parse(await ok('lz.analyst', 'GET', '/api/defensible-space/templates')).templates.find((x) => x.siteType === 'bridge')!;
    await ok('lz.dispatcher1', 'POST', `/api/defensible-space/sites/${site.id}/assessments`, { scores: template.items.filter((i) => !i.measured).map((i) => ({ itemId: i.id, score: 1 })) });
    const plan = CountermeasurePlan.parse(await ok('lz.analyst', 'POST', '/api/defensible-space/plans', { budgetWan: 12 }));
    expect(plan.costWan).toBeLessThanOrEqual(12);
    expect(plan.chosen.length).toBeGreaterThan(0);
    expect(plan.reduction).toBeGreaterThanOrEqual(plan.greedy.reduction);
    expect(new Set(plan.chosen.map((c) => `${c.siteId}:${c.aspect}`)).size).toBe(plan.chosen.length);
    const only = CountermeasurePlan.parse(await ok('lz.analyst', 'POST', '/api/defensible-space/plans', { budgetWan: 12, siteIds: [site.id] }));
    expect(only.chosen.every((c) => c.siteId === site.id)).toBe(true);
    const unknown = await call('lz.analyst', 'POST', '/api/defensible-space/plans', { budgetWan: 12, siteIds: [site.id, 'nope'] });
    expect(fields(unknown)).toEqual(['body.siteIds[1]']);
    expect(fields(await call('lz.analyst', 'POST', '/api/defensible-space/plans', { budgetWan: -1 }))).toEqual(['body.budgetWan']);

    // the centre turns the plan into task orders to the section chiefs' agencies, all at once
    const deadline = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const tasksBefore = Number((await t.app.db.kysely.selectFrom('tasks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect((await call('lz.analyst', 'POST', '/api/defensible-space/plans/issue', { budgetWan: 12, siteIds: [site.id], deadline })).statusCode).toBe(403);
    const issued = SpacePlanIssued.parse(await ok('lz.dispatcher1', 'POST', '/api/defensible-space/plans/issue', { budgetWan: 12, siteIds: [site.id], deadline }));
    expect(issued.tasks.length).toBe(issued.plan.chosen.length);
    const owners = await ok('lz.dispatcher1', 'GET', `/api/section-chiefs/lookup?lineId=xianggui&mileage=K510%2B000`);
    for (const [i, task] of issued.tasks.entries()) {
      const aspect = issued.plan.chosen[i]!.aspect;
      expect(task.toAgencyId).toBe(aspect === 'regionality' || aspect === 'monitoring' ? owners.assignment.railway.agencyId : owners.assignment.local.agencyId);
      expect(task.code).toMatch(/^ZL\d{8}-\d{4}$/);
    }
    const tasks = Number((await t.app.db.kysely.selectFrom('tasks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(tasks).toBe(tasksBefore + issued.tasks.length);
    const empty = await call('lz.dispatcher1', 'POST', '/api/defensible-space/plans/issue', { budgetWan: 0.1, siteIds: [site.id], deadline });
    expect(empty.json().error.code).toBe('empty_plan');
    expect(fields(await call('lz.dispatcher1', 'POST', '/api/defensible-space/plans/issue', { budgetWan: 12, deadline: '2020-01-01T00:00:00Z' }))).toEqual(['body.deadline']);
  });

  it('compares the treated site with untreated ones of its type before and after its measures are done', async () => {
    const before = SpaceEvaluation.parse(await ok('lz.analyst', 'GET', '/api/defensible-space/evaluation'));
    expect(before.sites).toEqual([]);
    expect(before.pending).toBeGreaterThan(0);
    // the owners complete every task of the plan issued above
    const items = await t.app.db.kysely.selectFrom('space_plan_items as p').innerJoin('tasks as t', 't.id', 'p.task_id').select(['p.task_id', 'p.site_id', 't.to_agency_id']).execute();
    const site = items[0]!.site_id;
    for (const i of items) {
      const who = (await t.app.db.kysely.selectFrom('users').select('username').where('agency_id', '=', i.to_agency_id).where('username', 'not like', '%auditor%').orderBy('username').executeTakeFirstOrThrow()).username;
      const token = await t.login(who);
      for (const [step, payload] of [['acknowledge', {}], ['complete', { note: '已完成' }]] as const) {
        const res = await t.http.inject({ method: 'POST', url: `/api/tasks/${i.task_id}/${step}`, headers: { authorization: token }, payload });
        expect(res.statusCode, res.body).toBeLessThan(300);
      }
    }
    expect(SpaceEvaluation.parse(await ok('lz.analyst', 'GET', '/api/defensible-space/evaluation'))).toMatchObject({ sites: [], pending: 0 });
    const doneAt = Date.now();
    // sixty days on: two incidents near the treated bridge before the measures, one after
    startClockAt(doneAt + 60 * 86_400_000);
    auth.set('lz.analyst', await t.login('lz.analyst'));
    const at = (ms: number) => new Date(ms).toISOString();
    const csv = ['occurredAt,category,lineId,mileage', `${at(doneAt - 20 * 86_400_000)},stone_throwing,xianggui,K510+050`, `${at(doneAt - 10 * 86_400_000)},stone_throwing,xianggui,K509+900`, `${at(doneAt + 10 * 86_400_000)},stone_throwing,xianggui,K510+000`].join('\n');
    const imported = await t.http.inject({ method: 'POST', url: '/api/risk/history', payload: csv, headers: { authorization: auth.get('lz.analyst')!, 'content-type': 'text/csv' } });
    expect(imported.statusCode, imported.body).toBe(201);
    const e = SpaceEvaluation.parse(await ok('lz.analyst', 'GET', '/api/defensible-space/evaluation'));
    const row = e.sites.find((x) => x.siteId === site)!;
    expect(row).toMatchObject({ siteType: 'bridge', windowDays: 60 });
    expect(row.treated.before).toBeGreaterThanOrEqual(2);
    expect(row.treated.after).toBe(1);
    // the demo's other bridges are the comparison group
    expect(row.controlSites).toBeGreaterThan(0);
    expect(e.overall.effect).toBeCloseTo(e.overall.treatedRatio / e.overall.controlRatio!, 12);
    startClockAt(null);
    auth.set('lz.analyst', await t.login('lz.analyst'));
  });

  it('keeps the assessments to the agencies’ working staff and refuses bad sites', async () => {
    for (const u of ['vt.luorong.volunteer1', 'lz.auditor']) expect((await call(u, 'GET', '/api/defensible-space/sites')).statusCode, u).toBe(403);
    const before = await count('space_sites');
    expect(fields(await call('lz.dispatcher1', 'POST', '/api/defensible-space/sites', { siteType: 'bridge', name: 'x', place: { lineId: 'nowhere', mileage: 'K1+000' } }))).toEqual(['body.place.lineId']);
    expect(fields(await call('lz.dispatcher1', 'POST', '/api/defensible-space/sites', { siteType: 'castle', name: 'x', place: { lineId: 'xianggui', mileage: 'K500+000' } }))).toEqual(['body.siteType']);
    expect((await call('lz.dispatcher1', 'GET', '/api/defensible-space/sites/nope')).statusCode).toBe(404);
    expect(await count('space_sites')).toBe(before);
  });
});
