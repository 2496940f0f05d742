import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';
import { now } from '../src/platform/clock.js';

/**
 * False-alarm rates per device, on both databases: a radar and a fence raise alarms through the
 * signed HTTP batch a gateway sends, operators mark some of them false, and the device's rate, its
 * days and the ranking over every device follow; an agency with no say over the radar sees none
 * of it, the owner sees it all.
 */
const NIGHT = Date.parse('2026-12-01T02:00:00+08:00');
const DAY = 86_400_000;

describe.each(ENGINES)('false-alarm rates on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  const run = crypto.randomBytes(3).toString('hex');
  const radar = `fr-radar-${run}`;
  const fence = `fr-fence-${run}`;
  const keys = new Map<string, string>();
  const seqs = new Map<string, number>();
  const api = requests(() => t, () => admin);

  /** Sends events as a gateway does: answered once they are durable, so the alarms exist after. */
  const send = async (deviceId: string, types: string[]) => {
    const messages = types.map((type) => {
      const seq = (seqs.get(deviceId) ?? 0) + 1;
      seqs.set(deviceId, seq);
      const payload = JSON.stringify({ type, at: new Date(now()).toISOString(), seq, confidence: 0.7 });
      return { deviceId, topic: 'event', payload, signature: crypto.createHmac('sha256', keys.get(deviceId)!).update(payload, 'utf8').digest('hex') };
    });
    const res = await api.post('/api/device-events', { messages });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().accepted).toBe(types.length);
  };
  const alarmsOf = async (deviceId: string) => (await api.get(`/api/alarms?state=all&suppressed=include&deviceId=${deviceId}`)).json().alarms as Array<{ id: string; condition: string; suppressed: boolean }>;
  const rateOf = async (deviceId: string, as = admin, q = '') => api.get(`/api/devices/${deviceId}/false-alarms${q}`, as);
  const ranking = async (as = admin, q = '') => {
    const res = await api.get(`/api/device-false-alarms${q}`, as);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { from: string; to: string; devices: Array<{ deviceId: string; deviceName: string; kind: string; ownerName: string; alarms: number; falseAlarms: number; rate: number }>; byKind: Array<{ kind: string; alarms: number; falseAlarms: number; rate: number }> };
  };
  const markFalse = async (alarmId: string, reason: string) => {
    const res = await api.post(`/api/alarms/${alarmId}/false`, { reason });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    t = await startApp({ engine, demo: true, clockStart: NIGHT });
    admin = await t.login('admin');
    // off the line, so no train passing explains its alarms; kept by a security company in Liuzhou
    const a = await api.post('/api/devices', { id: radar, kind: 'radar', name: `误报测试雷达 ${run}`, ownerAgencyId: 'sec-liuzhou', location: { lon: 109.5125, lat: 24.367 } });
    expect(a.statusCode, a.body).toBe(201);
    keys.set(radar, a.json().key);
    const b = await api.post('/api/devices', { id: fence, kind: 'fence_sensor', name: `误报测试围栏 ${run}`, ownerAgencyId: 'sec-liuzhou', location: { lon: 109.5135, lat: 24.368 } });
    expect(b.statusCode, b.body).toBe(201);
    keys.set(fence, b.json().key);
  }, 120_000);
  afterAll(async () => t?.close());

  it('moves a device’s rate as its alarms are marked false, per day and in the ranking', async () => {
    // one alarm per device and condition: four on the radar, two on the fence
    await send(radar, ['intrusion', 'person_detected', 'vehicle_detected', 'object_detected']);
    await send(fence, ['climb', 'tamper']);
    const alarms = await alarmsOf(radar);
    expect(alarms.filter((x) => !x.suppressed)).toHaveLength(4);

    const before = (await rateOf(radar)).json();
    expect(before).toMatchObject({ deviceId: radar, alarms: 4, falseAlarms: 0, rate: 0, recent: [] });
    expect((await ranking()).devices.find((d) => d.deviceId === radar)).toMatchObject({ alarms: 4, falseAlarms: 0, rate: 0, deviceName: `误报测试雷达 ${run}` });

    await markFalse(alarms[0]!.id, '列车风压引起的误触发');
    expect((await rateOf(radar)).json()).toMatchObject({ alarms: 4, falseAlarms: 1, rate: 0.25 });
    await markFalse(alarms[1]!.id, '飞鸟经过雷达视场');
    const after = (await rateOf(radar)).json();
    expect(after).toMatchObject({ alarms: 4, falseAlarms: 2, rate: 0.5 });
    // the newest mark first, with who and why
    const me = (await t.app.db.kysely.selectFrom('users').select('display_name').where('username', '=', 'admin').executeTakeFirstOrThrow()).display_name;
    expect(after.recent.map((r: { alarmId: string; reason: string; by: string }) => [r.alarmId, r.reason, r.by])).toEqual([
      [alarms[1]!.id, '飞鸟经过雷达视场', me],
      [alarms[0]!.id, '列车风压引起的误触发', me],
    ]);
    // every day of the default month is there, and the days add up to the totals
    expect(after.daily).toHaveLength(31);
    expect(after.daily.reduce((s: number, d: { alarms: number }) => s + d.alarms, 0)).toBe(4);
    expect(after.daily.at(-1)).toEqual({ day: '2026-12-01', alarms: 4, falseAlarms: 2 });
    expect(Date.parse(after.to) - Date.parse(after.from)).toBe(30 * DAY);

    // the fence stays clean, so the radar ranks above it; the kinds carry the same counts
    await markFalse((await alarmsOf(fence))[0]!.id, '大风吹动围栏网片');
    const all = await ranking();
    const order = all.devices.map((d) => d.deviceId);
    expect(order.indexOf(radar)).toBeLessThan(order.indexOf(fence));
    expect(all.devices.find((d) => d.deviceId === fence)).toMatchObject({ alarms: 2, falseAlarms: 1, rate: 0.5 });
    expect(all.devices.find((d) => d.deviceId === radar)).toMatchObject({ alarms: 4, falseAlarms: 2, rate: 0.5, ownerName: expect.stringContaining('保安') });
    // each kind is the sum of its devices
    for (const kind of all.byKind) {
      const mine = all.devices.filter((d) => d.kind === kind.kind);
      expect(kind).toMatchObject({ alarms: mine.reduce((s, d) => s + d.alarms, 0), falseAlarms: mine.reduce((s, d) => s + d.falseAlarms, 0) });
    }
    expect(all.byKind.find((k) => k.kind === 'fence_sensor')!.falseAlarms).toBeGreaterThanOrEqual(1);
    // the KPI page's figures agree
    const kpi = (await api.get('/api/alarm-kpis')).json();
    expect(kpi.falseAlarms.byDevice.find((d: { deviceId: string }) => d.deviceId === radar)).toEqual({ deviceId: radar, alarms: 4, falseAlarms: 2, rate: 0.5 });
  });

  it('counts only the period asked for', async () => {
    const week = `?from=${encodeURIComponent(new Date(now() - 7 * DAY).toISOString())}&to=${encodeURIComponent(new Date(now() + 60_000).toISOString())}`;
    expect((await rateOf(radar, admin, week)).json()).toMatchObject({ alarms: 4, falseAlarms: 2, rate: 0.5 });
    const earlier = `?from=${encodeURIComponent(new Date(now() - 20 * DAY).toISOString())}&to=${encodeURIComponent(new Date(now() - 10 * DAY).toISOString())}`;
    const quiet = (await rateOf(radar, admin, earlier)).json();
    expect(quiet).toMatchObject({ alarms: 0, falseAlarms: 0, rate: 0, recent: [] });
    // ten days from 02:00 touch eleven dates
    expect(quiet.daily).toHaveLength(11);
    expect((await ranking(admin, earlier)).devices.some((d) => d.deviceId === radar)).toBe(false);
    const backwards = await api.get(`/api/device-false-alarms?from=${encodeURIComponent(new Date(now()).toISOString())}&to=${encodeURIComponent(new Date(now() - DAY).toISOString())}`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('query.to');
  });

  it('shows the rate to the device’s owner and to no agency without a say over it', async () => {
    const owner = await t.login('sec.liuzhou.officer');
    expect((await rateOf(radar, owner)).json()).toMatchObject({ alarms: 4, falseAlarms: 2, rate: 0.5 });
    expect((await ranking(owner)).devices.find((d) => d.deviceId === radar)).toMatchObject({ rate: 0.5 });

    // a track maintenance section in Guilin neither keeps the radar nor has jurisdiction where it stands
    const other = await t.login('tm.guilinhsr.officer');
    expect((await api.get(`/api/devices/${radar}`, other)).statusCode).toBe(404);
    const refused = await rateOf(radar, other);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('误报测试雷达');
    const theirs = await ranking(other);
    expect(theirs.devices.filter((d) => d.deviceId === radar || d.deviceId === fence)).toEqual([]);
    // nor does it reach them through the kinds: their radar figures hold none of these alarms
    expect(theirs.byKind.find((k) => k.kind === 'radar')?.falseAlarms ?? 0).toBe(0);
    const kpi = (await api.get('/api/alarm-kpis', other)).json();
    expect(kpi.falseAlarms.byDevice.some((d: { deviceId: string }) => d.deviceId === radar)).toBe(false);
  });
});
