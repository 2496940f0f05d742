import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';
import { now } from '../src/platform/clock.js';
import { TRAIN_TOLERANCE_MS } from '../src/modules/alarms/context.js';

/**
 * The device registry, signed HTTP ingest, Frigate events, alarm handling, rules and KPIs through
 * the API on both databases (MQTT has its own test: technical-defence.test.ts).
 */
describe.each(ENGINES)('devices and alarms over HTTP on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  const api = requests(() => t, () => admin);
  let seq = 0;
  const keys = new Map<string, string>();
  const sign = (deviceId: string, topic: string, body: unknown, key = keys.get(deviceId) ?? 'an unknown device’s key') => {
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    return { deviceId, topic, payload, signature: crypto.createHmac('sha256', key).update(payload).digest('hex') };
  };
  const batch = (messages: unknown[]) => t.http.inject({ method: 'POST', url: '/api/device-events', payload: { messages } });
  const at = (ms = 0) => new Date(now() + ms).toISOString();
  /**
   * A recent instant when no train of the demo timetable passes this measure of the line within
   * the tolerance: a passing train explains a fence sensor's vibration away (raises nothing), so an
   * alarm asserted on must not happen to fall on a train's minute.
   */
  const quietAt = async (measureM: number) => {
    for (let back = 0; back < 3600_000; back += 60_000) {
      const ms = now() - back;
      if (!(await t.app.services.trains.passing('xianggui', measureM, ms - 2 * TRAIN_TOLERANCE_MS, (4 * TRAIN_TOLERANCE_MS) / 1000)).length) return new Date(ms).toISOString();
    }
    throw new Error('no minute in the last hour without a train passing');
  };

  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    admin = await t.login('admin');
  }, 120_000);
  afterAll(async () => t?.close());

  it('registers devices with their place, jurisdiction and a key shown once, and refuses bad ones field by field', async () => {
    const res = await api.post('/api/devices', { id: '34020000001320000001', kind: 'fence_sensor', name: '湘桂 K499 电子围栏', ownerAgencyId: 'sec-liuzhou', location: { lineId: 'xianggui', from: 'K499+500', to: 'K500+200', side: 'right' } });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d.key).toMatch(/^[0-9a-f]{48}$/);
    keys.set(d.id, d.key);
    expect(d).toMatchObject({ id: '34020000001320000001', ownerName: '柳州铁安保安服务有限公司', placement: { lineId: 'xianggui', fromMileage: 'K499+500', toMileage: 'K500+200' }, health: { status: 'unknown' } });
    expect(d.jurisdiction).toContain('lz-ps-liuzhou');
    expect((await api.get(`/api/devices/${d.id}`)).json()).not.toHaveProperty('key');
    expect((await api.post('/api/devices', { ...d, key: undefined })).statusCode).toBe(400); // extra fields of an answer are not a request
    const bad = await api.post('/api/devices', { id: 'bad/id', kind: 'camera', name: '', ownerAgencyId: 'nobody', location: { lineId: 'xianggui', from: 'K1+000', to: 'K2+000' } });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.id', 'body.name', 'body.location', 'body.fieldOfView']));
    expect((await api.post('/api/devices', { id: 'x-1', kind: 'radar', name: '雷达', ownerAgencyId: 'nobody', location: { lon: 109.5, lat: 24.3 } })).json().error.details.fields[0].field).toBe('body.ownerAgencyId');
    expect((await api.post('/api/devices', { id: '34020000001320000001', kind: 'radar', name: '雷达', ownerAgencyId: 'sec-liuzhou', location: { lon: 109.5, lat: 24.3 } })).statusCode).toBe(409);
    // an agency's officer registers its own devices, not another's
    const sec = await t.login('sec.liuzhou.officer');
    expect((await api.post('/api/devices', { id: 'sec-radar-1', kind: 'radar', name: '保安雷达', ownerAgencyId: 'sec-liuzhou', location: { lon: 109.5125, lat: 24.367 } }, sec)).statusCode).toBe(201);
    expect((await api.post('/api/devices', { id: 'sec-radar-2', kind: 'radar', name: '别人的雷达', ownerAgencyId: 'tm-liuzhou', location: { lon: 109.5125, lat: 24.367 } }, sec)).statusCode).toBe(403);
  });

  it('shows a device only to its owner, the agencies where it stands and the centre', async () => {
    for (const [user, status] of [['sec.liuzhou.officer', 200], ['ps.liuzhou.officer', 200], ['lz.dispatcher1', 200], ['tt.cj3.officer', 404], ['lz.auditor', 404]] as const) {
      const auth = await t.login(user);
      expect((await api.get('/api/devices/34020000001320000001', auth)).statusCode, user).toBe(status);
      const ids = (await api.get('/api/devices', auth)).json().devices.map((d: { id: string }) => d.id);
      expect(ids.includes('34020000001320000001'), user).toBe(status === 200);
    }
  });

  it('imports CSV and GeoJSON all or nothing, naming every refused row, and exports without keys', async () => {
    const csv = ['id,kind,name,ownerAgencyId,lon,lat,stationId,lineId,from,to,side,bearingDeg,angleDeg,rangeM,streamUrl,snapshotUrl,nvrCamera,heartbeatS,enabled,key', 'imp-cam-1,camera,"柳州站 东咽喉, 摄像机",lz-ps-liuzhou,109.5125,24.3675,,,,,,90,60,200,rtsp://10.0.0.1/1,https://nvr.example/1.jpg,lz_east,30,1,', 'imp-fs-1,fibre_sensor,湘桂 K510 光纤,tm-liuzhou,,,,xianggui,K510+000,K511+000,left,,,,,,,,1,0123456789abcdef0123'].join('\n');
    const bad = await t.http.inject({ method: 'POST', url: '/api/devices/import', headers: { authorization: admin, 'content-type': 'text/csv' }, payload: `${csv}\nimp-x,teleporter,x,lz-ps-liuzhou,1,1,,,,,,,,,,,,,,\nimp-y,radar,y,nobody,109.5,24.3,,,,,,,,,,,,,,` });
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().error.details.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`), bad.body).toEqual(['4:kind', '5:ownerAgencyId']);
    expect((await api.get('/api/devices/imp-cam-1')).statusCode).toBe(404);
    const ok = await t.http.inject({ method: 'POST', url: '/api/devices/import', headers: { authorization: admin, 'content-type': 'text/csv' }, payload: csv });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ created: 2, updated: 0, errors: [] });
    expect(ok.json().keys.map((k: { id: string }) => k.id)).toEqual(['imp-cam-1']); // the other brought its own
    expect((await api.get('/api/devices/imp-cam-1')).json()).toMatchObject({ name: '柳州站 东咽喉, 摄像机', nvrCamera: 'lz_east', heartbeatS: 30, fieldOfView: { bearingDeg: 90, angleDeg: 60, rangeM: 200 } });
    const exported = await api.get('/api/devices/export?format=csv');
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    expect(exported.body).toContain('"柳州站 东咽喉, 摄像机"');
    expect(exported.body).not.toContain('0123456789abcdef0123');
    const geo = (await api.get('/api/devices/export?format=geojson')).json();
    const back = await api.post('/api/devices/import?format=geojson', geo);
    expect(back.json(), back.body).toMatchObject({ created: 0, errors: [] });
    expect(back.json().updated).toBe(geo.features.length);
    // keys survive a re-import that names none
    keys.set('imp-fs-1', '0123456789abcdef0123');
    expect((await batch([sign('imp-fs-1', 'heartbeat', { at: at() })])).json()).toMatchObject({ accepted: 1 });
  });

  it('takes signed batches, refuses and counts forged, unknown, replayed and malformed messages, and raises alarms', async () => {
    const before = (await api.get('/api/device-ingest')).json().refused as Record<string, number>;
    const id = '34020000001320000001';
    const measure = (await api.get(`/api/devices/${id}`)).json().placement.fromMeasureM as number;
    const good = { type: 'climb', at: await quietAt(measure + 100), seq: ++seq, positionM: 100 };
    const res = await batch([
      sign(id, 'event', good),
      sign(id, 'event', good), // replayed
      sign(id, 'event', { ...good, seq: ++seq }, 'f'.repeat(48)), // wrong key
      sign('nobody-at-all', 'event', { ...good, seq: ++seq }),
      sign(id, 'event', '{not json'),
      sign(id, 'event', { type: 'climb', at: 12, seq: ++seq }),
      sign(id, 'event', 'x'.repeat(100_000)),
      sign(id, 'heartbeat', { at: at() }),
    ].map((m, i) => (i === 3 ? { ...m, signature: '0'.repeat(64) } : m)));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results.map((r: { ok: boolean; reason?: string }) => r.reason ?? 'ok')).toEqual(['ok', 'replayed_seq', 'bad_signature', 'unknown_device', 'bad_json', 'bad_payload', 'too_large', 'ok']);
    const after = (await api.get('/api/device-ingest')).json().refused as Record<string, number>;
    for (const r of ['replayed_seq', 'bad_signature', 'unknown_device', 'bad_json', 'bad_payload', 'too_large']) expect((after[r] ?? 0) - (before[r] ?? 0), r).toBe(1);
    const list = (await api.get('/api/alarms')).json();
    const alarm = list.alarms.find((a: { deviceId: string }) => a.deviceId === id);
    expect(alarm).toMatchObject({ condition: 'climb', state: 'active', count: 1, acknowledged: false, mileage: 'K499+600' });
    expect(list.groups.find((g: { id: string }) => g.id === alarm.groupId)).toMatchObject({ decision: { action: 'verify' } });
    expect((await api.get(`/api/devices/${id}`)).json().health.status).toBe('online');
    // the centre and the police where the sensor stands are alerted; its owner (a security company) and others are not
    await t.app.outbox.flush();
    await t.app.services.alertEngine.tick();
    const alerted = async (u: string) => ((await api.get('/api/alerts?state=all', await t.login(u))).json().alerts as Array<{ kind: string; subject: { id: string } }>).some((x) => x.kind === 'device_alarm' && x.subject.id === alarm.id);
    expect(await alerted('lz.dispatcher1')).toBe(true);
    expect(await alerted('ps.liuzhou.officer')).toBe(true);
    expect(await alerted('sec.liuzhou.officer')).toBe(false);
    expect(await alerted('tt.cj3.officer')).toBe(false);
    // a field a batch cannot carry is refused whole, naming it
    expect((await batch([{ deviceId: id, topic: 'event', payload: '{}', signature: 'zz' }])).json().error.details.fields[0].field).toBe('body.messages[0].signature');
  });

  it('acknowledges, shelves with a reason and time, and marks alarms false, counting the false-alarm rate', async () => {
    const alarm = (await api.get('/api/alarms')).json().alarms.find((a: { deviceId: string }) => a.deviceId === '34020000001320000001');
    const officer = await t.login('ps.liuzhou.officer');
    expect((await api.post(`/api/alarms/${alarm.id}/shelve`, { reason: '短', minutes: 30 }, officer)).statusCode).toBe(400);
    const shelved = (await api.post(`/api/alarms/${alarm.id}/shelve`, { reason: '线路施工，临时屏蔽', minutes: 30 }, officer)).json();
    expect(shelved.shelveReason).toBe('线路施工，临时屏蔽');
    expect((await api.get('/api/alarms')).json().alarms.some((a: { id: string }) => a.id === alarm.id)).toBe(false);
    expect((await api.post(`/api/alarms/${alarm.id}/unshelve`, {}, officer)).statusCode).toBe(200);
    const analyst = await t.login('lz.analyst');
    expect((await api.post(`/api/alarms/${alarm.id}/acknowledge`, {}, analyst)).statusCode).toBe(403);
    expect((await api.post(`/api/alarms/${alarm.id}/acknowledge`, {}, await t.login('tt.cj3.officer'))).statusCode).toBe(404);
    expect((await api.post(`/api/alarms/${alarm.id}/acknowledge`, { note: '已派人查看' }, officer)).json()).toMatchObject({ acknowledged: true, acknowledgedBy: 'ps.liuzhou.officer' });
    expect((await api.post(`/api/alarms/${alarm.id}/acknowledge`, {}, officer)).statusCode).toBe(409);
    expect((await api.post(`/api/alarms/${alarm.id}/false`, { reason: '大风吹动护网' })).json().falseAlarm).toMatchObject({ by: 'admin', reason: '大风吹动护网' });
    const kpis = (await api.get('/api/alarm-kpis')).json();
    expect(kpis.targets).toEqual({ acceptablePerHour: 6, manageablePerHour: 12, floodPer10Min: 10 });
    expect(kpis.falseAlarms.byKind).toContainEqual({ kind: 'fence_sensor', alarms: 1, falseAlarms: 1, rate: 1 });
    expect(kpis.top[0]).toMatchObject({ deviceId: '34020000001320000001' });
    expect(kpis.consoles.find((c: { agencyId: string }) => c.agencyId === 'lz-centre')).toMatchObject({ alarms: 1 });
  });

  it('maps Frigate events to registered cameras and confirms the sensor alarm nearby', async () => {
    const defence = t.app.services.defence;
    const frigate = (type: string, camera: string, label: string, eventId: string) => defence.ingest.fromTopic('frigate/events', JSON.stringify({ type, before: {}, after: { id: eventId, camera, label, current_zones: ['track'], start_time: now() / 1000, top_score: 0.9 } }));
    expect(await frigate('new', 'no-such-camera', 'person', 'e1')).toEqual({ ok: false, reason: 'unmapped_camera' });
    expect(await frigate('new', 'lz_east', 'umbrella', 'e2')).toEqual({ ok: false, reason: 'unmapped_label' });
    expect(await frigate('new', 'lz_east', 'person', 'e3')).toEqual({ ok: true });
    expect(await frigate('new', 'lz_east', 'person', 'e3')).toEqual({ ok: false, reason: 'replayed_seq' });
    const alarm = (await api.get('/api/alarms')).json().alarms.find((a: { deviceId: string }) => a.deviceId === 'imp-cam-1');
    expect(alarm).toMatchObject({ condition: 'person_detected', state: 'active' });
    expect(await frigate('end', 'lz_east', 'person', 'e3')).toEqual({ ok: true });
    expect((await api.get(`/api/alarms/${alarm.id}`)).json().state).toBe('cleared');
  });

  it('keeps the rules as data that administrators replace, refusing unknown categories', async () => {
    const rules = (await api.get('/api/alarm-rules')).json().rules;
    expect(rules.map((r: { id: string }) => r.id)).toContain('hsr-night-moving');
    const dispatcher = await t.login('lz.dispatcher1');
    expect((await api.put('/api/alarm-rules', { rules }, dispatcher)).statusCode).toBe(403);
    const bad = await api.put('/api/alarm-rules', { rules: [{ ...rules[0], then: { action: 'incident', category: 'no_such', priority: 'P1' } }] });
    expect(bad.json().error.details.fields[0].field).toBe('body.rules.0.then.category');
    const cables = { id: 'night-cable', name: '夜间电缆', enabled: true, when: { conditions: ['cable_cut'], timeOfDay: { from: '22:00', to: '05:00' } }, then: { action: 'incident', category: 'cable_theft', priority: 'P1' }, reason: '夜间电缆被割：按 P1 处置' };
    const saved = await api.put('/api/alarm-rules', { rules: [cables, ...rules] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await api.get('/api/alarm-rules')).json().rules[0].id).toBe('night-cable');
  });

  it('declares maintenance windows for the working agency only, and reads them by the rule', async () => {
    const tm = await t.login('tm.liuzhou.officer');
    const body = { lineId: 'xianggui', from: 'K510+000', to: 'K511+000', start: at(3600_000), end: at(7200_000), crew: '柳州工务段 作业二组', agencyId: 'tm-liuzhou' };
    expect((await api.post('/api/maintenance-windows', { ...body, agencyId: 'tm-guilin' }, tm)).statusCode).toBe(403);
    expect((await api.post('/api/maintenance-windows', { ...body, end: body.start }, tm)).json().error.details.fields[0].field).toBe('body.end');
    const w = (await api.post('/api/maintenance-windows', body, tm)).json();
    expect(w).toMatchObject({ status: 'planned', agencyName: '柳州工务段', lineName: '湘桂线' });
    expect((await api.get(`/api/maintenance-windows/${w.id}`, await t.login('ps.liuzhou.officer'))).statusCode).toBe(200);
    expect((await api.get(`/api/maintenance-windows/${w.id}`, await t.login('tt.cj3.officer'))).statusCode).toBe(404);
    expect((await api.post(`/api/maintenance-windows/${w.id}/cancel`, { reason: '暴雨取消作业' }, tm)).json().status).toBe('cancelled');
  });

  it('lists the availability of each device and owner', async () => {
    const a = (await api.get('/api/device-availability')).json();
    expect(a.devices.find((d: { id: string }) => d.id === '34020000001320000001')).toMatchObject({ availability: 1, offlineS: 0 });
    expect(a.owners.find((o: { agencyId: string }) => o.agencyId === 'sec-liuzhou')).toMatchObject({ name: '柳州铁安保安服务有限公司' });
  });
});
