import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { FindingList, HazardDetail, HazardLedger, HazardList, SectionChiefList, Hazard } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { jpegWithGps } from '../src/modules/patrols/photos.fixtures.js';
import { startClockAt } from '../src/platform/clock.js';

/**
 * Hazards under the dual section chief system (issue 12) from the HTTP side, on the demo
 * department with the platform clock at 2026-12-01 09:30 Beijing time: the section chiefs'
 * assignment imported and edited, hazards found on patrol reaching both chiefs' agencies, the
 * whole lifecycle with photos, the overdue escalation, who sees what, bad input, the ledger.
 */
const START = Date.parse('2026-12-01T09:30:00+08:00');
const uuid = () => crypto.randomUUID();
const USERS = ['admin', 'lz.dispatcher1', 'lz.commander', 'lz.auditor', 'vt.luorong.volunteer1', 'yufeng.liaison', 'yufeng.tianma.liaison', 'ps.liuzhou.officer', 'ps.liuzhou.commander', 'liubei.liaison', 'tm.liuzhou.officer', 'tt.cj3.officer'];

describe.each(ENGINES)('hazards and section chiefs on %s', (engine) => {
  let t: TestApp;
  const auth = new Map<string, string>();
  beforeAll(async () => {
    t = await startApp({ engine, demo: true, clockStart: START });
    for (const u of USERS) auth.set(u, await t.login(u));
  });
  afterAll(async () => t?.close());

  const call = (user: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.http.inject({ method, url, payload: payload as never, headers: { authorization: auth.get(user)!, ...headers } });
  const ok = async (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const res = await call(user, method, url, payload, headers);
    expect(res.statusCode, `${user} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const count = async (table: 'hazards' | 'section_chiefs' | 'hazard_photos') => Number((await t.app.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const iso = (ms: number) => new Date(ms).toISOString();
  /** Moves the platform clock; sessions last 12 hours on it, so the users asked for sign in again. */
  const clockAt = async (ms: number, users: string[]) => {
    startClockAt(ms);
    for (const u of users) auth.set(u, await t.login(u));
  };

  it('seeds the demo department with section chiefs along its lines and hazards in every state', async () => {
    const list = SectionChiefList.parse(await ok('lz.dispatcher1', 'GET', '/api/section-chiefs'));
    expect(list.assignments.length).toBeGreaterThan(10);
    const a = list.assignments[0]!;
    expect(a.railway.phone).toMatch(/^1397720\d{4}$/);
    // the phones are sealed at rest
    const raw = await t.app.db.kysely.selectFrom('section_chiefs').select(['railway_phone', 'local_phone']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(raw.railway_phone).not.toContain(a.railway.phone!);
    const hazards = HazardList.parse(await ok('lz.dispatcher1', 'GET', '/api/hazards')).hazards;
    expect(new Set(hazards.map((h) => h.status))).toEqual(new Set(['reported', 'assigned', 'rectifying', 'rectified', 'closed']));
  });

  it('imports the assignment all or nothing, naming every refused row, and edits it', async () => {
    const before = await count('section_chiefs');
    const head = 'lineId,from,to,railwayAgencyId,railwayChief,railwayPhone,localAgencyId,localChief,localPhone,note';
    const bad = [
      head,
      'xianggui,K480+000,K490+000,lz-ps-liuzhou,李所长,13900000001,tw-yufeng-luorong,韦镇长,13900000002,',
      'nowhere,K1+000,K2+000,lz-ps-liuzhou,李所长,,tw-yufeng-luorong,韦镇长,,',
      'xianggui,K4x9,K495+000,lz-ps-liuzhou,李所长,,tw-yufeng-luorong,韦镇长,,',
      'xianggui,K495+000,K498+000,tw-yufeng-tianma,李所长,,lz-ps-liuzhou,韦镇长,,',
      'xianggui,K489+000,K493+000,lz-ps-liuzhou,李所长,,tw-yufeng-luorong,韦镇长,,',
      'xianggui,K499+000,K498+500,lz-ps-liuzhou,李所长,,tw-yufeng-tianma,韦镇长,,',
      'xianggui,K500+000,K501+000,lz-ps-liuzhou,,not-a-phone,tw-yufeng-tianma,韦镇长,,',
    ].join('\n');
    const res = await call('admin', 'POST', '/api/section-chiefs/import', bad, { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('invalid_import');
    const errors = res.json().error.details.errors as Array<{ line: number; field: string; message: string }>;
    const named = errors.map((e) => `${e.line}:${e.field}`);
    expect(named).toEqual(expect.arrayContaining(['3:lineId', '4:from', '5:railwayAgencyId', '5:localAgencyId', '6:from', '7:to', '8:railwayChief', '8:railwayPhone']));
    expect(named).not.toContain('2:from');
    expect(await count('section_chiefs')).toBe(before);

    // only the centre keeps the assignment
    expect((await call('yufeng.liaison', 'POST', '/api/section-chiefs/import', head, { 'content-type': 'text/csv' })).statusCode).toBe(403);

    // a good file replaces the lines it names: 湘桂 is now three stretches near 柳州
    const good = [
      head,
      'xianggui,K480+000,K495+000,lz-ps-liuzhou,李所长,13900000001,tw-yufeng-luorong,韦镇长,13900000002,',
      'xianggui,K495+000,K505+000,lz-ps-liuzhou,李所长,13900000001,tw-yufeng-tianma,覃主任,13900000003,天马段',
      'xianggui,K600+000,K610+000,lz-ps-laibin,黄所长,,tw-xingbin-dawan,蒙镇长,,',
    ].join('\r\n');
    const imported = await ok('admin', 'POST', '/api/section-chiefs/import', good, { 'content-type': 'text/csv' });
    expect(imported).toEqual({ written: 3, lines: ['xianggui'] });
    const xg = SectionChiefList.parse(await ok('yufeng.liaison', 'GET', '/api/section-chiefs?lineId=xianggui')).assignments;
    expect(xg.map((a) => [a.from, a.to, a.local.agencyId])).toEqual([
      ['K480+000', 'K495+000', 'tw-yufeng-luorong'],
      ['K495+000', 'K505+000', 'tw-yufeng-tianma'],
      ['K600+000', 'K610+000', 'tw-xingbin-dawan'],
    ]);
    expect(xg[1]!.local).toMatchObject({ name: '覃主任', phone: '13900000003', agencyName: '鱼峰区天马街道' });
    const lookup = await ok('yufeng.liaison', 'GET', '/api/section-chiefs/lookup?lineId=xianggui&mileage=K499%2B940');
    expect(lookup.assignment.id).toBe(xg[1]!.id);
    expect((await ok('yufeng.liaison', 'GET', '/api/section-chiefs/lookup?lineId=xianggui&mileage=K550%2B000')).assignment).toBeNull();

    // edits: an overlap is refused, a change is kept and logged without the phone in the log
    const overlap = await call('lz.dispatcher1', 'POST', '/api/section-chiefs', { lineId: 'xianggui', from: 'K504+000', to: 'K506+000', railway: { agencyId: 'lz-ps-liuzhou', name: '李所长' }, local: { agencyId: 'tw-yufeng-tianma', name: '覃主任' } });
    expect(overlap.statusCode, overlap.body).toBe(409);
    expect(overlap.json().error.code).toBe('overlap');
    const added = await ok('lz.dispatcher1', 'POST', '/api/section-chiefs', { lineId: 'xianggui', from: 'K505+000', to: 'K506+000', railway: { agencyId: 'lz-ps-liuzhou', name: '李所长' }, local: { agencyId: 'tw-yufeng-tianma', name: '覃主任' } });
    const changed = await ok('lz.dispatcher1', 'PUT', `/api/section-chiefs/${xg[1]!.id}`, { lineId: 'xianggui', from: 'K495+000', to: 'K505+000', railway: { agencyId: 'lz-ps-liuzhou', name: '李所长', phone: '13900000001' }, local: { agencyId: 'tw-yufeng-tianma', name: '覃主任', phone: '13900000009' }, note: '天马段' });
    expect(changed.local.phone).toBe('13900000009');
    const log = await t.app.db.kysely.selectFrom('change_log').select(['action', 'detail']).where('entity', '=', 'section_chief').where('entity_id', '=', xg[1]!.id).execute();
    expect(log.map((l) => l.action)).toEqual(['update']);
    expect(JSON.parse(log[0]!.detail).changed).toEqual(['localPhone']);
    expect(log[0]!.detail).not.toContain('13900000009');
    expect((await call('lz.dispatcher1', 'DELETE', `/api/section-chiefs/${added.id}`)).statusCode).toBe(204);
    expect((await call('lz.dispatcher1', 'GET', `/api/section-chiefs/${added.id}`)).statusCode).toBe(404);
  });

  /** A village patrol's finding at the 雒容 checkpoint (湘桂 K487), with a phone photo. */
  const finding = async () => {
    const at = Date.parse((await t.http.inject({ method: 'GET', url: '/api/clock' })).json().now as string);
    const patrolId = uuid();
    await ok('vt.luorong.volunteer1', 'POST', '/api/patrols', { id: patrolId, teamId: 'pt-vt-luorong', at: iso(at) });
    const [lon, lat] = (await ok('vt.luorong.volunteer1', 'GET', '/api/checkpoints/cp-vt-luorong-1')).coordinates as [number, number];
    const id = uuid();
    await ok('vt.luorong.volunteer1', 'POST', `/api/patrols/${patrolId}/findings`, { id, category: 'fence_damage', description: '护网被剪开约一米', lon, lat, at: iso(at) });
    await ok('vt.luorong.volunteer1', 'POST', `/api/findings/${id}/photos?photoId=${uuid()}`, jpegWithGps(), { 'content-type': 'image/jpeg', 'x-filename': 'fence.jpg' });
    return id;
  };

  it('turns a patrol finding into a hazard that reaches both section chiefs’ agencies, and walks it to closed with photos', async () => {
    const findingId = await finding();
    // waiting to be registered, for the team's agency and the centre; not for an agency with no part in it
    const waiting = async (u: string) => (FindingList.parse(await ok(u, 'GET', '/api/findings?hazard=none')).findings.map((f) => f.id));
    expect(await waiting('vt.luorong.volunteer1')).toContain(findingId);
    expect(await waiting('lz.dispatcher1')).toContain(findingId);
    expect(await waiting('tt.cj3.officer')).not.toContain(findingId);
    const made = await call('vt.luorong.volunteer1', 'POST', `/api/findings/${findingId}/hazard`, { type: 'broken_fence', severity: 'major' });
    expect(made.statusCode, made.body).toBe(201);
    const h = Hazard.parse(made.json());
    expect(h).toMatchObject({ status: 'reported', lineId: 'xianggui', source: { kind: 'patrol_finding', ref: findingId }, finderAgencyId: 'vt-luorong', railwayOwner: { agencyId: 'lz-ps-liuzhou', chief: '李所长' }, localOwner: { agencyId: 'tw-yufeng-luorong', chief: '韦镇长' }, countyId: 'cb-yufeng', description: '护网被剪开约一米' });
    expect(h.code).toMatch(/^YH20261201-\d{4}$/);
    expect(h.mileage).toMatch(/^K48\d\+/);
    expect(['line_enclosure', 'protection_zone', 'outside']).toContain(h.placeKind);
    expect(h.deadline).toBe(new Date(Date.parse(h.reportedAt) + 15 * 86_400_000).toISOString());
    // the finding's photo came along, cleaned
    expect(h.photos.map((p) => p.phase)).toEqual(['before']);
    expect(await waiting('lz.dispatcher1')).not.toContain(findingId);
    expect(FindingList.parse(await ok('lz.dispatcher1', 'GET', '/api/findings')).findings.find((f) => f.id === findingId)).toMatchObject({ hazardId: h.id, hazardCode: h.code });
    // once per finding
    const again = await call('vt.luorong.volunteer1', 'POST', `/api/findings/${findingId}/hazard`, { type: 'broken_fence', severity: 'major' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'hazard_exists', details: { hazardId: h.id } });

    // both chiefs' agencies see it in their lists, and the county
    for (const u of ['ps.liuzhou.officer', 'yufeng.liaison', 'lz.dispatcher1']) {
      const mine = HazardList.parse(await ok(u, 'GET', '/api/hazards?open=true')).hazards;
      expect(mine.map((x) => x.id), u).toContain(h.id);
    }
    const luorong = await t.app.db.kysely.selectFrom('users').select('username').where('agency_id', '=', 'tw-yufeng-luorong').executeTakeFirstOrThrow();
    auth.set(luorong.username, await t.login(luorong.username));
    expect(HazardList.parse(await ok(luorong.username, 'GET', '/api/hazards')).hazards.map((x) => x.id)).toContain(h.id);

    const url = `/api/hazards/${h.id}`;
    // each reader is offered the steps its part allows now, and nothing else
    const offered = async (u: string) => HazardDetail.parse(await ok(u, 'GET', url));
    expect((await offered('ps.liuzhou.officer')).actions).toEqual(['assign']);
    expect((await offered('lz.dispatcher1')).actions).toEqual(['assign', 'reject']);
    expect((await offered('vt.luorong.volunteer1')).actions).toEqual(['reject']);
    expect((await offered('yufeng.liaison')).actions).toEqual([]);
    expect((await offered('ps.liuzhou.officer')).photoPhases).toEqual(['before']);
    // not closed before it is verified, whoever asks
    const early = await call('lz.dispatcher1', 'POST', `${url}/close`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('not_verified');
    // a village patrol cannot start the work; the owners can
    expect((await call('ps.liuzhou.officer', 'POST', `${url}/start`, {})).json().error.code).toBe('hazard_transition');
    await ok('ps.liuzhou.officer', 'POST', `${url}/assign`, {});
    expect((await call('vt.luorong.volunteer1', 'POST', `${url}/start`, {})).statusCode).toBe(403);
    await ok(luorong.username, 'POST', `${url}/start`, { note: '已通知村委' });
    expect(await offered('ps.liuzhou.officer')).toMatchObject({ actions: ['rectify'], photoPhases: ['before', 'after'] });
    expect((await offered('vt.luorong.volunteer1')).photoPhases).toEqual(['before']);
    // rectified only with a photo taken after the work
    const noPhoto = await call('ps.liuzhou.officer', 'POST', `${url}/rectified`, { note: '已修复' });
    expect(noPhoto.statusCode).toBe(409);
    expect(noPhoto.json().error.code).toBe('after_photos_required');
    expect((await call('vt.luorong.volunteer1', 'POST', `${url}/photos?photoId=${uuid()}&phase=after`, jpegWithGps(), { 'content-type': 'image/jpeg', 'x-filename': 'after.jpg' })).statusCode).toBe(403);
    const notPhoto = await call('ps.liuzhou.officer', 'POST', `${url}/photos?photoId=${uuid()}&phase=after`, Buffer.from('%PDF-1.4 not a photo'), { 'content-type': 'image/jpeg', 'x-filename': 'x.jpg' });
    expect(notPhoto.statusCode).toBe(415);
    const afterId = uuid();
    await ok('ps.liuzhou.officer', 'POST', `${url}/photos?photoId=${afterId}&phase=after`, jpegWithGps(), { 'content-type': 'image/jpeg', 'x-filename': 'after.jpg' });
    const photo = await call('yufeng.liaison', 'GET', `${url}/photos/${afterId}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.rawPayload.includes(Buffer.from('GPSLatitude'))).toBe(false);
    await ok('ps.liuzhou.officer', 'POST', `${url}/rectified`, { note: '护网已修复' });
    // verified by the finder's agency only; a failed check sends it back
    expect((await call('ps.liuzhou.officer', 'POST', `${url}/verify`, { passed: true })).statusCode).toBe(403);
    const back = HazardDetail.parse(await ok('vt.luorong.volunteer1', 'POST', `${url}/verify`, { passed: false, note: '缺口仍在' }));
    expect(back.status).toBe('rectifying');
    await ok('ps.liuzhou.officer', 'POST', `${url}/rectified`, { note: '已加装铁丝网' });
    await ok('vt.luorong.volunteer1', 'POST', `${url}/verify`, { passed: true, note: '复查合格' });
    const closed = HazardDetail.parse(await ok('lz.dispatcher1', 'POST', `${url}/close`, {}));
    expect(closed).toMatchObject({ status: 'closed', verificationNote: '复查合格', rectificationNote: '已加装铁丝网' });
    expect(closed.photos.map((p) => p.phase)).toEqual(['before', 'after']);
    // who did what, when
    expect(closed.history.map((e) => e.action)).toEqual(['report', 'assign', 'start', 'photo', 'rectify', 'fail_verification', 'rectify', 'verify', 'close']);
    expect(closed.history.map((e) => e.by)).toEqual(['vt.luorong.volunteer1', 'ps.liuzhou.officer', luorong.username, 'ps.liuzhou.officer', 'ps.liuzhou.officer', 'vt.luorong.volunteer1', 'ps.liuzhou.officer', 'vt.luorong.volunteer1', 'lz.dispatcher1']);
    expect((await call('lz.dispatcher1', 'POST', `${url}/reject`, { reason: '重复' })).json().error.code).toBe('hazard_transition');
    // the events went out in the same transactions
    const events = (await t.app.db.kysely.selectFrom('outbox').select('body').orderBy('id').execute()).map((r) => JSON.parse(r.body) as { type: string; entityId: string }).filter((e) => e.entityId === h.id).map((e) => e.type);
    expect(events).toEqual(['hazard.reported', 'hazard.assigned', 'hazard.rectifying', 'hazard.rectified', 'hazard.rectifying', 'hazard.rectified', 'hazard.verified', 'hazard.closed']);
  });

  it('rejects a report with its reason, and escalates an overdue hazard once, to the centre and the county', async () => {
    const rejected = await ok('lz.dispatcher1', 'POST', '/api/hazards', { type: 'other', severity: 'minor', description: '疑似隐患', place: { lineId: 'xianggui', mileage: 'K500+000' }, source: { kind: 'public_report' } });
    expect((await call('lz.dispatcher1', 'POST', `/api/hazards/${rejected.id}/reject`, {})).statusCode).toBe(400);
    expect((await ok('lz.dispatcher1', 'POST', `/api/hazards/${rejected.id}/reject`, { reason: '现场核实不构成隐患' })).rejectReason).toBe('现场核实不构成隐患');

    const h = Hazard.parse(await ok('tm.liuzhou.officer', 'POST', '/api/hazards', { type: 'light_materials', severity: 'critical', description: '接触网旁塑料薄膜', place: { lineId: 'xianggui', mileage: 'K499+940' } }));
    expect(h).toMatchObject({ railwayOwner: { agencyId: 'lz-ps-liuzhou' }, localOwner: { agencyId: 'tw-yufeng-tianma' }, countyId: 'cb-yufeng', overdue: false });
    expect(h.deadline).toBe(new Date(Date.parse(h.reportedAt) + 3 * 86_400_000).toISOString());
    const sweep = () => t.app.jobs.runNow('hazards.overdue-escalation');
    const alerts = async () => {
      await t.app.outbox.flush();
      await t.app.services.alertEngine.tick();
      return t.app.db.kysely.selectFrom('alerts').innerJoin('alert_recipients', 'alert_recipients.alert_id', 'alerts.id').select(['alerts.id', 'alert_recipients.agency_id']).where('alerts.kind', '=', 'hazard_overdue').where('alerts.about_id', '=', h.id).execute();
    };
    await sweep();
    expect(await alerts()).toEqual([]);
    // four days on (the platform clock): past the critical three days
    await clockAt(START + 4 * 86_400_000, ['yufeng.liaison', 'lz.dispatcher1']);
    try {
      await sweep();
      await sweep();
      const raised = await alerts();
      expect(raised.map((a) => a.agency_id).sort()).toEqual(['cb-yufeng', 'lz-centre']);
      expect(new Set(raised.map((a) => a.id)).size).toBe(1);
      const overdue = (await t.app.db.kysely.selectFrom('outbox').select('body').execute()).map((r) => JSON.parse(r.body) as { type: string; entityId: string }).filter((e) => e.type === 'hazard.overdue' && e.entityId === h.id);
      expect(overdue).toHaveLength(1);
      const listed = HazardList.parse(await ok('yufeng.liaison', 'GET', '/api/hazards?overdue=true')).hazards;
      expect(listed.find((x) => x.id === h.id)).toMatchObject({ overdue: true });
      // the county reads the alert; the township owner is not addressed
      const countyAlerts = (await ok('yufeng.liaison', 'GET', '/api/alerts?state=open')).alerts as Array<{ kind: string; subject: { id: string } }>;
      expect(countyAlerts.some((a) => a.kind === 'hazard_overdue' && a.subject.id === h.id)).toBe(true);
    } finally {
      await clockAt(START, ['yufeng.liaison', 'lz.dispatcher1']);
    }
  });

  it('shows a township only the hazards it owns, and answers 404 to an agency with no part', async () => {
    const all = HazardList.parse(await ok('lz.dispatcher1', 'GET', '/api/hazards')).hazards;
    const tianma = HazardList.parse(await ok('yufeng.tianma.liaison', 'GET', '/api/hazards')).hazards;
    expect(tianma.length).toBeGreaterThan(0);
    expect(tianma.every((h) => h.localOwner.agencyId === 'tw-yufeng-tianma' || h.railwayOwner.agencyId === 'tw-yufeng-tianma')).toBe(true);
    expect(tianma.map((h) => h.id).sort()).toEqual(all.filter((h) => h.localOwner.agencyId === 'tw-yufeng-tianma').map((h) => h.id).sort());
    const theirs = tianma[0]!;
    for (const u of ['liubei.liaison', 'tt.cj3.officer', 'lz.auditor']) {
      expect((await call(u, 'GET', `/api/hazards/${theirs.id}`)).statusCode, u).toBe(404);
      expect((await call(u, 'POST', `/api/hazards/${theirs.id}/assign`, {})).statusCode, u).toBe(404);
      expect(HazardList.parse(await ok(u, 'GET', '/api/hazards')).hazards.map((h) => h.id)).not.toContain(theirs.id);
    }
    expect((await call('yufeng.tianma.liaison', 'GET', `/api/hazards/${theirs.id}`)).statusCode).toBe(200);
    // a finding the reader may not read is not found either
    const f = await finding();
    expect((await call('liubei.liaison', 'POST', `/api/findings/${f}/hazard`, { type: 'trees', severity: 'minor' })).statusCode).toBe(404);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = (await t.http.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    for (const p of ['/api/hazards', '/api/hazards/{id}', '/api/hazard-ledger', '/api/section-chiefs/import', '/api/findings/{id}/hazard']) expect(Object.keys(doc.paths)).toContain(p);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const before = await count('hazards');
    const post = (body: unknown) => call('lz.dispatcher1', 'POST', '/api/hazards', body);
    const fields = async (body: unknown) => {
      const res = await post(body);
      expect(res.statusCode, res.body).toBe(400);
      return (res.json().error.details.fields as Array<{ field: string }>).map((f) => f.field);
    };
    const base = { type: 'trees', severity: 'minor', description: '树木', place: { lineId: 'xianggui', mileage: 'K499+000' } };
    expect(await fields({ ...base, severity: 'catastrophic' })).toEqual(['body.severity']);
    expect(await fields({ ...base, type: 'ufo' })).toEqual(['body.type']);
    expect(await fields({ ...base, place: { lineId: 'nowhere', mileage: 'K1+000' } })).toEqual(['body.place.lineId']);
    expect(await fields({ ...base, place: { lineId: 'xianggui', mileage: 'K49x' } })).toEqual(['body.place.mileage']);
    expect((await fields({ ...base, place: { lon: 'NaN', lat: 24.4 } })).some((f) => f.startsWith('body.place'))).toBe(true);
    expect((await fields({ ...base, place: { lon: 200, lat: 24.4 } })).some((f) => f.startsWith('body.place'))).toBe(true);
    // far from any line
    expect(await fields({ ...base, place: { lon: 100, lat: 30 } })).toEqual(['body.place']);
    // a stretch nobody was assigned: 422 naming the place
    const none = await post({ ...base, place: { lineId: 'xianggui', mileage: 'K550+000' } });
    expect(none.statusCode).toBe(422);
    expect(none.json().error).toMatchObject({ code: 'no_section_chief', details: { fields: [{ field: 'body.place' }] } });
    expect(await count('hazards')).toBe(before);
    // the query too
    const q = await call('lz.dispatcher1', 'GET', '/api/hazards?severity=huge&limit=0');
    expect(q.statusCode).toBe(400);
    expect((q.json().error.details.fields as Array<{ field: string }>).map((f) => f.field).sort()).toEqual(['query.limit', 'query.severity']);
  });

  it('keeps the ledger per township, section and owner with overdue counts, as XLSX and PDF', async () => {
    await clockAt(START + 4 * 86_400_000, ['yufeng.liaison', 'lz.dispatcher1']);
    try {
      const l = HazardLedger.parse(await ok('yufeng.liaison', 'GET', '/api/hazard-ledger'));
      expect(l.totals.total).toBe(l.hazards.length);
      expect(l.hazards.every((h) => h.countyId === 'cb-yufeng' || h.localOwner.agencyId === 'cb-yufeng' || h.finderAgencyId === 'cb-yufeng')).toBe(true);
      const tianma = l.byTownship.find((r) => r.key === 'tw-yufeng-tianma');
      expect(tianma, JSON.stringify(l.byTownship)).toBeDefined();
      expect(tianma!.overdue).toBeGreaterThanOrEqual(1);
      expect(l.byOwner.find((r) => r.key === 'lz-ps-liuzhou')!.total).toBe(l.hazards.filter((h) => h.railwayOwner.agencyId === 'lz-ps-liuzhou').length);
      expect(l.bySection.reduce((n, r) => n + r.total, 0)).toBe(l.totals.total);
      const filtered = HazardLedger.parse(await ok('lz.dispatcher1', 'GET', '/api/hazard-ledger?townshipId=tw-yufeng-tianma&overdue=true'));
      expect(filtered.hazards.every((h) => h.townshipId === 'tw-yufeng-tianma' && h.overdue)).toBe(true);

      const xlsx = await call('yufeng.liaison', 'GET', '/api/hazard-ledger?format=xlsx');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const files = unzipSync(new Uint8Array(xlsx.rawPayload));
      expect(strFromU8(files['xl/workbook.xml']!)).toContain('隐患台账');
      const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
      for (const h of l.hazards) expect(sheet).toContain(h.code);
      expect(strFromU8(files['xl/worksheets/sheet2.xml']!)).toContain('鱼峰区天马街道');

      const pdf = await call('yufeng.liaison', 'GET', '/api/hazard-ledger?format=pdf');
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.rawPayload.subarray(-6).toString()).toContain('%%EOF');
    } finally {
      await clockAt(START, ['yufeng.liaison', 'lz.dispatcher1']);
    }
  });
});
