import crypto from 'node:crypto';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';

/**
 * Open311 GeoReport v2 at /open311/v2 as a client sees it: form-encoded posts with an api_key,
 * JSON and XML answers with the standard's field names, errors as [{code, description}].
 */
const xml = new XMLParser({ parseTagValue: false });

function isOpen311Error(res: { statusCode: number; headers: Record<string, unknown>; body: string }): boolean {
  if (String(res.headers['content-type']).startsWith('text/xml')) {
    const doc = xml.parse(res.body) as { errors?: { error?: unknown } };
    const list = doc.errors?.error;
    return Array.isArray(list) ? list.length > 0 : typeof list === 'object' && list !== null && 'code' in list && 'description' in list;
  }
  const body = JSON.parse(res.body) as unknown;
  return Array.isArray(body) && body.length > 0 && body.every((e) => typeof e.code === 'number' && typeof e.description === 'string');
}

describe.each(ENGINES)('Open311 GeoReport v2 on %s', (engine) => {
  let t: TestApp;
  let apiKey = '';
  let clientId = '';
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    const created = await t.http.inject({ method: 'POST', url: '/api/open311/clients', payload: { name: '随手拍 app' }, headers: { authorization: await t.login('admin') } });
    expect(created.statusCode, created.body).toBe(201);
    apiKey = created.json().apiKey;
    clientId = created.json().id;
  });
  afterAll(async () => t?.close());

  const post = (fields: Record<string, string>, format = 'json', remoteAddress = '198.51.100.7') =>
    t.http.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, payload: new URLSearchParams(fields).toString(), remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } });
  const get = (url: string) => t.http.inject({ method: 'GET', url: `/open311/v2/${url}`, remoteAddress: '198.51.100.8' });

  it('lists its services and their definitions in JSON and XML', async () => {
    const json = await get('services.json');
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const services = json.json() as Array<Record<string, unknown>>;
    expect(services.map((s) => s.service_code)).toContain('person_on_track');
    expect(services[0]).toEqual({ service_code: 'person_on_track', service_name: '有人在铁路线上', description: expect.any(String), metadata: true, type: 'realtime', keywords: expect.any(String), group: 'line_safety' });
    const inEnglish = (await t.http.inject({ method: 'GET', url: '/open311/v2/services.json', headers: { 'accept-language': 'en' } })).json();
    expect(inEnglish[0].service_name).toBe('Person on the track');
    const x = await get('services.xml');
    expect(x.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(x.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>person_on_track</service_code>')).toBe(true);
    const def = (await get('services/person_on_track.json')).json();
    expect(def.service_code).toBe('person_on_track');
    expect(def.attributes.map((a: { code: string }) => a.code)).toEqual(['train_number', 'car_number', 'line', 'km_post']);
    expect(def.attributes[2].values).toContainEqual({ key: 'xianggui', name: '湘桂线' });
    const defXml = xml.parse((await get('services/person_on_track.xml')).body);
    expect(defXml.service_definition.attributes.attribute[0].code).toBe('train_number');
    for (const [url, status] of [['services/ufo.json', 404], ['services.yaml', 404], ['services.json?jurisdiction_id=sfgov.org', 404], ['nothing.json', 404]] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(status);
      expect(isOpen311Error(res), url).toBe(true);
    }
    expect((await get('services.json?jurisdiction_id=lz.railjoint.cn')).statusCode).toBe(200);
  });

  it('takes a request from an application with its api_key, and answers with the id to follow it by', async () => {
    const fields = { service_code: 'object_on_line', lat: '24.367', long: '109.5125', description: '铁轨上有一块大石头', first_name: '明', last_name: '王', phone: '17000001111', email: 'wang@example.cn', device_id: 'ios-7F3A', 'attribute[km_post]': 'K499+940' };
    const refused = await post(fields);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual([{ code: 403, description: 'api_key is required to post a request' }]);
    expect((await post({ ...fields, api_key: 'o311_wrong' })).statusCode).toBe(403);

    const ok = await post({ ...fields, api_key: apiKey, jurisdiction_id: 'lz.railjoint.cn' });
    expect(ok.statusCode, ok.body).toBe(200);
    const [created] = ok.json();
    expect(Object.keys(created).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    expect(created.service_request_id).toMatch(/^RJ-/);
    expect(created.account_id).toBeNull();

    const followed = await get(`requests/${created.service_request_id}.json`);
    expect(followed.statusCode).toBe(200);
    expect(followed.json()[0]).toMatchObject({ service_request_id: created.service_request_id, status: 'open', service_code: 'object_on_line', service_name: '线路上有障碍物', description: null, lat: null, long: null, media_url: null, agency_responsible: expect.any(String) });
    expect(followed.json()[0].requested_datetime).toMatch(/Z$/);
    expect(followed.body).not.toContain('大石头');
    expect(followed.body).not.toContain('17000001111');
    const asXml = xml.parse((await get(`requests/${created.service_request_id}.xml`)).body);
    expect(asXml.service_requests.request.status).toBe('open');

    // the incident sees it on the public channel; the handling agency sees the contact
    const dispatcher = await t.login('lz.dispatcher1');
    const report = (await t.http.inject({ method: 'GET', url: '/api/public-reports', headers: { authorization: dispatcher } })).json().reports.find((r: { description: string }) => r.description === '铁轨上有一块大石头');
    expect(report).toMatchObject({ source: 'open311', category: 'object_on_line' });
    const contact = (await t.http.inject({ method: 'GET', url: `/api/public-reports/${report.id}/contact`, headers: { authorization: dispatcher } })).json();
    expect(contact).toMatchObject({ name: '明 王', phone: '17000001111', email: 'wang@example.cn' });

    // a closed request reads closed, with the agency's note
    await t.http.inject({ method: 'POST', url: `/api/public-reports/${report.id}/notes`, payload: { text: '石块已清除' }, headers: { authorization: dispatcher } });
    for (const [step, body] of [['dispatch', { units: [] }], ['en-route', {}], ['on-scene', {}], ['clear', {}], ['close', { outcomeCode: 'line_cleared', summary: '已清除' }]] as const) {
      await t.http.inject({ method: 'POST', url: `/api/incidents/${report.incidentId}/${step}`, payload: body, headers: { authorization: dispatcher } });
    }
    expect((await get(`requests/${created.service_request_id}.json`)).json()[0]).toMatchObject({ status: 'closed', status_notes: '石块已清除' });
  });

  it('places a request at a station (address_id) or on a line by its km post; without a place it says what to send', async () => {
    const station = await post({ service_code: 'suspicious_person', address_id: 'st-liuzhou', description: '站前广场有人徘徊', api_key: apiKey }, 'xml');
    expect(station.statusCode, station.body).toBe(200);
    expect(xml.parse(station.body).service_requests.request.service_request_id).toMatch(/^RJ-/);
    const km = await post({ service_code: 'broken_fence', 'attribute[line]': 'xianggui', 'attribute[km_post]': 'K499+940', api_key: apiKey });
    expect(km.statusCode, km.body).toBe(200);
    const nowhere = await post({ service_code: 'broken_fence', address_string: '柳州市某村口', api_key: apiKey });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json()[0].description).toContain('a location is required');
    const half = await post({ service_code: 'broken_fence', lat: '24.3', api_key: apiKey });
    expect(half.json()[0].description).toBe('lat and long are sent together');
    const wrongStation = await post({ service_code: 'broken_fence', address_id: 'st-nowhere', api_key: apiKey }, 'xml');
    expect(wrongStation.statusCode).toBe(400);
    expect(isOpen311Error(wrongStation)).toBe(true);
  });

  it('finds requests by their ids, or an application’s own by its key, and publishes nobody else’s', async () => {
    const a = (await post({ service_code: 'livestock', lat: '24.40', long: '109.61', api_key: apiKey })).json()[0].service_request_id;
    const b = (await post({ service_code: 'fire_near_line', lat: '24.41', long: '109.62', api_key: apiKey })).json()[0].service_request_id;
    const both = (await get(`requests.json?service_request_id=${a},${b},RJ-AAAA-BBBB-CCCC-DDDD`)).json();
    expect(both.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([a, b].sort());
    const open = (await get(`requests.json?service_request_id=${a},${b}&status=closed`)).json();
    expect(open).toEqual([]);
    const mine = (await get(`requests.json?api_key=${apiKey}&service_code=livestock,fire_near_line`)).json();
    expect(mine.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(expect.arrayContaining([a, b]));
    const nobody = await get('requests.json');
    expect(nobody.statusCode).toBe(400);
    expect(isOpen311Error(nobody)).toBe(true);
    expect((await get(`requests.json?api_key=${apiKey}&start_date=2026-01-01T00:00:00Z&end_date=2026-12-31T00:00:00Z`)).statusCode).toBe(400);
    expect((await get('requests/RJ-AAAA-BBBB-CCCC-DDDD.json')).statusCode).toBe(404);
  });

  it('turns the token of a report queued on a phone into its id once it has arrived', async () => {
    const token = crypto.randomUUID();
    expect((await get(`tokens/${token}.json`)).statusCode).toBe(404);
    const receipt = (await t.http.inject({ method: 'POST', url: '/api/public/reports', remoteAddress: '198.51.100.9', payload: { clientId: token, category: 'cable_theft', where: { stationId: 'st-luorong' }, description: '有人在割电缆' } })).json();
    const found = await get(`tokens/${token}.json`);
    expect(found.json()).toEqual([{ service_request_id: receipt.trackingCode, token }]);
    expect(xml.parse((await get(`tokens/${token}.xml`)).body).service_requests.request.token).toBe(token);
  });

  it('stops taking requests from a revoked key', async () => {
    const admin = await t.login('admin');
    const other = (await t.http.inject({ method: 'POST', url: '/api/open311/clients', payload: { name: 'old app' }, headers: { authorization: admin } })).json();
    expect((await post({ service_code: 'livestock', lat: '24.40', long: '109.61', api_key: other.apiKey })).statusCode).toBe(200);
    expect((await t.http.inject({ method: 'DELETE', url: `/api/open311/clients/${other.id}`, headers: { authorization: admin } })).statusCode).toBe(204);
    expect((await post({ service_code: 'livestock', lat: '24.40', long: '109.61', api_key: other.apiKey })).statusCode).toBe(403);
    expect((await t.http.inject({ method: 'GET', url: '/api/open311/clients', headers: { authorization: await t.login('lz.dispatcher1') } })).statusCode).toBe(403);
    const list = (await t.http.inject({ method: 'GET', url: '/api/open311/clients', headers: { authorization: admin } })).json().clients;
    expect(list.find((c: { id: string }) => c.id === clientId).lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(apiKey);
  });

  it('answers anything a client or an attacker sends with a 4xx in the standard’s error form, never a 5xx', async () => {
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', '\u0000', '\uD800', 'NaN', '1e999', '-91', '24.3.4', '<x>', '%ZZ', 'a'.repeat(5000)));
    const field = fc.constantFrom('service_code', 'lat', 'long', 'address_id', 'address_string', 'email', 'phone', 'media_url', 'description', 'device_id', 'jurisdiction_id', 'attribute[train_number]', 'attribute[car_number]', 'attribute[line]', 'attribute[km_post]', 'attribute[x][]', '__proto__');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(field, text, { maxKeys: 8 }), fc.constantFrom('json', 'xml'), fc.boolean(), fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain'), async (fields, format, withKey, type) => {
        const body = type === 'application/json' ? JSON.stringify({ ...fields, ...(withKey ? { api_key: apiKey } : {}) }) : new URLSearchParams({ ...fields, ...(withKey ? { api_key: apiKey } : {}) }).toString();
        const res = await t.http.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, payload: body, remoteAddress: `198.51.100.${crypto.randomInt(20, 250)}`, headers: { 'content-type': type } });
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode >= 400) expect(isOpen311Error(res), res.body).toBe(true);
      }),
      { numRuns: 60, seed: 311 },
    );
    for (const url of ['requests/%00.json', 'requests.json?start_date=yesterday&service_request_id=', 'tokens/x.json', 'requests.json?status=pending&api_key=x', 'services/%ED%A0%80.xml']) {
      const res = await get(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });
});
