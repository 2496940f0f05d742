import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Incident, IncidentDetail } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';

// On the demo department: 湘桂线 K499+940, 15 m from the centre line in 鱼峰区 (天马街道), in the
// section 雒容—柳州 whose km range belongs to 柳州站派出所.
const NEAR_LIUZHOU = { lon: 109.5125, lat: 24.367 };

describe.each(ENGINES)('incidents on %s', (engine) => {
  let t: TestApp;
  let dispatcher: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    dispatcher = await t.login('lz.dispatcher1');
  });
  afterAll(async () => t?.close());

  const { get, post } = requests(() => t, () => dispatcher);
  const report = (extra: Record<string, unknown> = {}) => ({
    category: 'stone_throwing',
    channel: 'hotline',
    location: NEAR_LIUZHOU,
    description: '旅客报称列车车窗被石块击中',
    ...extra,
  });

  it('receives a report: locates it, names the agencies, sets the priority, starts the timeline', async () => {
    const res = await post('/api/incidents', report({ reporter: { name: '张先生', phone: '13800000000' } }));
    expect(res.statusCode, res.body).toBe(201);
    const inc = res.json();
    expect(inc.code).toMatch(/^JQ\d{8}-\d{4}$/);
    expect(inc).toMatchObject({ status: 'received', category: 'stone_throwing', channel: 'hotline', placeKind: 'protection_zone' });
    expect(inc.location).toMatchObject({ lineId: 'xianggui', mileage: 'K499+940', sectionName: '雒容—柳州' });
    expect(inc.lead).toMatchObject({ agencyId: 'cb-yufeng' });
    expect(inc.support.map((a: { agencyId: string }) => a.agencyId)).toContain('lz-ps-liuzhou');
    expect(inc.priority).toBe('P1');
    expect(inc.timeLimitS).toBeGreaterThan(0);
    const full = (await get(`/api/incidents/${inc.id}`)).json();
    // the answer is what the contract the console checks against says
    expect(IncidentDetail.safeParse(full).error).toBeUndefined();
    expect(Incident.safeParse(inc).error).toBeUndefined();
    expect(full.timeline).toHaveLength(1);
    expect(full.timeline[0]).toMatchObject({ action: 'received', actor: { username: 'lz.dispatcher1', agencyId: 'lz-centre' }, toStatus: 'received' });
  });

  it('receives a report from a train: placed where the timetable says the train is, led by its train police team', async () => {
    const res = await post('/api/incidents', report({ category: 'passenger_theft', channel: 'train_crew', location: { train: 'G1501', car: 5, at: '2026-12-01T07:20:00+08:00' }, description: '5车旅客钱包被盗' }));
    expect(res.statusCode, res.body).toBe(201);
    const inc = res.json();
    expect(inc.placeKind).toBe('train');
    expect(inc.location.train).toBe('G1501');
    expect(inc.location.sectionName).toContain('桂林北');
    expect(inc.lead.type).toBe('train_police_team');
    const proposal = await get(`/api/incidents/${inc.id}/handover?at=${encodeURIComponent('2026-12-01T07:20:00+08:00')}`);
    expect(proposal.statusCode, proposal.body).toBe(200);
    const p = proposal.json();
    expect(p.proposed.leadTimeS).toBeGreaterThanOrEqual(600);
    expect(p.proposed.police.type).toBe('railway_police_station');
    const police = p.proposed.police.agencyId as string;
    const asked = await post(`/api/incidents/${inc.id}/handover`, { stationId: p.proposed.stationId, at: '2026-12-01T07:20:00+08:00' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().support.map((a: { agencyId: string }) => a.agencyId)).toContain(police);
    expect(asked.json().timeline.at(-2)).toMatchObject({ action: 'handover_requested', detail: { train: 'G1501', stationId: p.proposed.stationId } });
    // and the station's police have their task order: meet the train on arrival
    expect(asked.json().timeline.at(-1)).toMatchObject({ action: 'task_issued', detail: { to: p.proposed.police.agencyId, deadline: new Date(p.proposed.arrival).toISOString() } });
    const missing = await post('/api/incidents', report({ location: { train: 'X9999', at: '2026-12-01T07:20:00+08:00' } }));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details.fields[0].field).toBe('body.location.train');
  });

  it('is idempotent by external reference', async () => {
    const a = await post('/api/incidents', report({ channel: '110_transfer', externalRef: '110-20261129-778' }));
    const b = await post('/api/incidents', report({ channel: '110_transfer', externalRef: '110-20261129-778' }));
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json().id).toBe(a.json().id);
  });

  it('flags a likely duplicate and lets a dispatcher merge it or keep it apart', async () => {
    const first = (await post('/api/incidents', report({ category: 'livestock_on_line', description: '牛上道' }))).json();
    const second = (await post('/api/incidents', report({ category: 'livestock_on_line', description: '又有人报牛上道', location: { lon: 109.5127, lat: 24.3672 } }))).json();
    expect(second.likelyDuplicates.map((d: { id: string }) => d.id)).toContain(first.id);
    const merged = await post(`/api/incidents/${second.id}/merge`, { into: first.id, reason: '同一头牛' });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: first.id });
    const target = (await get(`/api/incidents/${first.id}`)).json();
    expect(target.timeline.some((e: { action: string }) => e.action === 'merged_from')).toBe(true);
    const third = (await post('/api/incidents', report({ category: 'livestock_on_line', description: '另一处' }))).json();
    const apart = await post(`/api/incidents/${third.id}/keep-apart`, { reason: '不同地点' });
    expect(apart.statusCode).toBe(200);
    expect(apart.json().likelyDuplicates).toEqual([]);
  });

  it('tells a report at a busy place the best ten likely duplicates, pages the rest, and only those the reporter may see', async () => {
    const busy = (n: number) => report({ category: 'fire_near_line', description: `沿线烟火 ${n}`, location: { lon: 109.5125 + n * 0.00001, lat: 24.367 } });
    const earlier: string[] = [];
    for (let n = 0; n < 13; n++) earlier.push((await post('/api/incidents', busy(n))).json().id);
    const res = await post('/api/incidents', busy(13));
    expect(res.statusCode).toBe(201);
    const latest = res.json();
    expect(latest.likelyDuplicates).toHaveLength(10);
    expect(latest.likelyDuplicateCount).toBe(13);
    const entry = (await get(`/api/incidents/${latest.id}`)).json().timeline[0];
    expect(entry.detail.likelyDuplicates).toHaveLength(10);
    expect(entry.detail.likelyDuplicateCount).toBe(13);
    const first = (await get(`/api/incidents/${latest.id}/duplicates?limit=8`)).json();
    const rest = (await get(`/api/incidents/${latest.id}/duplicates?limit=8&offset=8`)).json();
    expect([first.total, first.duplicates.length, rest.duplicates.length]).toEqual([13, 8, 5]);
    expect(new Set([...first.duplicates, ...rest.duplicates].map((d: { id: string }) => d.id))).toEqual(new Set(earlier));
    expect(first.duplicates[0].score).toBeGreaterThanOrEqual(first.duplicates[7].score);
    expect((await get(`/api/incidents/${latest.id}/duplicates?limit=500`)).statusCode).toBe(400);
    // a county with no part in those cases learns of none of them
    const outsider = await t.login('liubei.liaison');
    expect((await get(`/api/incidents/${latest.id}/duplicates`, outsider)).statusCode).toBe(404);
    const theirs = await post('/api/incidents', busy(14), outsider);
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(theirs.json().likelyDuplicates.filter((d: { id: string }) => earlier.includes(d.id))).toEqual([]);
  });

  it('runs the lifecycle with every step timed, and refuses illegal transitions with the allowed ones', async () => {
    const inc = (await post('/api/incidents', report())).json();
    const early = await post(`/api/incidents/${inc.id}/close`, { outcomeCode: 'resolved_on_scene', summary: '处置完毕' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details.allowed).toEqual(expect.arrayContaining(['dispatch', 'cancel']));
    for (const action of ['dispatch', 'en-route', 'on-scene', 'clear']) {
      const r = await post(`/api/incidents/${inc.id}/${action}`, {});
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
    }
    const noSummary = await post(`/api/incidents/${inc.id}/close`, { outcomeCode: 'resolved_on_scene' });
    expect(noSummary.statusCode).toBe(400);
    expect(noSummary.json().error.details.fields[0].field).toBe('body.summary');
    const closed = await post(`/api/incidents/${inc.id}/close`, { outcomeCode: 'resolved_on_scene', summary: '嫌疑人已抓获' });
    expect(closed.statusCode).toBe(200);
    const full = (await get(`/api/incidents/${inc.id}`)).json();
    expect(full.status).toBe('closed');
    expect(full.timeline.map((e: { toStatus: string }) => e.toStatus)).toEqual(['received', 'dispatched', 'en_route', 'on_scene', 'cleared', 'closed']);
    expect(Object.keys(full.intervals)).toEqual(expect.arrayContaining(['receivedToDispatchedS', 'dispatchedToEnRouteS', 'enRouteToOnSceneS', 'onSceneToClearedS']));
    expect(full.intervals.receivedToDispatchedS).toBeGreaterThanOrEqual(0);
  });

  it('lets a dispatcher override the priority only with a reason, and records it', async () => {
    const inc = (await post('/api/incidents', report({ category: 'ticket_scalping', description: '倒票' }))).json();
    expect((await post(`/api/incidents/${inc.id}/reprioritise`, { priority: 'P2' })).statusCode).toBe(400);
    const r = await post(`/api/incidents/${inc.id}/reprioritise`, { priority: 'P2', reason: '涉及团伙' });
    expect(r.statusCode).toBe(200);
    expect(r.json().priority).toBe('P2');
  });

  it('shows an incident only to the agencies that have a part in it (others get 404)', async () => {
    const inc = (await post('/api/incidents', report())).json();
    const yufeng = await t.login('yufeng.liaison');
    const liubei = await t.login('liubei.liaison');
    const station = await t.login('ps.liuzhou.officer');
    expect((await get(`/api/incidents/${inc.id}`, yufeng)).statusCode).toBe(200);
    expect((await get(`/api/incidents/${inc.id}`, station)).statusCode).toBe(200);
    expect((await get(`/api/incidents/${inc.id}`, liubei)).statusCode).toBe(404);
    const list = (await get('/api/incidents?limit=200', liubei)).json();
    expect(list.incidents.map((i: { id: string }) => i.id)).not.toContain(inc.id);
    expect((await post(`/api/incidents/${inc.id}/note`, { text: '我方无关' }, liubei)).statusCode).toBe(404);
    // the lead agency's liaison may act; a supporting station may add notes but not steer
    expect((await post(`/api/incidents/${inc.id}/note`, { text: '已派员' }, station)).statusCode).toBe(200);
    expect((await post(`/api/incidents/${inc.id}/cancel`, { reason: 'x' }, station)).statusCode).toBe(403);
  });

  it('lists with filters and pages', async () => {
    const all = (await get('/api/incidents?category=stone_throwing&limit=2')).json();
    expect(all.incidents).toHaveLength(2);
    expect(all.nextCursor).toBeTruthy();
    const next = (await get(`/api/incidents?category=stone_throwing&limit=2&cursor=${encodeURIComponent(all.nextCursor)}`)).json();
    expect(next.incidents[0].id).not.toBe(all.incidents[1].id);
    const byLine = (await get('/api/incidents?lineId=xianggui&from=K499%2B000&to=K500%2B000')).json();
    expect(byLine.incidents.length).toBeGreaterThan(0);
    expect((await get('/api/incidents?priority=P9')).statusCode).toBe(400);
    const open = (await get('/api/incidents?open=true&limit=500')).json().incidents;
    expect(open.every((i: { status: string }) => !['closed', 'cancelled', 'merged'].includes(i.status))).toBe(true);
    // by number, as a link names it: the one incident, and nothing for an agency that has no part in it
    const one = all.incidents[0];
    const byCode = (await get(`/api/incidents?code=${one.code}`)).json().incidents;
    expect(byCode.map((i: { id: string }) => i.id)).toEqual([one.id]);
    expect((await get(`/api/incidents?code=${one.code}`, await t.login('liubei.liaison'))).json().incidents).toEqual([]);
    const outcomes = (await get('/api/incidents/outcomes')).json().outcomes;
    expect(outcomes.find((o: { code: string }) => o.code === 'suspect_detained').zh).toBe('嫌疑人已控制');
  });

  it('refuses bad reports with the field named, and writes nothing', async () => {
    const before = (await get('/api/incidents?limit=500')).json().incidents.length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [report({ category: 'no_such_category' }), 'body.category'],
      [report({ channel: 'carrier_pigeon' }), 'body.channel'],
      [report({ location: { lineId: 'xianggui', mileage: 'K9999+000' } }), 'body.location.mileage'],
      [report({ location: { lineId: 'nope', mileage: 'K1+000' } }), 'body.location.lineId'],
      [report({ location: { stationId: 'st-nowhere' } }), 'body.location.stationId'],
      [report({ description: '' }), 'body.description'],
      [report({ location: { lon: 'x', lat: 24 } }), 'body.location'],
    ];
    for (const [body, field] of cases) {
      const r = await post('/api/incidents', body);
      expect(r.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      const fields = (r.json().error.details?.fields ?? []).map((f: { field: string }) => f.field);
      expect(fields.some((f: string) => f.startsWith(field)), `${field} in ${fields}`).toBe(true);
    }
    expect((await get('/api/incidents?limit=500')).json().incidents.length).toBe(before);
    const analyst = await t.login('lz.analyst');
    expect((await post('/api/incidents', report(), analyst)).statusCode).toBe(403);
  });

  it('publishes an event after commit for the live channel', async () => {
    const seen: Array<{ type: string; about: { kind: string; id: string } }> = [];
    const off = t.app.bus.subscribe((e) => seen.push({ type: e.type, about: e.about }));
    const inc = (await post('/api/incidents', report())).json();
    await t.app.outbox.flush();
    off();
    const created = seen.find((e) => e.type === 'incident.created');
    expect(created).toBeDefined();
    // who hears of it is decided on delivery, by the incident's read rule
    expect(created!.about).toEqual({ kind: 'incident', id: inc.id });
  });
});

