import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { jpegWithGps } from '../src/modules/patrols/photos.fixtures.js';
import { offsetPoint } from '../src/modules/network/geo.js';
import { Checkpoint, Patrol, PatrolAlert, PatrolDuty, PatrolDutiesRun, PatrolTeam, SyncResults } from '@railjoint/contracts';

/**
 * Civil defence from the HTTP side, on the demo department, with the platform clock at
 * 2026-12-01 09:30 Beijing time: the 雒容 volunteers' morning window (08:00–11:00) and the joint
 * patrol's (09:00–12:00) are open.
 */
const START = Date.parse('2026-12-01T09:30:00+08:00');
const uuid = () => crypto.randomUUID();

describe.each(ENGINES)('civil defence: teams, patrols and verified check-ins on %s', (engine) => {
  let t: TestApp;
  const auth = new Map<string, string>();
  beforeAll(async () => {
    t = await startApp({ engine, demo: true, clockStart: START });
    for (const u of ['vt.luorong.volunteer1', 'vt.huangmian.volunteer1', 'yufeng.liaison', 'ps.liuzhou.officer', 'ps.liuzhou.commander', 'lz.dispatcher1', 'lz.auditor']) auth.set(u, await t.login(u));
  });
  afterAll(async () => t?.close());

  const call = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.http.inject({ method, url, payload: payload as never, headers: { authorization: auth.get(user)!, ...headers } });
  const clock = async () => Date.parse((await t.http.inject({ method: 'GET', url: '/api/clock' })).json().now as string);
  const iso = (ms: number) => new Date(ms).toISOString();
  const cp = async (id: string) => Checkpoint.parse((await call('lz.dispatcher1', 'GET', `/api/checkpoints/${id}`)).json());
  const token = async (id: string, user = 'vt.luorong.volunteer1') => (await call(user, 'GET', `/api/checkpoints/${id}/code`)).json() as { token: string; typedCode: string; svg: string; version: number };
  const duty = async (user: string, teamId: string, planId: string) => {
    const res = await call(user, 'GET', `/api/patrol-duties?teamId=${teamId}&date=2026-12-01`);
    expect(res.statusCode, res.body).toBe(200);
    const duties = res.json().duties as PatrolDuty[];
    return duties.find((d) => d.planId === planId && Date.parse(d.slotStart) <= START && Date.parse(d.slotEnd) > START)!;
  };
  const checkIn = async (user: string, patrolId: string, checkpointId: string, at: number, where?: [number, number], code?: string, id = uuid()) => {
    const [lon, lat] = where ?? (await cp(checkpointId)).coordinates;
    return call(user, 'POST', `/api/patrols/${patrolId}/check-ins`, { id, checkpointId, method: 'qr', code: code ?? (await token(checkpointId, user)).token, lon, lat, accuracyM: 8, at: iso(at) });
  };

  it('shows a team’s personal data to its own agency and the centre only', async () => {
    const own = (await call('vt.luorong.volunteer1', 'GET', '/api/patrol-teams')).json().teams as PatrolTeam[];
    expect(own.map((x) => x.id)).toEqual(['pt-vt-luorong']);
    const phone = own[0]!.members[0]!.personal!.phone!;
    expect(phone).toMatch(/^170\d{8}$/);
    expect(own[0]!.members[0]!.username).toBe('vt.luorong.volunteer1');

    // 鱼峰 patrols with the station's team in the joint plan: it sees that team, never who is in it
    const partner = await call('yufeng.liaison', 'GET', '/api/patrol-teams');
    const teams = partner.json().teams as PatrolTeam[];
    expect(teams.map((x) => x.id).sort()).toEqual(['pt-cb-yufeng', 'pt-lz-ps-liuzhou']);
    const station = teams.find((x) => x.id === 'pt-lz-ps-liuzhou')!;
    expect(station.members.every((m) => m.personal === null && /^队员\d+$/.test(m.label))).toBe(true);
    expect(teams.find((x) => x.id === 'pt-cb-yufeng')!.members[0]!.personal).not.toBeNull();
    const stationPhone = ((await call('ps.liuzhou.officer', 'GET', '/api/patrol-teams/pt-lz-ps-liuzhou')).json() as PatrolTeam).members[0]!.personal!.phone!;
    expect(partner.body).not.toContain(stationPhone);

    expect((await call('yufeng.liaison', 'GET', '/api/patrol-members/pt-lz-ps-liuzhou-m1')).statusCode).toBe(404);
    expect((await call('ps.liuzhou.officer', 'GET', '/api/patrol-members/pt-lz-ps-liuzhou-m1')).json().personal.phone).toBe(stationPhone);
    expect((await call('lz.dispatcher1', 'GET', '/api/patrol-members/pt-lz-ps-liuzhou-m1')).statusCode).toBe(200);
    expect((await call('lz.auditor', 'GET', '/api/patrol-members/pt-lz-ps-liuzhou-m1')).statusCode).toBe(404);
    expect((await call('vt.huangmian.volunteer1', 'GET', '/api/patrol-teams/pt-vt-luorong')).statusCode).toBe(404);
  });

  it('organises teams and members only for the agency’s own people, with every bad field named', async () => {
    expect((await call('vt.luorong.volunteer1', 'POST', '/api/patrol-teams', { agencyId: 'vt-luorong', name: '第二组', kind: 'volunteers' })).statusCode).toBe(403);
    expect((await call('ps.liuzhou.commander', 'POST', '/api/patrol-teams', { agencyId: 'cb-yufeng', name: '越权', kind: 'volunteers' })).statusCode).toBe(403);
    const team = await call('ps.liuzhou.commander', 'POST', '/api/patrol-teams', { agencyId: 'lz-ps-liuzhou', name: '站区夜巡组', kind: 'railway_police_patrol' });
    expect(team.statusCode, team.body).toBe(201);
    const bad = await call('ps.liuzhou.commander', 'POST', '/api/patrol-members', { teamId: team.json().id, personal: { name: '', phone: 'abc', idNumber: '123' }, availability: 'sometimes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['body.availability', 'body.personal.idNumber', 'body.personal.name', 'body.personal.phone']);
    const foreign = await call('ps.liuzhou.commander', 'POST', '/api/patrol-members', { teamId: team.json().id, personal: { name: '张三' }, username: 'yufeng.liaison' });
    expect(foreign.json().error.details.fields[0].field).toBe('body.username');
    const ok = await call('ps.liuzhou.commander', 'POST', '/api/patrol-members', { teamId: team.json().id, personal: { name: '张三', phone: '170 0000 1234', idNumber: '45020219900101123X' }, skills: ['急救'], certificates: [{ name: '急救证', kind: 'certificate', expiresOn: '2026-11-01' }] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().certificates[0].expired).toBe(true);
    expect((await call('ps.liuzhou.commander', 'GET', `/api/patrol-teams/${team.json().id}`)).json().certificatesExpiring).toBe(1);
  });

  it('prints a checkpoint’s label: a QR code drawn on the server, the signed token and a code to type', async () => {
    const code = await token('cp-vt-luorong-1');
    expect(code.token).toMatch(/^RJCP1\.cp-vt-luorong-1\.1\.[A-Za-z0-9_-]{22}$/);
    expect(code.typedCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(code.svg).toMatch(/^<svg [^>]*>.*<path/);
    expect(code.svg).toContain(code.typedCode);
    expect((await call('vt.huangmian.volunteer1', 'GET', '/api/checkpoints/cp-vt-luorong-1/code')).statusCode).toBe(404);
    const placed = await call('ps.liuzhou.commander', 'POST', '/api/checkpoints', { agencyId: 'lz-ps-liuzhou', name: '柳州站东道口', place: { lineId: 'xianggui', mileage: 'K499+940' } });
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json()).toMatchObject({ lineId: 'xianggui', mileage: 'K499+940', radiusM: 50, codeVersion: 1 });
    expect(placed.json().sectionId).toBeTruthy();
    const nowhere = await call('ps.liuzhou.commander', 'POST', '/api/checkpoints', { agencyId: 'lz-ps-liuzhou', name: 'x', place: { lineId: 'xianggui', mileage: 'K99999+000' } });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().error.details.fields[0].field).toBe('body.place.mileage');
  });

  it('verifies check-ins, keeps refused ones with their reason, and never writes a retried one twice', async () => {
    const d = await duty('vt.luorong.volunteer1', 'pt-vt-luorong', 'pp-vt-luorong');
    expect(d.checkpoints.map((c) => c.id)).toEqual(['cp-vt-luorong-1', 'cp-vt-luorong-2', 'cp-vt-luorong-3']);
    const at = await clock();
    const patrolId = uuid();
    const start = { id: patrolId, teamId: 'pt-vt-luorong', dutyId: d.id, at: iso(at - 1800_000) };
    const started = await call('vt.luorong.volunteer1', 'POST', '/api/patrols', start);
    expect(started.statusCode, started.body).toBe(201);
    expect(Patrol.parse(started.json())).toMatchObject({ memberIds: ['pt-vt-luorong-m1'], clientStartedAt: iso(at - 1800_000) });
    const again = await call('vt.luorong.volunteer1', 'POST', '/api/patrols', start);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().startedAt).toBe(started.json().startedAt);
    expect((await call('vt.luorong.volunteer1', 'POST', '/api/patrols', { ...start, at: iso(at) })).json().error.code).toBe('id_reused');

    const first = uuid();
    const ok = await checkIn('vt.luorong.volunteer1', patrolId, 'cp-vt-luorong-1', at - 1200_000, undefined, undefined, first);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ accepted: true, late: false, dutyId: d.id, reason: null, clientAt: iso(at - 1200_000) });
    expect(Date.parse(ok.json().receivedAt)).toBeGreaterThanOrEqual(at);
    const replay = await checkIn('vt.luorong.volunteer1', patrolId, 'cp-vt-luorong-1', at - 1200_000, undefined, undefined, first);
    expect(replay.headers['idempotent-replayed']).toBe('true');

    const cp2 = (await cp('cp-vt-luorong-2')).coordinates;
    const far = await checkIn('vt.luorong.volunteer1', patrolId, 'cp-vt-luorong-2', at - 300_000, offsetPoint(cp2, 0, 400) as [number, number]);
    expect(far.statusCode).toBe(422);
    expect(far.json().error).toMatchObject({ code: 'check_in_refused', details: { reason: 'too_far' } });
    expect(far.json().error.details.checkIn.factors.position.detail.distanceM).toBeGreaterThan(390);
    const forged = await checkIn('vt.luorong.volunteer1', patrolId, 'cp-vt-luorong-2', at - 300_000, cp2, `${(await token('cp-vt-luorong-2')).token.slice(0, -3)}abc`);
    expect(forged.json().error.details.reason).toBe('code_invalid');
    const other = await checkIn('vt.luorong.volunteer1', patrolId, 'cp-vt-luorong-2', at - 300_000, cp2, (await token('cp-vt-luorong-1')).token);
    expect(other.json().error.details.reason).toBe('code_wrong_checkpoint');
    const again1 = await checkIn('vt.luorong.volunteer1', patrolId, 'cp-vt-luorong-1', at - 240_000);
    expect(again1.json().error.details.reason).toBe('code_replayed');

    const patrol = Patrol.parse((await call('vt.luorong.volunteer1', 'GET', `/api/patrols/${patrolId}`)).json());
    expect(patrol.checkIns.map((c) => c.reason)).toEqual([null, 'too_far', 'code_invalid', 'code_wrong_checkpoint', 'code_replayed']);
    const today = (await duty('vt.luorong.volunteer1', 'pt-vt-luorong', 'pp-vt-luorong')).checkpoints;
    expect(today.map((c) => c.checkedInAt !== null)).toEqual([true, false, false]);
  });

  it('refuses bad input and other teams’ patrols with a clear 4xx, changing nothing', async () => {
    const at = await clock();
    const patrolId = uuid();
    expect((await call('vt.luorong.volunteer1', 'POST', '/api/patrols', { id: patrolId, teamId: 'pt-vt-luorong', at: iso(at) })).statusCode).toBe(201);
    const [lon, lat] = (await cp('cp-vt-luorong-3')).coordinates;
    const body = { id: uuid(), checkpointId: 'cp-vt-luorong-3', method: 'qr', code: (await token('cp-vt-luorong-3')).token, lon, lat, accuracyM: 5, at: iso(at) };
    const nan = await call('vt.luorong.volunteer1', 'POST', `/api/patrols/${patrolId}/check-ins`, { ...body, lon: 'NaN' });
    expect(nan.statusCode).toBe(400);
    expect(nan.json().error.details.fields[0].field).toBe('body.lon');
    const raw = await t.http.inject({ method: 'POST', url: `/api/patrols/${patrolId}/check-ins`, payload: JSON.stringify(body).replace(`"lon":${lon}`, '"lon":NaN'), headers: { authorization: auth.get('vt.luorong.volunteer1')!, 'content-type': 'application/json' } });
    expect(raw.statusCode).toBe(400);
    // another village's volunteer cannot even see the patrol; the centre sees it but does not patrol for the team
    expect((await call('vt.huangmian.volunteer1', 'POST', `/api/patrols/${patrolId}/check-ins`, body)).statusCode).toBe(404);
    expect((await call('lz.dispatcher1', 'POST', `/api/patrols/${patrolId}/check-ins`, body)).statusCode).toBe(403);
    expect((await call('vt.huangmian.volunteer1', 'POST', '/api/patrols', { id: uuid(), teamId: 'pt-vt-luorong', at: iso(at) })).statusCode).toBe(403);
    expect((await call('vt.luorong.volunteer1', 'POST', '/api/patrols', { id: uuid(), teamId: 'pt-vt-luorong', at: iso(at + 3600_000) })).json().error.details.fields[0].field).toBe('body.at');
    const patrol = Patrol.parse((await call('vt.luorong.volunteer1', 'GET', `/api/patrols/${patrolId}`)).json());
    expect(patrol.checkIns).toEqual([]);
    // the same id for another kind of write is refused, not overwritten
    expect((await call('vt.luorong.volunteer1', 'POST', `/api/patrols/${patrolId}/check-ins`, { ...body, id: patrolId })).json().error.code).toBe('id_reused');
  });

  it('syncs an offline queue in one batch, item by item, exactly once', async () => {
    const at = await clock();
    const patrolId = uuid();
    const [lon, lat] = (await cp('cp-vt-luorong-3')).coordinates;
    const code = (await token('cp-vt-luorong-3')).token;
    const items = [
      { kind: 'start', body: { id: patrolId, teamId: 'pt-vt-luorong', at: iso(at - 1200_000) } },
      { kind: 'track', patrolId, body: { id: uuid(), points: [0, 1, 2, 3].map((i) => ({ at: iso(at - 1200_000 + i * 60_000), lon: lon + i * 0.0001, lat, accuracyM: 10 })) } },
      { kind: 'check_in', patrolId, body: { id: uuid(), checkpointId: 'cp-vt-luorong-3', method: 'qr', code, lon, lat, accuracyM: 6, at: iso(at - 600_000) } },
      { kind: 'check_in', patrolId, body: { id: uuid(), checkpointId: 'cp-vt-luorong-2', method: 'typed', code: (await token('cp-vt-luorong-2')).typedCode, lon, lat, accuracyM: 6, at: iso(at - 500_000) } },
      { kind: 'check_in', patrolId, body: { id: uuid(), checkpointId: 'cp-vt-luorong-3', method: 'qr', code, lat, accuracyM: 6, at: iso(at - 400_000) } },
      { kind: 'finding', patrolId, body: { id: uuid(), category: 'fence_damage', description: '护网被剪开约一米', lon, lat, at: iso(at - 300_000) } },
      { kind: 'finish', patrolId, body: { id: uuid(), at: iso(at - 60_000) } },
    ];
    const res = await call('vt.luorong.volunteer1', 'POST', '/api/patrol-sync', { items });
    expect(res.statusCode, res.body).toBe(200);
    const results = SyncResults.parse(res.json()).results;
    expect(results.map((r) => r.status)).toEqual([201, 200, 201, 422, 400, 201, 200]);
    expect(results[3]!.error).toMatchObject({ code: 'check_in_refused', details: { reason: 'too_far' } });
    expect(results[4]!.error!.details).toMatchObject({ fields: [{ field: 'items[4].body.lon' }] });
    expect((results[5]!.result as { incidentCode: string }).incidentCode).toMatch(/^JQ/);
    const again = SyncResults.parse((await call('vt.luorong.volunteer1', 'POST', '/api/patrol-sync', { items })).json()).results;
    expect(again.map((r) => [r.status, r.replayed])).toEqual([[201, true], [200, true], [201, true], [422, true], [400, false], [201, true], [200, true]]);
    const patrol = Patrol.parse((await call('vt.luorong.volunteer1', 'GET', `/api/patrols/${patrolId}`)).json());
    expect(patrol).toMatchObject({ trackPoints: 4, finishReason: 'finished', clientFinishedAt: iso(at - 60_000) });
    expect(patrol.checkIns.map((c) => c.accepted)).toEqual([true, false]);
    expect(patrol.findings).toHaveLength(1);
    const track = (await call('vt.luorong.volunteer1', 'GET', `/api/patrols/${patrolId}/track`)).json();
    expect(track.points.map((p: { at: string }) => p.at)).toEqual(items[1]!.body.points!.map((p) => p.at));
  });

  it('turns a finding into an incident on the patrol channel and keeps its photo without location metadata', async () => {
    const at = await clock();
    const patrolId = uuid();
    await call('vt.luorong.volunteer1', 'POST', '/api/patrols', { id: patrolId, teamId: 'pt-vt-luorong', at: iso(at) });
    const [lon, lat] = (await cp('cp-vt-luorong-1')).coordinates;
    const findingId = uuid();
    const finding = await call('vt.luorong.volunteer1', 'POST', `/api/patrols/${patrolId}/findings`, { id: findingId, category: 'obstacle_on_line', description: '轨道上有一根木头', lon, lat, at: iso(at) });
    expect(finding.statusCode, finding.body).toBe(201);
    const incident = await call('lz.dispatcher1', 'GET', `/api/incidents/${finding.json().incidentId}`);
    expect(incident.json()).toMatchObject({ channel: 'patrol', category: 'obstacle_on_line', externalRef: `finding:${findingId}` });
    const retry = await call('vt.luorong.volunteer1', 'POST', `/api/patrols/${patrolId}/findings`, { id: findingId, category: 'obstacle_on_line', description: '轨道上有一根木头', lon, lat, at: iso(at) });
    expect(retry.json().incidentId).toBe(finding.json().incidentId);

    const photoId = uuid();
    const jpeg = jpegWithGps(6);
    const upload = (user: string, bytes: Buffer, type = 'image/jpeg', id = photoId) => call(user, 'POST', `/api/findings/${findingId}/photos?photoId=${id}`, bytes, { 'content-type': type, 'x-filename': 'scene.jpg' });
    const stored = await upload('vt.luorong.volunteer1', jpeg);
    expect(stored.statusCode, stored.body).toBe(201);
    expect((await upload('vt.luorong.volunteer1', jpeg)).headers['idempotent-replayed']).toBe('true');
    expect((await upload('vt.luorong.volunteer1', Buffer.from('%PDF-1.4\n%%EOF'), 'application/pdf', uuid())).statusCode).toBe(415);
    expect((await upload('vt.luorong.volunteer1', Buffer.from('MZ\x90\x00 not a photo'), 'image/jpeg', uuid())).statusCode).toBe(415);
    expect((await upload('vt.huangmian.volunteer1', jpeg, 'image/jpeg', uuid())).statusCode).toBe(404);
    const photo = await call('lz.dispatcher1', 'GET', `/api/findings/${findingId}/photos/${photoId}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.rawPayload.includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect(photo.rawPayload.length).toBeLessThan(jpeg.length);
  });

  it('raises welfare, late and missed-checkpoint alerts to the team’s agency and the centre only', async () => {
    const at = await clock();
    const patrolId = uuid();
    await call('vt.luorong.volunteer1', 'POST', '/api/patrols', { id: patrolId, teamId: 'pt-vt-luorong', at: iso(at) });
    await call('vt.luorong.volunteer1', 'POST', `/api/patrols/${patrolId}/track`, { id: uuid(), points: [{ at: iso(at + 10_000), lon: 109.6, lat: 24.4, accuracyM: 10 }] });
    // half an hour without a report of movement
    await t.app.services.civil.sweep(at + 31 * 60_000);
    const list = async (user: string) => ((await call(user, 'GET', '/api/patrol-alerts')).json().alerts as PatrolAlert[]).filter((a) => a.patrolId === patrolId);
    const welfare = (await list('vt.luorong.volunteer1')).filter((a) => a.kind === 'welfare');
    expect(welfare).toHaveLength(1);
    expect(welfare[0]!.detail).toMatchObject({ lastPosition: [109.6, 24.4] });
    expect(await list('lz.dispatcher1')).toHaveLength(1);
    expect(await list('vt.huangmian.volunteer1')).toEqual([]);
    await t.app.services.civil.sweep(at + 32 * 60_000);
    expect((await list('vt.luorong.volunteer1')).filter((a) => a.kind === 'welfare')).toHaveLength(1);
    expect((await call('vt.luorong.volunteer1', 'POST', `/api/patrol-alerts/${welfare[0]!.id}/acknowledge`, {})).statusCode).toBe(403);
    const ack = await call('lz.dispatcher1', 'POST', `/api/patrol-alerts/${welfare[0]!.id}/acknowledge`, {});
    expect(ack.json().acknowledgedBy).toBe('lz.dispatcher1');

    // an early shift that ended at 09:00: a check-in five minutes after counts, late, and says so
    const plan = await call('ps.liuzhou.commander', 'POST', '/api/patrol-plans', { agencyId: 'lz-ps-liuzhou', name: '早班巡逻', checkpointIds: ['cp-lz-ps-liuzhou-1'], days: [1, 2, 3, 4, 5, 6, 7], windows: [{ from: '07:00', to: '09:00' }], teamIds: ['pt-lz-ps-liuzhou'], validFrom: '2026-12-01' });
    expect(plan.statusCode, plan.body).toBe(201);
    expect(plan.json()).toMatchObject({ joint: false, agencies: ['lz-ps-liuzhou'] });
    const early = ((await call('ps.liuzhou.officer', 'GET', '/api/patrol-duties?teamId=pt-lz-ps-liuzhou&date=2026-12-01')).json().duties as PatrolDuty[]).find((x) => x.planId === plan.json().id)!;
    const shift = uuid();
    await call('ps.liuzhou.officer', 'POST', '/api/patrols', { id: shift, teamId: 'pt-lz-ps-liuzhou', dutyId: early.id, at: iso(Date.parse(early.slotStart)) });
    const late = await checkIn('ps.liuzhou.officer', shift, 'cp-lz-ps-liuzhou-1', Date.parse(early.slotEnd) + 5 * 60_000, undefined, (await token('cp-lz-ps-liuzhou-1', 'ps.liuzhou.officer')).token);
    expect(late.json()).toMatchObject({ accepted: true, late: true });
    // (the sweep may also have found the shift silent since 07:00 and raised a welfare alert: that is right too)
    const lateAlerts = ((await call('ps.liuzhou.officer', 'GET', '/api/patrol-alerts')).json().alerts as PatrolAlert[]).filter((a) => a.patrolId === shift && a.kind === 'late_checkpoint');
    expect(lateAlerts.map((a) => a.detail.lateByS)).toEqual([300]);
    expect(((await call('yufeng.liaison', 'GET', '/api/patrol-alerts')).json().alerts as PatrolAlert[]).filter((a) => a.patrolId === shift)).toEqual([]);

    // the morning slot ends at 11:00; past its grace, the checkpoints nobody checked are missed
    const d = await duty('vt.luorong.volunteer1', 'pt-vt-luorong', 'pp-vt-luorong');
    await t.app.services.civil.sweep(Date.parse(d.slotEnd) + 16 * 60_000);
    const missed = ((await call('vt.luorong.volunteer1', 'GET', '/api/patrol-alerts')).json().alerts as PatrolAlert[]).filter((a) => a.kind === 'missed_checkpoint' && a.dutyId === d.id);
    expect(missed).toHaveLength(1);
    expect(missed[0]!.agencyId).toBe('vt-luorong');
    expect(missed[0]!.checkpointIds).toEqual(d.checkpoints.filter((c) => c.checkedInAt === null).map((c) => c.id));
    expect(missed[0]!.checkpointIds.length).toBeGreaterThan(0);
  });

  it('counts coverage per section and a joint patrol only when both agencies walked it', async () => {
    const at = await clock();
    const d = await duty('ps.liuzhou.officer', 'pt-lz-ps-liuzhou', 'pp-joint-liuzhou-yufeng');
    expect(d.joint).toBe(true);
    const [first, second] = d.checkpoints;
    const patrolA = uuid();
    await call('ps.liuzhou.officer', 'POST', '/api/patrols', { id: patrolA, teamId: 'pt-lz-ps-liuzhou', dutyId: d.id, at: iso(at - 120_000) });
    expect((await checkIn('ps.liuzhou.officer', patrolA, first!.id, at - 60_000, undefined, (await token(first!.id, 'ps.liuzhou.officer')).token)).statusCode).toBe(201);
    const coverage = async () => (await call('lz.dispatcher1', 'GET', '/api/patrol-coverage?date=2026-12-01&lineId=xianggui')).json() as { sections: Array<{ sectionId: string; jointPlanned: number; jointDone: number; onTime: number; hoursSince: number | null; planIds: string[] }> };
    const section = await cp(first!.id);
    const before = (await coverage()).sections.find((s) => s.sectionId === section.sectionId)!;
    expect(before).toMatchObject({ jointDone: 0 });
    expect(before.onTime).toBeGreaterThanOrEqual(1);
    expect(before.hoursSince).toBeLessThan(1);
    expect(before.planIds).toContain('pp-joint-liuzhou-yufeng');
    const patrolB = uuid();
    await call('yufeng.liaison', 'POST', '/api/patrols', { id: patrolB, teamId: 'pt-cb-yufeng', dutyId: d.id, at: iso(at - 120_000) });
    expect((await checkIn('yufeng.liaison', patrolB, second!.id, at - 30_000, undefined, (await token(second!.id, 'yufeng.liaison')).token)).statusCode).toBe(201);
    const after = (await coverage()).sections.find((s) => s.sectionId === section.sectionId)!;
    expect(after.jointDone).toBeGreaterThanOrEqual(1);
    // a volunteer of another village sees none of this plan's coverage
    const theirs = (await call('vt.huangmian.volunteer1', 'GET', '/api/patrol-coverage?date=2026-12-01&lineId=xianggui')).json();
    expect(theirs.sections.every((s: { planIds: string[] }) => !s.planIds.includes('pp-joint-liuzhou-yufeng'))).toBe(true);
    const records = (await call('lz.dispatcher1', 'GET', '/api/patrol-coverage/teams?date=2026-12-01')).json().teams as Array<{ teamId: string; onTime: number; jointDuties: number }>;
    expect(records.find((r) => r.teamId === 'pt-cb-yufeng')).toMatchObject({ jointDuties: 2 });
  });

  it('credits hours and points, and a finding that proved useful, in the monthly statement (JSON and CSV)', async () => {
    const at = await clock();
    const patrolId = uuid();
    await call('vt.luorong.volunteer1', 'POST', '/api/patrols', { id: patrolId, teamId: 'pt-vt-luorong', at: iso(at - 7200_000) });
    const [lon, lat] = (await cp('cp-vt-luorong-1')).coordinates;
    const f = await call('vt.luorong.volunteer1', 'POST', `/api/patrols/${patrolId}/findings`, { id: uuid(), category: 'fence_damage', description: '护网缺口', lon, lat, at: iso(at - 3600_000) });
    expect((await call('vt.luorong.volunteer1', 'POST', `/api/patrols/${patrolId}/finish`, { id: uuid(), at: iso(at - 3600_000 + 1800_000) })).statusCode).toBe(200);
    const incident = f.json().incidentId as string;
    for (const [step, body] of [['dispatch', { units: [] }], ['en-route', {}], ['on-scene', {}], ['clear', {}], ['close', { outcomeCode: 'resolved_on_scene', summary: '护网已修复' }]] as const) {
      const res = await call('lz.dispatcher1', 'POST', `/api/incidents/${incident}/${step}`, body);
      expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
    }
    const statement = (await call('vt.luorong.volunteer1', 'GET', '/api/patrol-teams/pt-vt-luorong/statement?month=2026-12')).json();
    const me = statement.rows.find((r: { memberId: string }) => r.memberId === 'pt-vt-luorong-m1');
    expect(me.hours).toBeGreaterThanOrEqual(1.5);
    expect(me.usefulFindings).toBeGreaterThanOrEqual(1);
    expect(me.points).toBeGreaterThanOrEqual(13);
    expect(me.label).not.toMatch(/^队员/);
    const csv = await call('vt.luorong.volunteer1', 'GET', '/api/patrol-teams/pt-vt-luorong/statement?month=2026-12&format=csv&lang=en');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('\uFEFFMember,Patrols,Hours,On-time check-ins,Late check-ins,Findings,Useful findings,Points');
    expect((await call('vt.huangmian.volunteer1', 'GET', '/api/patrol-members/pt-vt-luorong-m1/statement?month=2026-12')).statusCode).toBe(404);
  });

  it('writes next week’s randomised patrol duties from the patrol game, once per team and day however often it runs', async () => {
    expect((await call('yufeng.liaison', 'POST', '/api/allocation/patrol-duties', {})).statusCode).toBe(403);
    const tuesday = await call('lz.dispatcher1', 'POST', '/api/allocation/patrol-duties', { weekStart: '2026-12-08' });
    expect(tuesday.statusCode).toBe(400);
    expect(tuesday.json().error.details.fields[0].field).toBe('body.weekStart');

    const randomisedDuties = async () => {
      const out: PatrolDuty[] = [];
      for (let i = 7; i <= 13; i++) out.push(...((await call('lz.dispatcher1', 'GET', `/api/patrol-duties?date=2026-12-${String(i).padStart(2, '0')}`)).json().duties as PatrolDuty[]).filter((d) => d.planId.startsWith('pp-rand-')));
      return out;
    };
    const run = async (seed: number) => {
      const res = await call('lz.dispatcher1', 'POST', '/api/allocation/patrol-duties', { seed });
      expect(res.statusCode, res.body).toBe(200);
      return PatrolDutiesRun.parse(res.json());
    };
    const first = await run(7);
    // Tuesday 1 December: next week is Monday 7 to Sunday 13 December
    expect(first.dates).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']);
    expect(first.targets.length).toBeGreaterThan(first.teams.length);
    expect(first.game.expectedLoss).toBeLessThanOrEqual(Math.min(first.byRank.expectedLoss, first.uniform.expectedLoss) + 1e-9);
    const scheduled = first.schedule.flatMap((d) => d.patrols.map((p) => ({ ...p, date: d.date })));
    expect(first.duties!.written).toBe(scheduled.length);
    const written = await randomisedDuties();
    expect(written).toHaveLength(scheduled.length);
    // the team sees its day on its phone, at the checkpoints of the stretch drawn for it
    const mine = scheduled.find((p) => p.teamId === 'pt-vt-luorong')!;
    const phone = (await call('vt.luorong.volunteer1', 'GET', `/api/patrol-duties?teamId=pt-vt-luorong&date=${mine.date}`)).json().duties as PatrolDuty[];
    const drawn = phone.find((d) => d.planId === 'pp-rand-pt-vt-luorong')!;
    expect(drawn.checkpoints.map((c) => c.id)).toEqual(first.targets.find((t) => t.id === mine.targetId)!.checkpointIds);
    expect(drawn.slotStart).toBe(new Date(`${mine.date}T21:00:00+08:00`).toISOString());

    const again = await run(8);
    expect(again.duties).toMatchObject({ replaced: scheduled.length, kept: 0 });
    const rewritten = await randomisedDuties();
    expect(rewritten).toHaveLength(again.schedule.reduce((a, d) => a + d.patrols.length, 0));
    expect(new Set(rewritten.map((d) => `${d.teamIds.join()}@${d.date}`)).size).toBe(rewritten.length);
    // its duties are the draw's, so the plan is not edited by hand
    const plan = (await call('lz.dispatcher1', 'GET', '/api/patrol-plans/pp-rand-pt-vt-luorong')).json();
    const edit = await call('lz.dispatcher1', 'PUT', '/api/patrol-plans/pp-rand-pt-vt-luorong', { agencyId: plan.agencyId, name: plan.name, checkpointIds: plan.checkpointIds, days: [1], windows: plan.windows, teamIds: plan.teamIds, validFrom: plan.validFrom });
    expect(edit.json().error?.code, edit.body).toBe('plan_randomised');
  });
});
