import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';

describe.each(ENGINES)('duty roster and shift handover on %s', (engine) => {
  let t: TestApp;
  let commander: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    commander = await t.login('lz.commander');
  });
  afterAll(async () => t?.close());
  const { get, post } = requests(() => t, () => commander);

  it('shows who is on duty now in each seat and who comes next', async () => {
    const duty = (await get('/api/centres/lz-centre/duty', await t.login('yufeng.liaison'))).json();
    const seat = (id: string) => duty.seats.find((s: { seatId: string }) => s.seatId === id);
    expect(seat('seat-dispatch-1')).toMatchObject({ kind: 'dispatch', onDuty: { username: 'lz.dispatcher1' }, next: { username: 'lz.dispatcher3' } });
    expect(seat('seat-command').onDuty.username).toBe('lz.commander');
    expect(seat('seat-cb-yufeng')).toMatchObject({ kind: 'liaison', agencyName: '鱼峰区公安分局', onDuty: { username: 'yufeng.liaison' } });
    expect(Date.parse(seat('seat-dispatch-1').onDuty.until)).toBeGreaterThan(Date.now());
  });

  it('offers the people who can sit a seat by name, the roster’s next first, to the seat’s agency and centre only', async () => {
    const res = await get('/api/seats/seat-dispatch-1/people', await t.login('lz.dispatcher1'));
    expect(res.statusCode, res.body).toBe(200);
    const people = res.json().people as Array<{ username: string; displayName: string; scheduled: boolean }>;
    expect(people[0]).toMatchObject({ username: 'lz.dispatcher3', scheduled: true });
    expect(people.map((p) => p.username)).toEqual(expect.arrayContaining(['lz.dispatcher1', 'lz.dispatcher4', 'lz.commander']));
    expect(people.every((p) => p.displayName && p.displayName !== p.username)).toBe(true);
    // the auditor's role sits no seat
    expect(people.map((p) => p.username)).not.toContain('lz.auditor');
    expect((await get('/api/seats/seat-cb-yufeng/people', await t.login('yufeng.liaison'))).statusCode).toBe(200);
    expect((await get('/api/seats/seat-dispatch-1/people', await t.login('yufeng.liaison'))).statusCode).toBe(403);
    expect((await get('/api/seats/no-such-seat/people')).statusCode).toBe(404);
  });

  it('knows the centre’s level and its member agencies; only admins change it', async () => {
    const centres = (await get('/api/centres')).json().centres;
    const lz = centres.find((c: { agencyId: string }) => c.agencyId === 'lz-centre');
    expect(lz).toMatchObject({ level: 'department', parentAgencyId: null });
    expect(lz.members.map((m: { agencyId: string }) => m.agencyId)).toEqual(expect.arrayContaining(['cb-yufeng', 'rs-liuzhou']));
    expect((await t.http.inject({ method: 'PUT', url: '/api/centres/lz-centre', payload: { level: 'bureau' }, headers: { authorization: commander } })).statusCode).toBe(403);
    const admin = await t.login('admin');
    expect((await t.http.inject({ method: 'PUT', url: '/api/centres/cb-yufeng', payload: { level: 'department' }, headers: { authorization: admin } })).statusCode).toBe(400);
    expect((await t.http.inject({ method: 'PUT', url: '/api/centres/lz-centre', payload: { level: 'region' }, headers: { authorization: admin } })).json().error.details.fields[0].field).toBe('body.level');
  });

  it('plans shifts without overlaps, for people of the seat’s agency, by commanders', async () => {
    const until = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const clash = await post('/api/duty/shifts', { seatId: 'seat-dispatch-1', userId: 'lz.dispatcher4', startsAt: until(1), endsAt: until(3) });
    expect(clash.statusCode).toBe(422);
    expect(clash.json().error.code).toBe('overlap');
    const wrong = await post('/api/duty/shifts', { seatId: 'seat-cb-yufeng', userId: 'liubei.liaison', startsAt: until(30), endsAt: until(40) });
    expect(wrong.json().error.details.fields[0].field).toBe('body.userId');
    expect((await post('/api/duty/shifts', { seatId: 'seat-dispatch-1', userId: 'lz.dispatcher4', startsAt: until(30), endsAt: until(60) })).json().error.details.fields[0].field).toBe('body.endsAt');
    expect((await post('/api/duty/shifts', { seatId: 'seat-dispatch-1', userId: 'lz.dispatcher4', startsAt: until(30), endsAt: until(40) }, await t.login('lz.dispatcher1'))).statusCode).toBe(403);
    const ok = await post('/api/duty/shifts', { seatId: 'seat-dispatch-1', userId: 'lz.dispatcher4', startsAt: until(30), endsAt: until(40) });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('hands a seat over with notes and a snapshot of what is open; the incoming person accepts', async () => {
    const dispatcher1 = await t.login('lz.dispatcher1');
    const inc = (await post('/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '石块击打列车' }, dispatcher1)).json();
    expect((await post('/api/duty/handover', { seatId: 'seat-dispatch-1', toUserId: 'lz.dispatcher3', notes: '交班' }, await t.login('lz.dispatcher2'))).statusCode).toBe(403);
    const handed = await post('/api/duty/handover', { seatId: 'seat-dispatch-1', toUserId: 'lz.dispatcher3', notes: '湘桂线 K499 击打列车一起，待派警；其余正常。' }, dispatcher1);
    expect(handed.statusCode, handed.body).toBe(201);
    const log = handed.json();
    expect(log).toMatchObject({ fromUser: 'lz.dispatcher1', toUser: 'lz.dispatcher3', acceptedAt: null });
    expect(log.snapshot.openIncidents.map((i: { code: string }) => i.code)).toContain(inc.code);
    expect((await post(`/api/duty/handover/${log.id}/accept`, {}, await t.login('lz.dispatcher2'))).statusCode).toBe(403);
    const accepted = await post(`/api/duty/handover/${log.id}/accept`, {}, await t.login('lz.dispatcher3'));
    expect(accepted.json().acceptedAt).toBeTruthy();
    expect((await get('/api/centres/lz-centre/shift-log')).json().logs[0].id).toBe(log.id);
    expect((await get('/api/centres/lz-centre/shift-log', await t.login('yufeng.liaison'))).statusCode).toBe(403);
  });
});
