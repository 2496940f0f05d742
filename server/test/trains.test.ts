import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { generateDemo } from '../src/demo/generate.js';
import { generateDemoTimetable } from '../src/demo/timetable.js';

const demo = generateDemo({ scale: 'department' });
const feed = generateDemoTimetable(demo.network);
const officer = demo.users.find((u) => !u.roles.includes('admin'))!;

describe.each(ENGINES)('trains and timetable API on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  const where = async (train: string, at: string, status = 200) => {
    const res = await t.http.inject({ method: 'GET', url: `/api/trains/${encodeURIComponent(train)}/whereabouts?at=${encodeURIComponent(at)}`, headers: { authorization: admin } });
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  it('imports the demo feed as JSON files', async () => {
    const res = await t.http.inject({ method: 'POST', url: '/api/timetable/import', payload: { files: feed }, headers: { authorization: admin } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.agencyTimezone).toBe('Asia/Shanghai');
    expect(body.counts).toMatchObject({ trains: 26, trips: 26 });
    expect(body.counts.matchedStops).toBe(body.counts.stops - 1);
    expect(body.warnings).toEqual([expect.stringMatching(/ext-nanningdong "南宁东" matches no station/)]);
  });

  it('imports the demo feed as a zip (with a top folder)', async () => {
    const zip = zipSync(Object.fromEntries(Object.entries(feed).map(([name, text]) => [`demo-gtfs/${name}`, strToU8(text)])));
    const res = await t.http.inject({ method: 'POST', url: '/api/timetable/import', payload: Buffer.from(zip), headers: { authorization: admin, 'content-type': 'application/zip' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts.stopTimes).toBeGreaterThan(150);
    const bad = await t.http.inject({ method: 'POST', url: '/api/timetable/import', payload: Buffer.from('not a zip'), headers: { authorization: admin, 'content-type': 'application/octet-stream' } });
    expect(bad.statusCode).toBe(400);
  });

  it('tells where a running train is: section, estimated mileage, next stops with police and county', async () => {
    const w = await where('G1501', '2026-12-01T07:20:00+08:00');
    expect(w).toMatchObject({ train: 'G1501', serviceDate: '2026-12-01', state: 'running', lastStop: { stationId: 'st-guilinbei', departure: '2026-12-01T07:15:00+08:00' } });
    expect(w.mileage).toMatch(/^K\d+\+\d{3}$/);
    expect(w.position).toMatchObject({ estimated: true, sectionName: expect.stringContaining('桂林北') });
    expect(w.nextStops[0]).toMatchObject({ stationId: 'st-yongfunan', arrival: '2026-12-01T07:31:00+08:00' });
    expect(w.nextStops.at(-1)).toMatchObject({ stopId: 'ext-nanningdong', stationId: null, jurisdiction: [] });
    const types = w.nextStops[0].jurisdiction.map((a: { type: string }) => a.type);
    expect(types).toEqual(expect.arrayContaining(['railway_police_station', 'county_police_bureau']));
  });

  it('knows a train at a station, and a night train on the previous service date', async () => {
    expect(await where('G1501', '2026-12-01T08:06:00+08:00')).toMatchObject({ state: 'at_station', lastStop: { stationId: 'st-liuzhou' } });
    const night = await where('z285', '2026-12-02T00:30:00+08:00');
    expect(night).toMatchObject({ train: 'Z285', state: 'running', serviceDate: '2026-12-01', lastStop: { stationId: 'st-guilinbei' }, nextStops: [{ stationId: 'st-liuzhou' }, {}, {}] });
    // without an offset the time is read in the feed's zone
    expect(await where('Z285', '2026-12-02T00:30:00')).toMatchObject({ state: 'running', serviceDate: '2026-12-01' });
  });

  it('is not running outside its times and on days its calendar_dates-only service does not run', async () => {
    expect(await where('G1501', '2026-12-01T12:00:00+08:00')).toMatchObject({ state: 'not_running', lastStop: null, nextStops: [] });
    expect((await where('K9321', '2026-12-01T10:40:00+08:00')).state).toBe('running');
    expect((await where('K9321', '2026-12-02T10:40:00+08:00')).state).toBe('not_running');
  });

  it('refuses a bad feed with every problem and changes nothing', async () => {
    const bad = { ...feed, 'stop_times.txt': `${feed['stop_times.txt']}G1501-daily,9:99:00,10:00:00,nowhere,99\r\n` };
    delete (bad as Record<string, string>)['trips.txt'];
    const res = await t.http.inject({ method: 'POST', url: '/api/timetable/import', payload: { files: bad }, headers: { authorization: admin } });
    expect(res.statusCode, res.body).toBe(422);
    const problems = res.json().error.details.problems as Array<{ file: string; line: number | null }>;
    expect(problems.map((p) => `${p.file}:${p.line}`)).toEqual(expect.arrayContaining(['trips.txt:null', expect.stringMatching(/^stop_times\.txt:\d+$/)]));
    expect((await where('G1501', '2026-12-01T07:20:00+08:00')).state).toBe('running');
  });

  it('answers 404 for an unknown train, 400 for a bad time, 403 to a non-admin import', async () => {
    const unknown = await where('G9999', '2026-12-01T07:20:00+08:00', 404);
    expect(unknown.error.message).toBe('已导入的时刻表中没有 G9999 次列车');
    const english = await t.http.inject({ method: 'GET', url: '/api/trains/G9999/whereabouts?at=2026-12-01T07:20:00Z', headers: { authorization: admin, 'accept-language': 'en' } });
    expect(english.json().error.message).toMatch(/G9999 is not in the imported timetable/);
    expect((await where('G1501', 'yesterday', 400)).error.code).toBe('bad_time');
    await where('G1501', '2026-13-01T07:20:00', 400);
    const auth = await t.login(officer.username);
    const res = await t.http.inject({ method: 'POST', url: '/api/timetable/import', payload: { files: feed }, headers: { authorization: auth } });
    expect(res.statusCode).toBe(403);
    const read = await t.http.inject({ method: 'GET', url: '/api/trains/G1501/whereabouts?at=2026-12-01T07:20:00Z', headers: { authorization: auth } });
    expect(read.statusCode).toBe(200);
    expect((await t.http.inject({ method: 'GET', url: '/api/trains/G1501/whereabouts?at=2026-12-01T07:20:00Z' })).statusCode).toBe(401);
  });

  it('lists the trains reaching a mileage within the window, soonest first, and refuses a bad line or mileage', async () => {
    const w = await where('G1501', '2026-12-01T07:25:00+08:00');
    const q = (query: string) => t.http.inject({ method: 'GET', url: `/api/trains/passing?${query}`, headers: { authorization: admin } });
    const at = encodeURIComponent('2026-12-01T07:20:00+08:00');
    const res = await q(`lineId=${w.position.lineId}&mileage=${encodeURIComponent(w.mileage)}&at=${at}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ lineId: w.position.lineId, windowS: 600, at: '2026-12-01T07:20:00+08:00' });
    const g = body.trains.find((x: { train: string }) => x.train === 'G1501');
    // interpolated between the same two stops as whereabouts, so within a few seconds of 07:25
    expect(Math.abs(g.inS - 300)).toBeLessThan(15);
    expect(g.serviceDate).toBe('2026-12-01');
    expect(body.trains.map((x: { inS: number }) => x.inS)).toEqual([...body.trains.map((x: { inS: number }) => x.inS)].sort((a, b) => a - b));
    // a window that closes before G1501 arrives leaves it out
    const short = (await q(`lineId=${w.position.lineId}&mileage=${encodeURIComponent(w.mileage)}&at=${at}&windowS=120`)).json();
    expect(short.trains.map((x: { train: string }) => x.train)).not.toContain('G1501');
    expect((await q(`lineId=nowhere&mileage=K1+000&at=${at}`)).statusCode).toBe(404);
    const badMileage = await q(`lineId=${w.position.lineId}&mileage=abc&at=${at}`);
    expect(badMileage.statusCode).toBe(422);
    const badWindow = await q(`lineId=${w.position.lineId}&mileage=${encodeURIComponent(w.mileage)}&windowS=0`);
    expect(badWindow.statusCode).toBe(400);
    expect(badWindow.json().error.details.fields[0].field).toBe('query.windowS');
  });
});

describe.each(ENGINES)('an approaching train raises the priority on %s', (engine) => {
  // the platform clock starts at 07:20 on a weekday: G1501 left 桂林北 at 07:15
  const start = Date.parse('2026-12-01T07:20:00+08:00');
  let t: TestApp;
  let dispatcher: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true, clockStart: start });
    dispatcher = await t.login('lz.dispatcher1');
  });
  afterAll(async () => t?.close());

  const report = async (lineId: string, mileage: string, category = 'fence_damage') => {
    const res = await t.http.inject({ method: 'POST', url: '/api/incidents', headers: { authorization: dispatcher }, payload: { category, channel: 'hotline', location: { lineId, mileage }, description: '线路上发现异物' } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it('names the train due within ten minutes at an incident on the track', async () => {
    const ahead = (await t.http.inject({ method: 'GET', url: `/api/trains/G1501/whereabouts?at=${encodeURIComponent('2026-12-01T07:26:00+08:00')}`, headers: { authorization: dispatcher } })).json();
    const incident = await report(ahead.position.lineId, ahead.mileage);
    const reason = incident.priorityReasons.find((r: { code: string }) => r.code === 'train_approaching');
    expect(reason, JSON.stringify(incident.priorityReasons)).toBeDefined();
    expect(reason.zh).toMatch(/^G1501 次列车约 \d+ 分钟内到达$/);
  });

  it('does not raise it where no train is due, or off the track', async () => {
    // every conventional line at a few posts: the rule agrees with the timetable query, both ways
    const lines = (await t.http.inject({ method: 'GET', url: '/api/network?kind=line', headers: { authorization: dispatcher } })).json();
    const seen = new Set<boolean>();
    for (const line of lines.features.filter((f: { properties: { highSpeed: boolean } }) => !f.properties.highSpeed)) {
      for (const post of line.properties.kmPosts.filter((_: unknown, k: number) => k % 40 === 5)) {
        const passing = (await t.http.inject({ method: 'GET', url: `/api/trains/passing?lineId=${line.properties.id}&mileage=${encodeURIComponent(post.mileage)}`, headers: { authorization: dispatcher } })).json();
        const incident = await report(line.properties.id, passing.mileage, 'illegal_quarrying');
        const due = passing.trains.some((x: { inS: number }) => x.inS <= 600);
        expect(incident.priorityReasons.some((r: { code: string }) => r.code === 'train_approaching'), `${line.properties.id} ${post.mileage}`).toBe(due && incident.placeKind !== 'station');
        seen.add(due);
      }
    }
    expect(seen.has(false)).toBe(true);
  });

  it('ignores trains for an incident off the track, such as in a station hall', async () => {
    const res = await t.http.inject({ method: 'POST', url: '/api/incidents', headers: { authorization: dispatcher }, payload: { category: 'passenger_theft', channel: 'station_staff', location: { stationId: 'st-liuzhou' }, description: '候车室旅客财物被盗' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().priorityReasons.map((r: { code: string }) => r.code)).not.toContain('train_approaching');
  });
});
