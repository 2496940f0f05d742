import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import type { LonLat } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';
import { now, startClockAt } from '../src/platform/clock.js';
import { offsetPoint } from '../src/modules/network/geo.js';
import { bearingDeg } from '../src/modules/devices/fov.js';

/**
 * Technical defence end to end, on both databases and both brokers (Mosquitto at 127.0.0.1:1883,
 * which .ci/run starts, and the embedded one): devices registered through the API, messages
 * published over MQTT at QoS 1 as field devices do, and what the platform made of them read back
 * through the API. Waiting is by condition (the broker hands messages on in its own time), never
 * by elapsed time.
 */
const MOSQUITTO = process.env.RAILJOINT_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const BROKERS = ['mosquitto', 'embedded'] as const;
const NIGHT = Date.parse('2026-12-01T02:00:00+08:00');
const LINE = 'hengliu-hsr';

const until = async <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe.each(ENGINES.flatMap((engine) => BROKERS.map((broker) => [engine, broker] as const)))('technical defence on %s with %s', (engine, broker) => {
  let t: TestApp;
  let admin: string;
  let client: MqttClient;
  let seq = 0;
  const run = crypto.randomBytes(3).toString('hex');
  const id = (name: string) => `${name}-${run}`;
  const api = requests(() => t, () => admin);
  const publish = async (deviceId: string, channel: 'event' | 'heartbeat' | 'state', payload: unknown) => {
    await client.publishAsync(`railjoint/v1/devices/${deviceId}/${channel}`, typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload), { qos: 1 });
  };
  const event = (deviceId: string, type: string, extra: Record<string, unknown> = {}) => publish(deviceId, 'event', { type, at: new Date(now()).toISOString(), seq: ++seq, ...extra });
  const position = async (mileage: string): Promise<LonLat> => (await api.get(`/api/network/position?lineId=${LINE}&mileage=${encodeURIComponent(mileage)}`)).json().candidates[0].coordinates;
  const register = async (body: Record<string, unknown>) => {
    const res = await api.post('/api/devices', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  // sessions follow the platform clock: moving it far signs people out
  const moveClock = async (ms: number) => {
    startClockAt(ms);
    admin = await t.login('admin');
  };
  const alarms = async (q = 'state=all&suppressed=include') => (await api.get(`/api/alarms?${q}`)).json() as { mode: string; alarms: Array<Record<string, any>>; groups: Array<Record<string, any>> };

  beforeAll(async () => {
    const devices = { mqttUrl: broker === 'mosquitto' ? MOSQUITTO : null, mqttPort: broker === 'embedded' ? 0 : null, mqttConnections: 2, mqttClientId: `rjtest-${run}`, mqttGroup: `rjtest-${run}`, mqttClean: true, heartbeatS: 60 };
    t = await startApp({ engine, demo: true, clockStart: NIGHT, devices });
    admin = await t.login('admin');
    const url = broker === 'mosquitto' ? MOSQUITTO : `mqtt://127.0.0.1:${t.app.services.defence.mqtt!.port}`;
    client = await mqtt.connectAsync(url, { clientId: `rjtest-device-${run}`, clean: true });
    // the fibre sensor along K500+000–K502+000 and cameras beside K500+550
    await register({ id: id('fs'), kind: 'fibre_sensor', name: '衡柳 K500 光纤振动', ownerAgencyId: 'tm-guilin-hsr', location: { lineId: LINE, from: 'K500+000', to: 'K502+000', side: 'left' } });
    const target = await position('K500+550');
    // each sees about 150 m of track either side of K500+550 from 150 m away
    for (const [name, east] of [['cam-a', 150], ['cam-b', -150]] as const) {
      const at = offsetPoint(target, east, 10);
      await register({ id: id(name), kind: 'camera', name: `衡柳 K500+550 摄像机 ${name}`, ownerAgencyId: 'lz-ps-liuzhou', location: { lon: at[0], lat: at[1] }, fieldOfView: { bearingDeg: bearingDeg(at, target), angleDeg: 90, rangeM: 400 }, snapshotUrl: `https://nvr.example/${name}.jpg`, streamUrl: `rtsp://nvr.example/${name}` });
    }
    const away = offsetPoint(target, 60, 0);
    await register({ id: id('cam-away'), kind: 'camera', name: '背向线路的摄像机', ownerAgencyId: 'lz-ps-liuzhou', location: { lon: away[0], lat: away[1] }, fieldOfView: { bearingDeg: bearingDeg(target, away), angleDeg: 40, rangeM: 300 } });
  }, 120_000);
  afterAll(async () => {
    await client?.endAsync();
    await t?.close();
  });

  it('turns a fibre sensor firing along 300 m at night into one alarm group and one P1 incident, with the two cameras covering it', async () => {
    for (let m = 400; m <= 700; m += 50) await event(id('fs'), 'intrusion', { positionM: m, confidence: 0.8 });
    // through Mosquitto the seven arrive in their own time, and over two connections perhaps out of order
    const group = await until('a group 300 m long with its incident and all seven events', async () => (await alarms('state=active')).groups.find((g) => g.extentM >= 300 && g.incidentId && g.alarms[0]?.count === 7));
    expect((await alarms('state=active')).groups).toHaveLength(1);
    expect(group).toMatchObject({ lineId: LINE, fromMileage: 'K500+400', toMileage: 'K500+700', decision: { action: 'incident', ruleId: 'hsr-night-moving' } });
    expect(group.alarms).toHaveLength(1);
    expect(group.alarms[0]).toMatchObject({ deviceId: id('fs'), condition: 'intrusion', count: 7, state: 'active' });
    const incident = (await api.get(`/api/incidents/${group.incidentId}`)).json();
    expect(incident).toMatchObject({ channel: 'device', category: 'track_intrusion', priority: 'P1' });
    const metres = Number(/K500\+(\d{3})/.exec(JSON.stringify(incident))![1]);
    expect(metres).toBeGreaterThanOrEqual(400);
    expect(metres).toBeLessThanOrEqual(700);
    expect(incident.description).toContain('沿线移动逾 100 米');
    const cameras = (await api.get(`/api/incidents/${group.incidentId}/cameras`)).json().cameras as Array<{ id: string; snapshotUrl: string }>;
    expect(cameras.map((c) => c.id).sort()).toEqual([id('cam-a'), id('cam-b')]);
    expect(cameras[0]!.snapshotUrl).toMatch(/^https:\/\/nvr\.example\//);
    // one incident only, however many events followed
    await event(id('fs'), 'intrusion', { positionM: 720 });
    const device = (await api.get(`/api/incidents?channel=device&limit=50`)).json().incidents.filter((i: { externalRef?: string; id: string }) => i.id === group.incidentId);
    expect(device).toHaveLength(1);
    // the condition ends and the operator acknowledges
    await event(id('fs'), 'intrusion', { positionM: 720, clear: true });
    const cleared = await until('the alarm cleared', async () => (await alarms()).alarms.find((a) => a.deviceId === id('fs') && a.state === 'cleared'));
    expect((await api.post(`/api/alarms/${cleared.id}/acknowledge`, {})).statusCode).toBe(200);
  });

  it('annotates a burst inside a maintenance window as authorised work and does not escalate it', async () => {
    const w = await api.post('/api/maintenance-windows', { lineId: LINE, from: 'K501+000', to: 'K501+800', start: new Date(now() - 600_000).toISOString(), end: new Date(now() + 3 * 3600_000).toISOString(), crew: '桂林高铁工务段 线路作业三组', agencyId: 'tm-guilin-hsr' });
    expect(w.statusCode, w.body).toBe(201);
    await t.app.services.defence.maintenance.current(); // the window is seen at once, not after the cache's few seconds
    for (let m = 1100; m <= 1400; m += 50) await event(id('fs'), 'intrusion', { positionM: m });
    const group = await until('the burst’s group', async () => (await alarms('state=active')).groups.find((g) => g.fromMileage === 'K501+100' && g.extentM >= 300));
    expect(group.decision).toMatchObject({ action: 'none' });
    expect(group.incidentId).toBeNull();
    expect(group.annotations).toEqual([expect.objectContaining({ kind: 'maintenance_window', ref: w.json().id })]);
    expect(group.alarms[0].annotations).toEqual([expect.objectContaining({ kind: 'maintenance_window' })]);
    await t.app.services.defence.escalator.run();
    expect((await alarms('state=active')).groups.find((g) => g.id === group.id)!.incidentId).toBeNull();
    await event(id('fs'), 'intrusion', { positionM: 1400, clear: true });
    const a = await until('the burst cleared', async () => (await alarms()).alarms.find((x) => x.id === group.alarms[0].id && x.state === 'cleared'));
    await api.post(`/api/alarms/${a.id}/acknowledge`, {});
  });

  it('raises nothing when a train passing the same sensor shakes it', async () => {
    const measure = (await api.get(`/api/devices/${id('fs')}`)).json().placement.fromMeasureM as number;
    const [train] = await t.app.services.trains.passing(LINE, measure + 300, now(), 86_400);
    expect(train, 'the demo timetable runs trains past K500').toBeDefined();
    await moveClock(train!.atMs);
    const before = await alarms();
    await event(id('fs'), 'intrusion', { positionM: 300 });
    const explained = await until('the explained alarm', async () => (await alarms()).alarms.find((a) => a.annotations.some((n: { kind: string }) => n.kind === 'train_passing')));
    expect(explained).toMatchObject({ suppressed: true, state: 'cleared', groupId: null });
    expect(explained.annotations[0].ref).toBe(train!.train);
    const after = await alarms('state=active');
    expect(after.alarms.filter((a) => !before.alarms.some((b) => b.id === a.id))).toEqual([]);
    expect(after.groups.filter((g) => !before.groups.some((b) => b.id === g.id))).toEqual([]);
    await moveClock(NIGHT + 3600_000);
  });

  it('flags a chattering sensor, suppresses it and gives its owner a notice', async () => {
    await register({ id: id('fence'), kind: 'fence_sensor', name: '湘桂 K510 电子围栏', ownerAgencyId: 'sec-liuzhou', location: { lineId: 'xianggui', from: 'K510+000', to: 'K510+500' } });
    // each activation and clear is seen before the next is sent, as a sensor's seconds apart would
    // be: the broker splits one device's messages across the subscriber connections, so two sent
    // back to back may be taken in either order
    const fence = async () => (await alarms()).alarms.find((x) => x.deviceId === id('fence'));
    for (let i = 1; i <= 3; i++) {
      await event(id('fence'), 'climb', { positionM: 100 });
      await until(`activation ${i}`, async () => (await fence())?.activations === i);
      await event(id('fence'), 'climb', { positionM: 100, clear: true });
      await until(`clear ${i}`, async () => (await fence())?.state === 'cleared');
    }
    const a = await until('the chattering alarm', async () => (await alarms()).alarms.find((x) => x.deviceId === id('fence') && x.chattering));
    expect(a).toMatchObject({ suppressed: true, activations: 3 });
    const sec = await t.login('sec.liuzhou.officer');
    const tasks = (await api.get('/api/tasks?scope=mine', sec)).json().tasks as Array<{ title: string }>;
    expect(tasks.filter((x) => x.title.includes(id('fence')) && x.title.includes('频繁报警'))).toHaveLength(1);
  });

  it('takes a silent device offline within three intervals of the platform clock, and gives its owner a repair task', async () => {
    await register({ id: id('post'), kind: 'emergency_call_post', name: '衡柳 K505 应急求助柱', ownerAgencyId: 'tm-guilin-hsr', location: { lineId: LINE, from: 'K505+000', to: 'K505+000' } });
    await publish(id('post'), 'heartbeat', { at: new Date(now()).toISOString() });
    const seen = await until('online', async () => {
      const h = (await api.get(`/api/devices/${id('post')}`)).json().health;
      return h.status === 'online' && Date.parse(h.lastSeenAt);
    });
    // three intervals of 60 s after it was last heard of, on the platform clock: the sweep is
    // asked at those instants rather than after moving the clock, so a slow machine cannot overshoot
    const view = (x: string) => t.app.services.defence.devices.view(x);
    await t.app.services.defence.health.sweep(view, seen + 179_000);
    expect((await api.get(`/api/devices/${id('post')}`)).json().health.status).toBe('online');
    await t.app.services.defence.health.sweep(view, seen + 181_000);
    const device = (await api.get(`/api/devices/${id('post')}`)).json();
    expect(device.health).toMatchObject({ status: 'offline', offlineReason: 'missed_heartbeats' });
    const owner = await t.login('tm.guilinhsr.officer');
    const tasks = (await api.get('/api/tasks?scope=mine', owner)).json().tasks as Array<{ title: string }>;
    expect(tasks.filter((x) => x.title.includes(id('post')) && x.title.includes('离线'))).toHaveLength(1);
    // it comes back with its next beat
    await publish(id('post'), 'heartbeat', { at: new Date(now()).toISOString() });
    await until('back online', async () => (await api.get(`/api/devices/${id('post')}`)).json().health.status === 'online');
  });

  it('takes a device offline at once on its MQTT last will', async () => {
    const will = await mqtt.connectAsync(broker === 'mosquitto' ? MOSQUITTO : `mqtt://127.0.0.1:${t.app.services.defence.mqtt!.port}`, { clientId: `rjtest-will-${run}`, clean: true, will: { topic: `railjoint/v1/devices/${id('cam-a')}/state`, payload: Buffer.from('offline'), qos: 1, retain: false } });
    await will.publishAsync(`railjoint/v1/devices/${id('cam-a')}/state`, 'online', { qos: 1 });
    await until('camera online', async () => (await api.get(`/api/devices/${id('cam-a')}`)).json().health.status === 'online');
    will.stream.destroy(); // the connection drops without a DISCONNECT: the broker sends the will
    const device = await until('camera offline', async () => {
      const d = (await api.get(`/api/devices/${id('cam-a')}`)).json();
      return d.health.status === 'offline' && d;
    });
    expect(device.health.offlineReason).toBe('last_will');
    will.end(true);
  });

  it('refuses malformed messages, counts each by reason, and keeps going', async () => {
    const before = (await api.get('/api/device-ingest')).json().refused as Record<string, number>;
    const at = new Date(now()).toISOString();
    await publish(id('fs'), 'event', '{"type": "intrusion", "at": ');
    await publish(`nobody-${run}`, 'event', { type: 'intrusion', at, seq: 1 });
    await publish(id('fs'), 'event', { type: 'intrusion', at, seq: 'seven' });
    await publish(id('fs'), 'event', { type: 'intrusion', at: new Date(now() + 7 * 86_400_000).toISOString(), seq: ++seq });
    await publish(id('fs'), 'event', { type: 'intrusion', at, seq: 1, positionM: 10 });
    await publish(id('fs'), 'event', Buffer.alloc(10 * 1024 * 1024, 0x7b));
    const want = { bad_json: 1, unknown_device: 1, bad_payload: 1, future_time: 1, replayed_seq: 1, too_large: 1 };
    const counted = await until('every refusal counted', async () => {
      const refused = (await api.get('/api/device-ingest')).json().refused as Record<string, number>;
      const diff = Object.fromEntries(Object.keys(want).map((k) => [k, (refused[k] ?? 0) - (before[k] ?? 0)]));
      return Object.entries(want).every(([k, n]) => diff[k]! >= n) && diff;
    });
    expect(counted).toEqual(want);
    // nothing of it became an alarm, and the platform still takes good messages
    expect((await alarms()).alarms.filter((a) => a.deviceId === id('fs') && a.state === 'active')).toEqual([]);
    await event(id('fs'), 'intrusion', { positionM: 1900 });
    await until('a good message after the bad', async () => (await alarms('state=active')).alarms.some((a) => a.deviceId === id('fs')));
  });
});
