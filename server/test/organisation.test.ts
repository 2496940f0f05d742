import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';
import { besideWalk, smallNetwork, smallOrganisation } from './fixtures.js';

describe.each(ENGINES)('organisation and resolver API on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  const net = smallNetwork();
  beforeAll(async () => {
    t = await startApp({ engine, demo: false });
    admin = await t.login('admin');
    const n = await t.http.inject({ method: 'POST', url: '/api/network/import', payload: net.doc, headers: { authorization: admin } });
    expect(n.statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  const { get, post, put: putAs } = requests(() => t, () => admin);
  const resolve = async (query: string) => {
    const res = await get(`/api/jurisdiction/resolve?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('imports agencies and jurisdictions', async () => {
    const res = await post('/api/organisation/import', smallOrganisation());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ agencies: 12, jurisdictions: 11 });
    const agencies = (await get('/api/agencies?type=county_police_bureau')).json().agencies;
    expect(agencies.map((a: { id: string }) => a.id).sort()).toEqual(['county-e', 'county-w']);
    const one = (await get('/api/agencies/ps-a')).json();
    expect(one.parent).toMatchObject({ agencyId: 'dept' });
    expect(one.jurisdictions).toHaveLength(2);
  });

  it('names the police station, maintenance section, county and township on the line, with reasons', async () => {
    const p = net.a.at(3000); // K103+000 on T1, west of 109.42, north of 24.2
    const r = await resolve(`lon=${p[0]}&lat=${p[1]}&category=stone_throwing`);
    expect(r.location.line).toMatchObject({ lineId: 'T1', mileage: 'K103+000' });
    expect(r.placeKind).toBe('line_enclosure');
    const ids = r.jurisdiction.map((j: { agencyId: string }) => j.agencyId);
    expect(ids).toEqual(expect.arrayContaining(['ps-a', 'pwd-1', 'county-w', 'town-wn']));
    expect(ids).not.toContain('ps-b');
    expect(r.jurisdiction.find((j: { agencyId: string }) => j.agencyId === 'ps-a').via).toBe('line-range');
    expect(r.responsibility.lead).toMatchObject({ agencyId: 'ps-a', type: 'railway_police_station' });
    expect(r.responsibility.timeLimitS).toBeGreaterThan(0);
    expect(r.responsibility.reasons.length).toBeGreaterThan(0);
    expect(r.responsibility.reasons.map((x: { text: string }) => x.text).join(' ')).toMatch(/甲站派出所/);
  });

  it('gives the protection-zone verdict beside the line and hands the outside to the county', async () => {
    const inZone = await resolve(`lon=${besideWalk(net.a, 8000, 25)[0]}&lat=${besideWalk(net.a, 8000, 25)[1]}`);
    expect(inZone.placeKind).toBe('protection_zone');
    expect(inZone.protectionZone).toMatchObject({ inside: true, highSpeed: true, areaClass: 'other', widthM: 20 });
    const far = besideWalk(net.a, 8000, 300);
    const outside = await resolve(`lon=${far[0]}&lat=${far[1]}&category=stone_throwing`);
    expect(outside.placeKind).toBe('outside');
    expect(outside.protectionZone.inside).toBe(false);
    expect(outside.responsibility.lead.type).toBe('county_police_bureau');
  });

  it('resolves by line + mileage and by station, in English on request', async () => {
    const byMileage = await resolve('lineId=T1&mileage=K106%2B500&lang=en');
    expect(byMileage.jurisdiction.map((j: { agencyId: string }) => j.agencyId)).toContain('ps-b');
    const byStation = await resolve('stationId=SA&category=station_disorder&lang=en');
    expect(byStation.placeKind).toBe('station');
    expect(byStation.location.stationName).toBe('甲站');
    expect(byStation.responsibility.reasons[0].text).toMatch(/[A-Za-z]/);
  });

  it('answers bad resolve requests with 4xx naming the problem', async () => {
    expect((await get('/api/jurisdiction/resolve')).statusCode).toBe(400);
    expect((await get('/api/jurisdiction/resolve?lon=109.3')).json().error.details.fields[0].field).toBe('query.lat');
    expect((await get('/api/jurisdiction/resolve?lon=abc&lat=24')).statusCode).toBe(400);
    expect((await get('/api/jurisdiction/resolve?lineId=NOPE&mileage=K1%2B000')).statusCode).toBe(404);
    expect((await get('/api/jurisdiction/resolve?stationId=NOPE')).statusCode).toBe(404);
    const p = net.a.at(3000);
    const unknownCategory = await get(`/api/jurisdiction/resolve?lon=${p[0]}&lat=${p[1]}&category=nope`);
    expect(unknownCategory.statusCode).toBe(404);
    expect(unknownCategory.json().error.code).toBe('unknown_category');
  });

  it('refuses overlapping police ranges and unknown references, listing every problem, and changes nothing', async () => {
    const doc = smallOrganisation();
    doc.jurisdictions.push({ agencyId: 'ps-a', kind: 'line-range', lineId: 'T1', from: 'K104+000', to: 'K106+000' });
    doc.jurisdictions.push({ agencyId: 'ghost', kind: 'station', stationId: 'SA' });
    doc.agencies.push({ id: 'orphan', name: '孤儿', type: 'township', parentId: 'nobody' });
    const res = await post('/api/organisation/import', doc);
    expect(res.statusCode).toBe(422);
    const errors = res.json().error.details.errors.map((e: { message: string }) => e.message).join('\n');
    expect(errors).toMatch(/overlap/i);
    expect(errors).toMatch(/ghost/);
    expect(errors).toMatch(/nobody/);
    expect((await get('/api/agencies/orphan')).statusCode).toBe(404);
  });

  it('refuses a network import that would strand jurisdictions', async () => {
    const without = { type: 'FeatureCollection', features: net.doc.features.filter((f) => f.properties.id !== 'T2' && !(f.properties.kind === 'station' && f.properties.lines.some((l) => l.lineId === 'T2'))) };
    const res = await post('/api/network/import?mode=replace', without);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('network_conflicts');
    expect((await get('/api/network')).json().features).toHaveLength(6);
  });

  it('keeps the matrix complete and editable by admins only, recording each change', async () => {
    const categories = (await get('/api/categories')).json();
    expect(categories.length).toBeGreaterThanOrEqual(25);
    expect(categories.find((c: { id: string }) => c.id === 'stone_throwing')).toMatchObject({ nameZh: '击打列车', pinyin: 'ji da lie che' });
    const rules = (await get('/api/responsibility')).json().rules;
    expect(rules).toHaveLength(categories.length * 5);
    const change = { lead: 'county_police_bureau', support: ['railway_police_station'], inform: ['coordination_centre'], timeLimitS: 600 };
    const put = await putAs('/api/responsibility/stone_throwing/line_enclosure', change);
    expect(put.statusCode, put.body).toBe(200);
    const p = net.a.at(3000);
    const r = await resolve(`lon=${p[0]}&lat=${p[1]}&category=stone_throwing`);
    expect(r.responsibility.lead.agencyId).toBe('county-w');
    expect(r.responsibility.timeLimitS).toBe(600);
    const bad = await putAs('/api/responsibility/stone_throwing/on_the_moon', change);
    expect(bad.statusCode).toBe(400);
    await post('/api/users', { username: 'disp', displayName: '调度', agencyId: 'centre', roles: ['dispatcher'], password: 'signal-box-lamp-1' });
    const disp = await t.login('disp', 'signal-box-lamp-1');
    const denied = await putAs('/api/responsibility/stone_throwing/line_enclosure', change, disp);
    expect(denied.statusCode).toBe(403);
    const log = await t.app.db.kysely.selectFrom('change_log').selectAll().where('entity', '=', 'responsibility').where('entity_id', '=', 'stone_throwing/line_enclosure').execute();
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.detail).after.lead).toBe('county_police_bureau');
    const listed = await get('/api/changes?entity=responsibility&entityId=stone_throwing%2Fline_enclosure');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().changes[0]).toMatchObject({ action: 'update', actorUserId: expect.any(String), detail: { after: { timeLimitS: 600 } } });
    expect((await get('/api/changes', disp)).statusCode).toBe(403);
  });

  it('serves county and township polygons for the map', async () => {
    const areas = (await get('/api/organisation/areas')).json();
    expect(areas.features).toHaveLength(6);
    expect(areas.features[0].properties).toHaveProperty('name');
  });
});