describe.each(ENGINES)('transfers (移交) on %s', (engine) => {
  let t: TestApp;
  let dispatcher: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    dispatcher = await t.login('lz.dispatcher1');
  });
  afterAll(async () => t?.close());
  const { get, post } = requests(() => t, () => dispatcher);
  // Theft from passengers inside 柳州站 precinct: the railway police station leads.
  const create = async () => {
    const r = await post('/api/incidents', { category: 'fraud', channel: 'station_staff', location: { lon: 109.5125, lat: 24.367 }, description: '站外诈骗' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };

  it('hands an incident to a county bureau, who sees it, accepts it and leads it, on one timeline', async () => {
    const inc = await create();
    const liubei = await t.login('liubei.liaison');
    expect((await get(`/api/incidents/${inc.id}`, liubei)).statusCode).toBe(404);
    const sent = await post(`/api/incidents/${inc.id}/transfer`, { to: 'cb-liubei', reason: '案发地在围栏外，属地管辖' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().status).toBe('transferred');
    expect((await get(`/api/incidents/${inc.id}`, liubei)).statusCode).toBe(200);
    const other = await t.login('liunan.liaison');
    expect((await post(`/api/incidents/${inc.id}/accept-transfer`, {}, other)).statusCode).toBe(404);
    const accepted = await post(`/api/incidents/${inc.id}/accept-transfer`, {}, liubei);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const after = accepted.json();
    expect(after.status).toBe('received');
    expect(after.lead.agencyId).toBe('cb-liubei');
    expect(after.id).toBe(inc.id);
    expect(after.timeline.map((e: { action: string }) => e.action)).toEqual(['received', 'transfer', 'accept_transfer']);
    // the new lead works the case through to the end
    for (const a of ['dispatch', 'en-route', 'on-scene', 'clear']) expect((await post(`/api/incidents/${inc.id}/${a}`, {}, liubei)).statusCode).toBe(200);
  });

  it('returns a declined transfer to the coordination centre with an alert', async () => {
    const inc = await create();
    await post(`/api/incidents/${inc.id}/transfer`, { to: 'cb-liubei', reason: '请协助' });
    const liubei = await t.login('liubei.liaison');
    expect((await post(`/api/incidents/${inc.id}/decline-transfer`, {}, liubei)).statusCode).toBe(400);
    const seen: string[] = [];
    const off = t.app.bus.subscribe((e) => seen.push(e.type));
    const declined = await post(`/api/incidents/${inc.id}/decline-transfer`, { reason: '不在我局辖区' }, liubei);
    expect(declined.statusCode).toBe(200);
    await t.app.outbox.flush();
    off();
    expect(seen).toContain('incident.transfer_declined');
    const full = (await get(`/api/incidents/${inc.id}`)).json();
    expect(full.status).toBe('received');
    expect(full.lead.agencyId).toBe(inc.lead.agencyId);
  });

  it('times out an unanswered transfer and alerts when the response limit passes', async () => {
    const inc = await create();
    await post(`/api/incidents/${inc.id}/transfer`, { to: 'cb-liubei', reason: '请接收' });
    const later = new Date(Date.now() + 3600_000);
    const swept = await t.app.services.incidents.sweep(later);
    expect(swept.transfersTimedOut).toBeGreaterThanOrEqual(1);
    expect(swept.limitsBreached).toBeGreaterThanOrEqual(1);
    const full = (await get(`/api/incidents/${inc.id}`)).json();
    expect(full.status).toBe('received');
    expect(full.timeline.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['transfer_timeout', 'limit_breached']));
    // an alert is raised once, not at every sweep
    const again = await t.app.services.incidents.sweep(later);
    expect(again.limitsBreached).toBe(0);
  });

  it('refuses a transfer to an unknown agency or without a reason, changing nothing', async () => {
    const inc = await create();
    expect((await post(`/api/incidents/${inc.id}/transfer`, { to: 'nowhere', reason: '测试' })).statusCode).toBe(422);
    expect((await post(`/api/incidents/${inc.id}/transfer`, { to: 'cb-liubei' })).statusCode).toBe(400);
    expect((await get(`/api/incidents/${inc.id}`)).json().status).toBe('received');
  });
});
