import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';
import { PlaceRecommendations } from '@railjoint/contracts';

describe.each(ENGINES)('units and dispatch on %s', (engine) => {
  let t: TestApp;
  let dispatcher: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    dispatcher = await t.login('lz.dispatcher1');
  });
  afterAll(async () => t?.close());
  const { get, post } = requests(() => t, () => dispatcher);
  const create = async () => {
    const r = await post('/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '石块击打列车' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };

  it('seeds units for the demo and shows each agency only its own', async () => {
    const all = (await get('/api/units')).json().units;
    expect(all.length).toBeGreaterThan(40);
    const liubei = await t.login('liubei.liaison');
    const own = (await get('/api/units', liubei)).json().units;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((u: { agencyId: string }) => u.agencyId === 'cb-liubei')).toBe(true);
  });

  it('recommends units of the agencies that may act, fastest first, with reasons and assumptions', async () => {
    const inc = await create();
    const res = await get(`/api/incidents/${inc.id}/recommendations`);
    expect(res.statusCode, res.body).toBe(200);
    const { recommendations, assumptions } = res.json();
    expect(recommendations.length).toBeGreaterThan(1);
    const involved = new Set<string>([inc.lead.agencyId, ...inc.support.map((a: { agencyId: string }) => a.agencyId), ...inc.inform.map((a: { agencyId: string }) => a.agencyId)]);
    const agreements: Array<{ agencyIds: string[] }> = (await get('/api/organisation')).json().agreements;
    const allowed = new Set([...involved, ...agreements.filter((a) => a.agencyIds.some((id) => involved.has(id))).flatMap((a) => a.agencyIds)]);
    expect(recommendations.every((r: { agencyId: string }) => allowed.has(r.agencyId))).toBe(true);
    const etas = recommendations.map((r: { etaS: number }) => r.etaS);
    expect(etas).toEqual([...etas].sort((a, b) => a - b));
    expect(recommendations[0].reason).toBeTruthy();
    expect(assumptions.speeds.patrol_car.kmh).toBeGreaterThan(0);
    const agencies = recommendations.map((r: { agencyId: string }) => r.agencyId);
    expect(agencies).toContain('lz-ps-liuzhou');
    expect(agencies).toContain('cb-yufeng');
  });

  it('dispatches a railway and a local unit; they acknowledge; they follow the incident; late ones escalate', async () => {
    const inc = await create();
    // 三江 is far away, with no part in this incident and no agreement with any agency that has one
    const bad = await post(`/api/incidents/${inc.id}/dispatch`, { units: ['u-sanjiang-car'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.fields[0].field).toBe('body.units[0]');
    expect((await get(`/api/incidents/${inc.id}`)).json().status).toBe('received');

    const sent = await post(`/api/incidents/${inc.id}/dispatch`, { units: ['u-ps-liuzhou-car', 'u-yufeng-car'] });
    expect(sent.statusCode, sent.body).toBe(200);
    const body = sent.json();
    expect(body.status).toBe('dispatched');
    const entry = body.timeline.find((e: { action: string }) => e.action === 'dispatch');
    expect(entry.detail.assignments).toHaveLength(2);
    const units = (await get('/api/units')).json().units;
    expect(units.find((u: { id: string }) => u.id === 'u-yufeng-car').status).toBe('dispatched');
    // a dispatched unit is no longer recommended, nor can it be sent twice
    const recs = (await get(`/api/incidents/${inc.id}/recommendations`)).json().recommendations;
    expect(recs.map((r: { unitId: string }) => r.unitId)).not.toContain('u-yufeng-car');

    const officer = await t.login('ps.liuzhou.officer');
    const mine = (await get('/api/assignments', officer)).json().assignments;
    const assignment = mine.find((a: { incident_id: string }) => a.incident_id === inc.id);
    expect(assignment.unit_id).toBe('u-ps-liuzhou-car');
    // what a phone shows before (or without) the taxonomy: the category's name, not its code
    expect(assignment.category_name).toBe('击打列车');
    // the county liaison sees the railway car working on the same incident, and its own car
    const yufengUnits = (await get('/api/units', await t.login('yufeng.liaison'))).json().units.map((u: { id: string }) => u.id);
    expect(yufengUnits).toEqual(expect.arrayContaining(['u-yufeng-car', 'u-ps-liuzhou-car']));
    const ack = await post(`/api/assignments/${assignment.id}/acknowledge`, {}, officer);
    expect(ack.json().status).toBe('acknowledged');

    const swept = await t.app.services.dispatch.sweep(new Date(Date.now() + 3600_000));
    expect(swept.escalated).toBe(1); // the county car never acknowledged
    const timeline = (await get(`/api/incidents/${inc.id}`)).json().timeline.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['assignment_acknowledged', 'assignment_unacknowledged']));

    for (const a of ['en-route', 'on-scene']) expect((await post(`/api/incidents/${inc.id}/${a}`, {})).statusCode).toBe(200);
    expect((await get('/api/units')).json().units.find((u: { id: string }) => u.id === 'u-ps-liuzhou-car').status).toBe('on_scene');
    expect((await post(`/api/incidents/${inc.id}/clear`, {})).statusCode).toBe(200);
    expect((await get('/api/units')).json().units.find((u: { id: string }) => u.id === 'u-ps-liuzhou-car').status).toBe('available');
  });

  it('keeps the units on the job across an accepted transfer; the new lead or the unit\'s own agency stands them down', async () => {
    const inc = await create();
    const sent = await post(`/api/incidents/${inc.id}/dispatch`, { units: ['u-ps-liuzhou-car', 'u-yufeng-car'] });
    expect(sent.statusCode, sent.body).toBe(200);
    expect((await post(`/api/incidents/${inc.id}/transfer`, { to: 'cb-liubei', reason: '案发地在围栏外，属地管辖' })).statusCode).toBe(200);
    const liubei = await t.login('liubei.liaison');
    expect((await post(`/api/incidents/${inc.id}/accept-transfer`, {}, liubei)).statusCode).toBe(200);
    // both units are still on it: they hand over in person
    const open = (await get('/api/assignments')).json().assignments.filter((a: { incident_id: string }) => a.incident_id === inc.id);
    expect(open.map((a: { unit_id: string }) => a.unit_id).sort()).toEqual(['u-ps-liuzhou-car', 'u-yufeng-car']);
    const county = open.find((a: { unit_id: string }) => a.unit_id === 'u-yufeng-car');
    const railway = open.find((a: { unit_id: string }) => a.unit_id === 'u-ps-liuzhou-car');

    // an agency with no part in it does not even learn the assignment exists
    expect((await post(`/api/assignments/${county.id}/release`, {}, await t.login('sanjiang.liaison'))).statusCode).toBe(404);
    expect((await post(`/api/assignments/${county.id}/release`, { reason: 7 }, liubei)).statusCode).toBe(400);
    // the new lead releases the county car
    const released = await post(`/api/assignments/${county.id}/release`, { reason: '已移交柳北区公安分局，鱼峰警力收队' }, liubei);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().status).toBe('released');
    expect((await post(`/api/assignments/${county.id}/release`, {}, liubei)).statusCode).toBe(409);
    // the railway station's own officer stands down its car
    expect((await post(`/api/assignments/${railway.id}/release`, {}, await t.login('ps.liuzhou.officer'))).statusCode).toBe(200);

    const units = (await get('/api/units')).json().units;
    for (const id of ['u-ps-liuzhou-car', 'u-yufeng-car']) expect(units.find((u: { id: string }) => u.id === id).status).toBe('available');
    const detail = (await get(`/api/incidents/${inc.id}`)).json();
    const entries = detail.timeline.filter((e: { action: string }) => e.action === 'unit_released');
    expect(entries.map((e: { actor: { username: string }; detail: { unitId: string } }) => [e.actor.username, e.detail.unitId])).toEqual([
      ['liubei.liaison', 'u-yufeng-car'],
      ['ps.liuzhou.officer', 'u-ps-liuzhou-car'],
    ]);
    expect(detail.status).not.toBe('closed');
  });

  it('recommends for a place and category while the call is taken, the units the registered incident then offers', async () => {
    const place = { category: 'stone_throwing', location: { lineId: 'xianggui', mileage: 'K499+940' }, limit: 5 };
    const before = (await get('/api/incidents?limit=500')).json().incidents.length;
    const res = await post('/api/recommendations', place);
    expect(res.statusCode, res.body).toBe(200);
    const body = PlaceRecommendations.parse(res.json());
    expect(body.recommendations.length).toBeGreaterThan(0);
    expect(body.timeLimitS).toBeGreaterThan(0);
    expect(body.lead?.agencyId).toBeTruthy();
    const etas = body.recommendations.map((r) => r.etaS);
    expect(etas).toEqual([...etas].sort((a, b) => a - b));
    // asking records nothing
    expect((await get('/api/incidents?limit=500')).json().incidents.length).toBe(before);

    const inc = (await post('/api/incidents', { ...place, limit: undefined, channel: 'hotline', description: '石块击打列车' })).json();
    expect(inc.timeLimitS).toBe(body.timeLimitS);
    expect(inc.lead.agencyId).toBe(body.lead?.agencyId);
    const after = (await get(`/api/incidents/${inc.id}/recommendations?limit=5`)).json().recommendations;
    expect(after.map((r: { unitId: string }) => r.unitId)).toEqual(body.recommendations.map((r) => r.unitId));
    // so the unit offered on the form can be sent the moment the incident exists
    const sent = await post(`/api/incidents/${inc.id}/dispatch`, { units: [body.recommendations[0]!.unitId] });
    expect(sent.statusCode, sent.body).toBe(200);

    const atStation = await post('/api/recommendations', { category: 'passenger_theft', location: { stationId: 'st-yongfunan' } });
    expect(atStation.statusCode, atStation.body).toBe(200);
    expect(atStation.json().recommendations.length).toBeGreaterThan(0);
  });

  it('refuses place recommendations for an unknown category or place, or for a role that takes no calls', async () => {
    const bad = async (body: unknown, field: string) => {
      const r = await post('/api/recommendations', body);
      expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
      expect(r.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    };
    await bad({ category: 'no_such_thing', location: { lineId: 'xianggui', mileage: 'K499+940' } }, 'body.category');
    await bad({ category: 'stone_throwing', location: { lineId: 'xianggui', mileage: 'K9999+000' } }, 'body.location.mileage');
    await bad({ category: 'stone_throwing', location: { stationId: 'st-yongfunan', lon: 1, lat: 2 } }, 'body.location');
    const auditor = await t.login('lz.auditor');
    expect((await post('/api/recommendations', { category: 'stone_throwing', location: { lineId: 'xianggui', mileage: 'K499+940' } }, auditor)).statusCode).toBe(403);
  });

  it('keeps the unit index in step from what an incident event says it moved, and reads the units when it does not say', async () => {
    // as another instance's dispatch reaches this one: the event names the unit it moved
    const units = t.app.services.units;
    const before = units.index.get('u-yufeng-car')!.status;
    const event = (payload: unknown) => ({ id: crypto.randomUUID(), type: 'incident.dispatch', at: new Date().toISOString(), entity: 'incident', entityId: crypto.randomUUID(), about: { kind: 'incident', id: 'x' }, payload });
    await t.app.bus.publish(event({ units: [{ id: 'u-yufeng-car', status: 'on_scene' }] }) as never);
    await expect.poll(() => units.index.get('u-yufeng-car')!.status).toBe('on_scene');
    // an event that does not say has the incident's units read again (none for an unknown incident)
    await t.app.bus.publish(event({ units: [{ id: 'u-yufeng-car', status: 'no_such_status' }] }) as never);
    await new Promise((r) => setTimeout(r, 100));
    expect(units.index.get('u-yufeng-car')!.status).toBe('on_scene');
    units.index.upsert({ ...units.index.get('u-yufeng-car')!, status: before });
  });

  it('lets joint-defence partners of the agencies involved send units too', async () => {
    const agreements = (await get('/api/organisation')).json().agreements;
    expect(agreements.find((a: { id: string }) => a.id === 'jd-lz-ps-liuzhou').agencyIds).toContain('cb-liubei');
    const inc = await create();
    expect(inc.support.concat(inc.inform, [inc.lead]).map((a: { agencyId: string }) => a.agencyId)).not.toContain('cb-liubei');
    const recs = (await get(`/api/incidents/${inc.id}/recommendations?limit=50`)).json().recommendations;
    expect(recs.map((r: { agencyId: string }) => r.agencyId)).toContain('cb-liubei');
    const sent = await post(`/api/incidents/${inc.id}/dispatch`, { units: ['u-liubei-car'] });
    expect(sent.statusCode, sent.body).toBe(200);
  });

  it('recommends the train police team riding the train an incident is on', async () => {
    const r = await post('/api/incidents', { category: 'passenger_theft', channel: 'train_crew', location: { train: 'G1501', at: '2026-12-01T07:20:00+08:00' }, description: '车厢内财物被盗' });
    expect(r.statusCode, r.body).toBe(201);
    const recs = (await get(`/api/incidents/${r.json().id}/recommendations`)).json().recommendations;
    expect(recs[0]).toMatchObject({ unitId: 'u-tt-cj3', route: 'by_train' });
    expect(recs[0].etaS).toBe(0);
  });

  it('takes position fixes from the unit itself, keeps the history, and hides units of other agencies', async () => {
    const officer = await t.login('ps.liuzhou.officer');
    const fix = await post('/api/units/u-ps-liuzhou-car/position', { lon: 109.41, lat: 24.31 }, officer);
    expect(fix.statusCode, fix.body).toBe(200);
    expect(fix.json().position).toEqual([109.41, 24.31]);
    const detail = (await get('/api/units/u-ps-liuzhou-car', officer)).json();
    expect(detail.track[0].position).toEqual([109.41, 24.31]);
    const liubei = await t.login('liubei.liaison');
    expect((await post('/api/units/u-ps-liuzhou-car/position', { lon: 109.4, lat: 24.3 }, liubei)).statusCode).toBe(404);
    expect((await post('/api/units/u-ps-liuzhou-car/position', { lon: 999, lat: 24.3 }, officer)).statusCode).toBe(400);
  });
});
