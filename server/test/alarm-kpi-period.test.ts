import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';
import { now } from '../src/platform/clock.js';

/**
 * The alarm figures over a period asked for, on both databases: a radar raises three alarms at
 * night; the figures of the last hour count them, those of a week ago do not, a long period is
 * drawn per day; and a period that ends before it starts, is longer than a year or starts in
 * the future is refused with a 400 naming the field.
 */
const NIGHT = Date.parse('2026-12-01T02:00:00+08:00');
const DAY = 86_400_000;
const CENTRE = 'lz-centre';

interface Kpis {
  from: string;
  to: string;
  consoles: Array<{ agencyId: string; alarms: number; hourly: number[]; daily: Array<{ day: string; alarms: number; hours: number; peakHour: number }> }>;
  top: Array<{ deviceId: string; count: number }>;
  falseAlarms: { byDevice: Array<{ deviceId: string }> };
}

describe.each(ENGINES)('alarm figures over a period on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  const radar = `kp-radar-${crypto.randomBytes(3).toString('hex')}`;
  let key = '';
  const api = requests(() => t, () => admin);
  const q = (from: number, to?: number) => `?from=${encodeURIComponent(new Date(from).toISOString())}${to === undefined ? '' : `&to=${encodeURIComponent(new Date(to).toISOString())}`}`;
  const kpis = async (query = '') => {
    const res = await api.get(`/api/alarm-kpis${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Kpis;
  };
  const centre = (k: Kpis) => k.consoles.find((c) => c.agencyId === CENTRE)!;

  beforeAll(async () => {
    t = await startApp({ engine, demo: true, clockStart: NIGHT });
    admin = await t.login('admin');
    const res = await api.post('/api/devices', { id: radar, kind: 'radar', name: `指标统计期雷达 ${radar}`, ownerAgencyId: 'sec-liuzhou', location: { lon: 109.5125, lat: 24.367 } });
    expect(res.statusCode, res.body).toBe(201);
    key = res.json().key;
  }, 120_000);
  afterAll(async () => t?.close());

  it('counts the alarms of the period asked for, and only those', async () => {
    const hourAgo = now() - 3600_000;
    const before = centre(await kpis(q(hourAgo, now() + 60_000))).alarms;
    const messages = ['intrusion', 'person_detected', 'vehicle_detected'].map((type, i) => {
      const payload = JSON.stringify({ type, at: new Date(now()).toISOString(), seq: i + 1, confidence: 0.7 });
      return { deviceId: radar, topic: 'event', payload, signature: crypto.createHmac('sha256', key).update(payload, 'utf8').digest('hex') };
    });
    const sent = await api.post('/api/device-events', { messages });
    expect(sent.statusCode, sent.body).toBe(200);

    const lastHour = await kpis(q(hourAgo, now() + 60_000));
    expect(centre(lastHour).alarms - before).toBe(3);
    expect(lastHour.top.filter((x) => x.deviceId === radar)).toHaveLength(3);
    expect(lastHour.falseAlarms.byDevice.some((d) => d.deviceId === radar)).toBe(true);

    // a day a week ago: the period is answered as asked, an hour per bar, and the radar is not in it
    const weekAgo = Date.parse('2026-11-24T00:00:00+08:00');
    const then = await kpis(q(weekAgo, weekAgo + DAY));
    expect([then.from, then.to]).toEqual([new Date(weekAgo).toISOString(), new Date(weekAgo + DAY).toISOString()]);
    expect(centre(then).hourly).toHaveLength(24);
    expect(centre(then).daily).toEqual([{ day: '2026-11-24', alarms: centre(then).alarms, hours: 24, peakHour: Math.max(...centre(then).hourly) }]);
    expect(then.top.some((x) => x.deviceId === radar)).toBe(false);
    expect(then.falseAlarms.byDevice.some((d) => d.deviceId === radar)).toBe(false);

    // forty Beijing days: too many hours to draw, so per day, and the days add up to the total
    const start = Date.parse('2026-10-23T00:00:00+08:00');
    const long = centre(await kpis(q(start, start + 40 * DAY)));
    expect(long.hourly).toEqual([]);
    // 23 October to 2 December, cut at now (02:00 on 1 December): 40 dates, the last two hours of it
    expect(long.daily).toHaveLength(40);
    expect(long.daily.at(-1)!.day).toBe('2026-12-01');
    expect(long.daily.at(-1)!.hours).toBeGreaterThanOrEqual(2);
    expect(long.daily.at(-1)!.hours).toBeLessThan(3);
    expect(long.daily.reduce((s, d) => s + d.alarms, 0)).toBe(long.alarms);
    expect(long.daily.at(-1)!.peakHour).toBeGreaterThanOrEqual(3);
  });

  it('refuses a backwards, overlong or future period with a 400 naming the field', async () => {
    const field = async (query: string, lang = 'zh-CN') => {
      const res = await t.http.inject({ method: 'GET', url: `/api/alarm-kpis${query}`, headers: { authorization: admin, 'accept-language': lang } });
      expect(res.statusCode, res.body).toBe(400);
      const e = res.json().error;
      return { field: e.details.fields[0].field as string, message: e.message as string };
    };
    expect((await field(q(now(), now() - DAY))).field).toBe('query.to');
    expect((await field(q(now(), now()))).field).toBe('query.to');
    const overlong = await field(q(now() - 367 * DAY, now()));
    expect(overlong).toEqual({ field: 'query.from', message: expect.stringContaining('统计期最长 366 天') });
    expect((await field(q(now() - 367 * DAY, now()), 'en')).message).toContain('at most 366 days');
    // a from alone is measured against now
    expect((await field(q(now() + 3600_000))).field).toBe('query.from');
    expect((await field(q(now() - 400 * DAY))).field).toBe('query.from');
    // a period still running ends now; one that has not begun is refused
    const running = (await api.get(`/api/alarm-kpis${q(now() - 3600_000, now() + 6 * 3600_000)}`)).json();
    expect(Date.parse(running.to)).toBeLessThanOrEqual(now());
    expect((await field(q(now() + 3600_000, now() + 6 * 3600_000))).field).toBe('query.from');
    // a year to the day (a leap year's worth) is allowed
    expect((await api.get(`/api/alarm-kpis${q(now() - 366 * DAY, now())}`)).statusCode).toBe(200);
  });
});
