import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssessmentResult } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { startClockAt } from '../src/platform/clock.js';

/**
 * The assessment (考核, issue 14) from the HTTP side on the demo department: the month's scores
 * under the demo scheme, an item's score explained and traced to the incident behind it, the
 * county's liaison seeing only its own until the centre publishes the ended month, then the
 * ranking; schemes that do not add up refused with the field named and nothing written. Then the
 * SFIC view and its quarterly survey, answered once per person and shown only from three answers.
 */
const NOV = Date.parse('2026-11-10T10:00:00+08:00');
const DEC = Date.parse('2026-12-02T09:00:00+08:00');

describe.each(ENGINES)('the assessment on %s', (engine) => {
  let t: TestApp;
  const auth = new Map<string, string>();
  const signIn = async () => {
    for (const u of ['lz.commander', 'lz.dispatcher1', 'lz.dispatcher2', 'lz.analyst', 'liubei.liaison']) auth.set(u, await t.login(u));
  };
  beforeAll(async () => {
    t = await startApp({ engine, demo: true, clockStart: NOV });
    await signIn();
  });
  afterAll(async () => t?.close());
  const call = (user: string, method: 'GET' | 'POST', url: string, payload?: unknown) => t.http.inject({ method, url, payload: payload as never, headers: { authorization: auth.get(user)! } });
  const schemes = async () => (await call('lz.commander', 'GET', '/api/assessment/schemes')).json().schemes as Array<{ version: number }>;
  let incident: { id: string; code: string; lead: { agencyId: string } };

  it('scores the running month under the demo scheme, each item explained and traced to its incidents', async () => {
    const created = await call('lz.dispatcher1', 'POST', '/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '石块击打列车，车窗破损' });
    expect(created.statusCode, created.body).toBe(201);
    incident = created.json();
    const recs = (await call('lz.dispatcher1', 'GET', `/api/incidents/${incident.id}/recommendations`)).json().recommendations as Array<{ unitId: string }>;
    expect((await call('lz.dispatcher1', 'POST', `/api/incidents/${incident.id}/dispatch`, { units: [recs[0]!.unitId] })).statusCode).toBeLessThan(300);

    expect((await schemes()).map((s) => s.version)).toEqual([1]);
    const res = await call('lz.commander', 'GET', '/api/assessment?period=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    const r = AssessmentResult.parse(res.json());
    expect(r).toMatchObject({ period: '2026-11', from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', schemeVersion: 1, published: null, scope: 'all' });
    const lead = r.agencies.find((a) => a.agencyId === incident.lead.agencyId)!;
    const dispatch = lead.items!.find((x) => x.indicatorId === 'reception.dispatch_time')!;
    // dispatched within seconds of the call: full marks, and the only measured incident
    expect(dispatch).toMatchObject({ denominator: 1, score: 100 });
    expect(dispatch.explanation).toMatch(/^派警用时：\d+(\.\d)? 秒（1 条记录）；目标 120 秒，底线 600 秒，其间线性计分：得分 100/);
    expect(lead.total).not.toBeNull();
    expect(lead.rank).toBe(1);
    expect(lead.trend.map((x) => x.period)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    const trace = (await call('lz.commander', 'GET', `/api/indicators/reception.dispatch_time/records?agency=${lead.agencyId}&from=${r.from}&to=${r.to}`)).json();
    expect(trace.records.map((x: { incidentCode: string }) => x.incidentCode)).toEqual([incident.code]);
    // the same in English, worded by the server
    const en = AssessmentResult.parse((await call('lz.commander', 'GET', '/api/assessment?period=2026-11&lang=en')).json());
    expect(en.agencies.find((a) => a.agencyId === lead.agencyId)!.items!.find((x) => x.indicatorId === 'reception.dispatch_time')!.explanation).toMatch(/^Time to dispatch: \d+(\.\d)? s \(over 1\); target 120 s, floor 600 s/);
  });

  it('shows a county its own scores only, and no ranking, until the month is published', async () => {
    const r = AssessmentResult.parse((await call('liubei.liaison', 'GET', '/api/assessment?period=2026-11')).json());
    expect(r.scope).toBe('own');
    expect(r.agencies.map((a) => a.agencyId)).toEqual(['cb-liubei']);
    expect(r.agencies[0]!.rank).toBeNull();
    expect((await call('liubei.liaison', 'GET', `/api/indicators/reception.dispatch_time/records?agency=${incident.lead.agencyId}&month=2026-11`)).statusCode).toBeGreaterThanOrEqual(403);
    expect((await call('lz.commander', 'POST', '/api/assessment/publish', { period: '2026-11' })).json().error.code).toBe('period_not_over');
  });

  it('refuses schemes that do not add up, naming the field, and writes nothing', async () => {
    const item = { indicatorId: 'reception.dispatch_time', weight: 60, target: 120, floor: 600 };
    const cases: Array<[unknown, string]> = [
      [{ name: '方案', items: [item, { ...item, indicatorId: 'tasks.on_time', weight: 35, target: 90, floor: 50 }] }, 'body.items'],
      [{ name: '方案', items: [{ ...item, weight: 100, floor: 60 }] }, 'body.items[0].floor'],
      [{ name: '方案', items: [{ ...item, weight: 100, indicatorId: 'nope' }] }, 'body.items[0].indicatorId'],
      [{ name: '方案', items: [{ ...item, weight: 100, floor: undefined }] }, 'body.items[0].floor'],
    ];
    for (const [body, field] of cases) {
      const res = await call('lz.commander', 'POST', '/api/assessment/schemes', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect((await call('liubei.liaison', 'POST', '/api/assessment/schemes', { name: '方案', items: [{ ...item, weight: 100 }] })).statusCode).toBe(403);
    expect((await schemes()).map((s) => s.version)).toEqual([1]);
    const saved = await call('lz.commander', 'POST', '/api/assessment/schemes', { name: '简化方案', items: [{ ...item, weight: 70 }, { indicatorId: 'bulletins.ack_rate', weight: 30, target: 95, rule: 'threshold' }] });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ version: 2, createdBy: 'lz.commander', items: [{ indicatorName: '派警用时', direction: 'lower_better' }, { rule: 'threshold' }] });
  });

  it('publishes the ended month once, frozen under the scheme in force, and opens the ranking to every agency', async () => {
    startClockAt(DEC);
    await signIn();
    const pub = await call('lz.commander', 'POST', '/api/assessment/publish', { period: '2026-11' });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ schemeVersion: 2, published: { by: 'lz.commander' } });
    expect((await call('lz.commander', 'POST', '/api/assessment/publish', { period: '2026-11' })).json().error.code).toBe('assessment_published');
    const county = AssessmentResult.parse((await call('liubei.liaison', 'GET', '/api/assessment?period=2026-11')).json());
    expect(county.agencies.length).toBeGreaterThan(1);
    expect(county.agencies.find((a) => a.agencyId === incident.lead.agencyId)).toMatchObject({ rank: 1, items: null });
    expect(county.agencies.find((a) => a.agencyId === 'cb-liubei')!.items).not.toBeNull();
    // a scheme saved after publication does not change the published month
    await call('lz.commander', 'POST', '/api/assessment/schemes', { name: '第三版', items: [{ indicatorId: 'tasks.on_time', weight: 100, target: 90, floor: 50 }] });
    expect(AssessmentResult.parse((await call('lz.commander', 'GET', '/api/assessment?period=2026-11')).json()).schemeVersion).toBe(2);
    const xlsx = await call('liubei.liaison', 'GET', '/api/assessment/export.xlsx?period=2026-11');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('takes the quarterly survey once per person, shows means only from three answers, and arranges the indicators by SFIC component', async () => {
    const survey = (await call('lz.dispatcher1', 'GET', '/api/survey')).json();
    expect(survey).toMatchObject({ quarter: '2026Q4', answered: false, mayAnswer: true });
    const answers = (x: number) => Object.fromEntries(survey.items.map((i: { id: string }) => [i.id, x]));
    const { trust: _t, ...partial } = answers(4);
    const bad = await call('lz.dispatcher1', 'POST', '/api/survey/responses', { answers: { ...partial, nonsense: 3 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.answers.trust', 'body.answers.nonsense']);
    expect((await call('lz.dispatcher1', 'POST', '/api/survey/responses', { answers: { ...answers(4), trust: 6 } })).statusCode).toBe(400);
    const first = await call('lz.dispatcher1', 'POST', '/api/survey/responses', { answers: answers(4) });
    expect(first.statusCode, first.body).toBe(201);
    expect((await call('lz.dispatcher1', 'POST', '/api/survey/responses', { answers: answers(1) })).json().error.code).toBe('survey_answered');
    expect((await call('lz.dispatcher1', 'GET', '/api/survey')).json().answered).toBe(true);
    await call('lz.dispatcher2', 'POST', '/api/survey/responses', { answers: answers(5) });
    const two = (await call('lz.commander', 'GET', '/api/survey/results')).json();
    expect(two.agencies).toEqual([expect.objectContaining({ agencyId: 'lz-centre', n: 2, items: null, components: null })]);
    await call('lz.analyst', 'POST', '/api/survey/responses', { answers: { ...answers(3), trust: 1 } });
    const three = (await call('lz.commander', 'GET', '/api/survey/results')).json();
    expect(three.department.n).toBe(3);
    expect(three.department.items.find((i: { itemId: string }) => i.itemId === 'trust').mean).toBe(3.33);
    // nobody's name is kept with the answers
    const stored = await t.app.db.kysely.selectFrom('survey_responses').selectAll().execute();
    expect(JSON.stringify(stored)).not.toMatch(/lz\.(dispatcher|analyst)/);
    // a county sees its own agency only
    expect((await call('liubei.liaison', 'GET', '/api/survey/results')).json()).toMatchObject({ scope: 'own', department: null, agencies: [{ agencyId: 'cb-liubei', n: 0 }] });

    const view = (await call('lz.commander', 'GET', '/api/sfic?months=3')).json();
    expect(view.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(view.components.map((c: { component: string }) => c.component)).toEqual(['starting_conditions', 'institutional_design', 'facilitative_leadership', 'collaborative_process', 'outcomes']);
    const outcomes = view.components.find((c: { component: string }) => c.component === 'outcomes');
    // November's one dispatched incident, for the whole department
    expect(outcomes.indicators.find((i: { id: string }) => i.id === 'reception.dispatch_time').series[1]).not.toBeNull();
    expect(outcomes.survey.at(-1)).toMatchObject({ quarter: '2026Q4', n: 3 });
    // in November only the centre recorded anything (the incident, the schemes); the demo's seeding is the platform's own
    expect(view.activeAgencies[1]).toBe(1);
    expect((await call('liubei.liaison', 'GET', '/api/sfic')).json().scope).toMatchObject({ kind: 'agency', agencyId: 'cb-liubei' });
  });
});
