import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';

/** Chinese characters: an English answer may hold them only in names (agencies, lines, stations, units). */
const HAN = /[\u3400-\u9fff]+/g;

describe.each(ENGINES)('words and states on %s', (engine) => {
  let t: TestApp;
  let dispatcher: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    dispatcher = await t.login('lz.dispatcher1');
  });
  afterAll(async () => t?.close());
  const { get, post } = requests(() => t, () => dispatcher);
  const inEnglish = (url: string, as = dispatcher) => t.http.inject({ method: 'GET', url, headers: { authorization: as, 'accept-language': 'en-GB,en;q=0.9' } });
  const create = async (extra: Record<string, unknown> = {}) => {
    const r = await post('/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '石块击打列车', ...extra });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; code: string };
  };
  /** every Chinese run of a text that is not part of one of the names */
  const strayChinese = (text: string, names: string[]) => {
    let rest = text;
    for (const n of [...names].sort((a, b) => b.length - a.length)) rest = rest.split(n).join(' ');
    return rest.match(HAN) ?? [];
  };
  const names = async () => {
    const agencies = (await get('/api/agencies')).json().agencies.map((a: { name: string }) => a.name);
    const units = (await get('/api/units')).json().units.map((u: { name: string }) => u.name);
    const net = (await get('/api/network')).json().features.map((f: { properties: { name?: string } }) => f.properties.name ?? '');
    return [...agencies, ...units, ...net].filter(Boolean);
  };

  it('words responsibility reasons and ETA routes in English for an English reader of a Chinese-registered incident', async () => {
    const inc = await create();
    const proper = [...(await names()), '石块击打列车'];
    const detail = await inEnglish(`/api/incidents/${inc.id}`);
    expect(detail.statusCode).toBe(200);
    const reasons = (detail.json().reasons as Array<{ text: string }>).map((r) => r.text);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.join('\n')).toContain('By the responsibility matrix, "Stone throwing at a train"');
    expect(strayChinese(reasons.join('\n'), proper)).toEqual([]);
    // the same stored reasons, in Chinese for a Chinese reader
    expect(((await get(`/api/incidents/${inc.id}`)).json().reasons as Array<{ text: string }>).some((r) => r.text.startsWith('按责任矩阵'))).toBe(true);
    const recs = (await inEnglish(`/api/incidents/${inc.id}/recommendations`)).json().recommendations as Array<{ reason: string; assumptions: string[] }>;
    expect(recs.length).toBeGreaterThan(0);
    expect(strayChinese(recs.map((r) => [r.reason, ...r.assumptions].join('\n')).join('\n'), proper)).toEqual([]);
    expect(recs.flatMap((r) => r.assumptions).join(' ')).not.toMatch(/patrol_car|foot_team|local_police_car/);
  });

  it('refuses in the reader’s language and names units by call sign, never by id', async () => {
    const bad = await post('/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual([{ field: 'body.description', message: '必填' }]);
    const inc = await create();
    expect((await post(`/api/incidents/${inc.id}/dispatch`, { units: ['u-yufeng-car'] })).statusCode).toBe(200);
    const again = await create();
    const busy = await post(`/api/incidents/${again.id}/dispatch`, { units: ['u-yufeng-car'] });
    expect(busy.statusCode).toBe(422);
    const message = busy.json().error.details.fields[0].message as string;
    expect(message).toContain('鱼峰区巡逻车');
    expect(message).not.toContain('u-yufeng-car');
  });

  it('never counts the platform’s administration among the agencies told or offered', async () => {
    expect((await get('/api/agencies')).json().agencies.map((a: { id: string }) => a.id)).not.toContain('platform');
    const inc = await create();
    const commander = await t.login('lz.commander');
    const level = await post(`/api/incidents/${inc.id}/level`, { level: 'I', reason: '测试：全部通知' }, commander);
    expect(level.statusCode, level.body).toBe(200);
    expect(level.json().notified).toContain('lz-centre');
    expect(level.json().notified).not.toContain('platform');
    const detail = (await get(`/api/incidents/${inc.id}`)).json();
    expect([detail.lead, ...detail.support, ...detail.inform].map((a: { agencyId: string }) => a.agencyId)).not.toContain('platform');
  });

  it('shows people by display name on the timeline', async () => {
    const inc = await create();
    const me = (await get('/api/auth/me')).json() as { username: string; displayName: string };
    const entry = (await get(`/api/incidents/${inc.id}`)).json().timeline[0];
    expect(entry.actor).toMatchObject({ username: me.username, name: me.displayName });
  });

  it('moves the incident with its units: the first en route, the first on scene, and ends each unit’s job as it clears', async () => {
    const inc = await create();
    expect((await post(`/api/incidents/${inc.id}/dispatch`, { units: ['u-ps-liuzhou-car', 'u-ps-liuzhou-foot'] })).statusCode).toBe(200);
    const station = await t.login('ps.liuzhou.officer');
    const report = (unit: string, status: string) => post(`/api/units/${unit}/status`, { status }, station);
    const incident = async () => (await get(`/api/incidents/${inc.id}`)).json();
    const unit = async (id: string) => (await get('/api/units')).json().units.find((u: { id: string }) => u.id === id).status;

    expect((await report('u-ps-liuzhou-car', 'en_route')).statusCode).toBe(200);
    let now = await incident();
    expect(now.status).toBe('en_route');
    expect(now.times.enRouteAt).not.toBeNull();
    // the other unit keeps its own status, and the car's report acknowledged its job
    expect(await unit('u-ps-liuzhou-foot')).toBe('dispatched');
    expect(now.timeline.filter((e: { action: string }) => e.action === 'assignment_acknowledged')).toHaveLength(1);

    expect((await report('u-ps-liuzhou-foot', 'on_scene')).statusCode).toBe(200);
    now = await incident();
    expect(now.status).toBe('on_scene');
    expect(await unit('u-ps-liuzhou-car')).toBe('en_route');
    // a later report changes nothing the incident has passed
    expect((await report('u-ps-liuzhou-car', 'on_scene')).statusCode).toBe(200);
    expect((await incident()).timeline.filter((e: { action: string }) => e.action === 'arrive')).toHaveLength(1);

    for (const u of ['u-ps-liuzhou-car', 'u-ps-liuzhou-foot']) expect((await report(u, 'available')).statusCode).toBe(200);
    now = await incident();
    expect(now.status).toBe('on_scene');
    expect(now.timeline.filter((e: { action: string }) => e.action === 'unit_cleared').map((e: { detail: { unitId: string } }) => e.detail.unitId).sort()).toEqual(['u-ps-liuzhou-car', 'u-ps-liuzhou-foot']);
    expect((await get('/api/assignments')).json().assignments.filter((a: { incident_id: string }) => a.incident_id === inc.id)).toEqual([]);
  });

  it('never leaves a unit working an incident that shows as awaiting dispatch after a transfer', async () => {
    const inc = await create();
    // the station's car, free again since it cleared its last job
    expect((await post(`/api/incidents/${inc.id}/dispatch`, { units: ['u-ps-liuzhou-car'] })).statusCode).toBe(200);
    expect((await post(`/api/incidents/${inc.id}/transfer`, { to: 'cb-liubei', reason: '属地管辖' })).statusCode).toBe(200);
    const liubei = await t.login('liubei.liaison');
    const accepted = await post(`/api/incidents/${inc.id}/accept-transfer`, {}, liubei);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('dispatched');
    // the new lead sees the earlier unit and may stand it down
    const assignment = (await get('/api/assignments')).json().assignments.find((a: { incident_id: string }) => a.incident_id === inc.id);
    expect((await get(`/api/units/${assignment.unit_id}`, liubei)).statusCode).toBe(200);
    expect((await post(`/api/assignments/${assignment.id}/release`, { reason: '本局警力已到场' }, liubei)).statusCode).toBe(200);
    // without units a transfer answered hands back an incident awaiting dispatch
    const bare = await create();
    expect((await post(`/api/incidents/${bare.id}/transfer`, { to: 'cb-liubei', reason: '属地管辖' })).statusCode).toBe(200);
    expect((await post(`/api/incidents/${bare.id}/accept-transfer`, {}, liubei)).json().status).toBe('received');
  });

  it('carries casualties from the call to the response level', async () => {
    const inc = await create({ injured: 3, dead: 1 });
    const level = (await get(`/api/incidents/${inc.id}/level`)).json();
    expect(level.facts).toMatchObject({ injured: 3, dead: 1 });
    expect(level.reasons.length).toBeGreaterThan(0);
    const detail = (await get(`/api/incidents/${inc.id}`)).json();
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['received', 'level_changed']);
    // the same call without casualties sets no level of its own
    const calm = await create();
    expect((await get(`/api/incidents/${calm.id}`)).json().timeline.map((e: { action: string }) => e.action)).toEqual(['received']);
  });

  it('links a bulletin to its incident, named only to those who may read the incident', async () => {
    const inc = await create();
    const validUntil = new Date(Date.now() + 86_400_000).toISOString();
    const publish = (incidentId: string) => post('/api/bulletins', { kind: 'bolo', title: '协查：投石嫌疑人', body: '灰色上衣男子', classification: 'internal', distribution: { agencies: ['cb-yufeng', 'cb-liubei'] }, validUntil, incidentId });
    const b = await publish(inc.id);
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json().incident).toEqual({ id: inc.id, code: inc.code });
    const yufeng = await t.login('yufeng.liaison');
    const liubei = await t.login('liubei.liaison');
    expect((await get(`/api/bulletins/${b.json().id}`, yufeng)).json().incident).toEqual({ id: inc.id, code: inc.code });
    expect((await get(`/api/bulletins/${b.json().id}`, liubei)).json().incident).toBeNull();
    expect((await get(`/api/bulletins?incidentId=${inc.id}`)).json().bulletins.map((x: { id: string }) => x.id)).toEqual([b.json().id]);
    // an incident its publisher may not read is refused, as an unknown one
    const other = await post('/api/incidents', { category: 'passenger_theft', channel: 'train_crew', location: { train: 'G1501', at: '2026-12-01T07:20:00+08:00' }, description: '旅客行李被盗' }, await t.login('tt.cj3.commander'));
    const refused = await post('/api/bulletins', { kind: 'bolo', title: '协查', body: '内容', classification: 'internal', distribution: { agencies: ['cb-yufeng'] }, validUntil, incidentId: other.json().id }, await t.login('ps.liuzhou.commander'));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.incidentId']);
  });

  it('picks each agency’s commander from who is on duty there, named as the platform knows them', async () => {
    const people = (await get('/api/duty/people?agencies=lz-centre,cb-yufeng')).json().people as Array<{ agencyId: string; userId: string; displayName: string; onDuty: boolean }>;
    const centre = people.filter((p) => p.agencyId === 'lz-centre');
    expect(centre[0]?.onDuty).toBe(true);
    const yufeng = people.find((p) => p.agencyId === 'cb-yufeng')!;
    const inc = await create();
    const commander = await t.login('lz.commander');
    expect((await post(`/api/incidents/${inc.id}/level`, { level: 'II', reason: '测试：成立指挥部' }, commander)).statusCode).toBe(200);
    const wrong = await post(`/api/incidents/${inc.id}/command`, { members: [{ agencyId: 'lz-centre', role: 'commander', userId: yufeng.userId }, { agencyId: 'cb-yufeng', role: 'commander', person: '张强' }], objectives: ['查明人员'] }, commander);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.members[0].userId']);
    const opened = await post(`/api/incidents/${inc.id}/command`, { members: [{ agencyId: 'lz-centre', role: 'commander', userId: centre[0]!.userId }, { agencyId: 'cb-yufeng', role: 'commander', userId: yufeng.userId }], objectives: ['查明人员'] }, commander);
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().members.map((m: { person: string; userId: string }) => [m.person, m.userId]).sort()).toEqual(
      [
        [centre[0]!.displayName, centre[0]!.userId],
        [yufeng.displayName, yufeng.userId],
      ].sort(),
    );
  });

  it('drafts and prints a situation report in the drafter’s language, codes worded and people by name', async () => {
    const inc = await create({ injured: 2 });
    const commander = await t.login('lz.commander');
    const draft = await t.http.inject({ method: 'POST', url: `/api/incidents/${inc.id}/sitreps`, headers: { authorization: commander, 'accept-language': 'en' }, payload: {} });
    expect(draft.statusCode, draft.body).toBe(201);
    const r = draft.json() as { id: string; title: string; sections: Array<{ heading: string; body: string }>; generatedByName: string };
    const text = [r.title, ...r.sections.flatMap((x) => [x.heading, x.body])].join('\n');
    expect(text).toContain('Stone throwing at a train');
    expect(text).toContain('channel: hotline');
    const me = (await get('/api/auth/me', commander)).json() as { username: string; displayName: string };
    expect(r.generatedByName).toBe(me.displayName);
    // the description was typed in Chinese and names are names; nothing else is
    expect(strayChinese(text, [...(await names()), '石块击打列车', me.displayName, (await get('/api/auth/me')).json().displayName])).toEqual([]);
    expect(text).not.toMatch(/\b(received|hotline)\b.*：|lz\.dispatcher1|stone_throwing/);
    const html = await t.http.inject({ method: 'GET', url: `/api/sitreps/${r.id}/export?format=html`, headers: { authorization: commander, 'accept-language': 'en' } });
    expect(html.body).toContain('DRAFT (not released)');
    expect(html.body).toContain('<html lang="en">');
    // the same report drafted by a Chinese reader reads in Chinese
    const zh = (await post(`/api/incidents/${inc.id}/sitreps`, {}, commander)).json() as { sections: Array<{ body: string }> };
    expect(zh.sections[0]!.body).toContain('报警渠道：报警电话');
  });
});
