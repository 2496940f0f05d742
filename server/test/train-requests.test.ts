import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainRequest } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';

/**
 * Stop and speed-restriction requests on the demo department: a task order to the railway station
 * answering for the stretch, worded in the asker's language, answered by the station's officer
 * through the task, read by those who may read the task.
 */
describe.each(ENGINES)('train requests on %s', (engine) => {
  let t: TestApp;
  let dispatcher: string;
  let incident: { id: string; code: string };
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    dispatcher = await t.login('lz.dispatcher1');
    const res = await post('/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lineId: 'xianggui', mileage: 'K499+940' }, description: '列车车窗被石块击中' });
    expect(res.statusCode, res.body).toBe(201);
    incident = res.json();
  });
  afterAll(async () => t?.close());

  const { get, post } = requests(() => t, () => dispatcher);
  const url = () => `/api/incidents/${incident.id}/train-requests`;
  /** demo users are named after their agency's code: rs-liuzhou's officer is rs.liuzhou.officer */
  const officerOf = (agencyId: string) => t.login(`${agencyId.replace('-', '.')}.officer`);

  it('sends a stop request to the railway station of the nearest station, as a task in the asker’s words', async () => {
    const res = await post(url(), { kind: 'stop', trains: ['g1501', 'K1234'], note: '现场有人员在线路上' });
    expect(res.statusCode, res.body).toBe(201);
    const r: TrainRequest = res.json();
    expect(r).toMatchObject({ kind: 'stop', trains: ['G1501', 'K1234'], speedKmh: null, lineId: 'xianggui', lineName: '湘桂线', mileage: 'K499+940', status: 'issued', replies: [] });
    expect(r.requestedByName).toBe('柳州铁路公安处联防联控一体化协调中心·接警调度员一');
    const org = t.app.services.organisation.document();
    expect(org.agencies.find((a) => a.id === r.toAgencyId)?.type).toBe('railway_station');
    // the station it holds nearest the incident is on the incident's line
    const held = org.jurisdictions.flatMap((j) => (j.kind === 'station' && j.agencyId === r.toAgencyId ? [j.stationId] : []));
    const stations = t.app.services.network.current().stationsOnLine('xianggui').filter((s) => held.includes(s.id));
    expect(stations.length).toBeGreaterThan(0);
    const task = (await get(`/api/tasks/${r.taskId}`)).json();
    expect(task).toMatchObject({ incidentId: incident.id, toAgencyId: r.toAgencyId, title: '停车请求：G1501、K1234 次，湘桂线 K499+940' });
    expect(task.detail).toContain('现场有人员在线路上');
  });

  it('asks for a speed in a speed restriction, in English for an English user, and only of a railway station', async () => {
    const missing = await post(url(), { kind: 'slow', trains: ['G1501'] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.speedKmh']);
    const english = await t.http.inject({ method: 'POST', url: url(), headers: { authorization: dispatcher, 'accept-language': 'en' }, payload: { kind: 'slow', trains: ['G1501'], speedKmh: 45 } });
    expect(english.statusCode, english.body).toBe(201);
    const task = (await get(`/api/tasks/${english.json().taskId}`)).json();
    expect(task.title).toBe('Speed restriction request (45 km/h): train(s) G1501 at 湘桂线 K499+940');
    const notStation = await post(url(), { kind: 'stop', trains: ['G1501'], toAgencyId: 'lz-ps-liuzhou' });
    expect(notStation.statusCode).toBe(422);
    expect(notStation.json().error.code).toBe('not_a_railway_station');
  });

  it('shows the station officer’s reply (acknowledgement, then completion with what the dispatcher did) by name', async () => {
    const [request] = (await get(url())).json().requests.filter((r: TrainRequest) => r.kind === 'stop');
    const officer = await officerOf(request.toAgencyId);
    const ack = await post(`/api/tasks/${request.taskId}/acknowledge`, { note: '已联系列车调度员' }, officer);
    expect(ack.statusCode, ack.body).toBe(200);
    const done = await post(`/api/tasks/${request.taskId}/complete`, { note: 'G1501 已在来宾站前停车' }, officer);
    expect(done.statusCode, done.body).toBe(200);
    const after: TrainRequest = (await get(url())).json().requests.find((r: TrainRequest) => r.id === request.id);
    expect(after.status).toBe('completed');
    expect(after.replies.map((x) => [x.kind, x.note, x.agencyName])).toEqual([
      ['acknowledge', '已联系列车调度员', request.toAgencyName],
      ['complete', 'G1501 已在来宾站前停车', request.toAgencyName],
    ]);
    expect(after.replies[0]!.byName).toMatch(/·值班站长$/);
    // the station reads its own requests too
    expect((await get(url(), officer)).json().requests.map((r: TrainRequest) => r.id)).toContain(request.id);
  });

  it('is asked by the centre or the lead agency, and read by those who may read its task', async () => {
    // the county's liaison is told of the incident, but the request is between the centre and the station
    const liaison = await t.login('yufeng.liaison');
    expect((await get(`/api/incidents/${incident.id}`, liaison)).statusCode).toBe(200);
    expect((await post(url(), { kind: 'stop', trains: ['G1501'] }, liaison)).statusCode).toBe(403);
    expect((await get(url(), liaison)).json()).toEqual({ requests: [] });
    const other = await t.login('ps.guilin.officer');
    expect((await get(url(), other)).statusCode).toBe(404);
  });
});
