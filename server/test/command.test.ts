import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

describe.each(ENGINES)('response levels, joint command and task orders on %s', (engine) => {
  let t: TestApp;
  let commander: string;
  let incidentId: string;
  let commandId: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    commander = await t.login('lz.commander');
  });
  afterAll(async () => t?.close());
  const { get, post } = requests(() => t, () => commander);
  const report = async (extra: Record<string, unknown> = {}) => {
    const r = await post('/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '列车被石块击中，车窗破碎，有旅客受伤', ...extra });
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };

  it('judges the level by the rules and raises it as casualties and a blocked line are reported', async () => {
    const inc = await report();
    incidentId = inc.id;
    const first = (await get(`/api/incidents/${incidentId}/level`)).json();
    expect(['III', 'IV']).toContain(first.level);
    const raised = await post(`/api/incidents/${incidentId}/situation`, { injured: 3, lineBlocked: true });
    expect(raised.statusCode, raised.body).toBe(200);
    const s = raised.json();
    expect(s).toMatchObject({ level: 'II', ruleLevel: 'II', setBy: 'rules', facts: { injured: 3, lineBlocked: true } });
    expect(s.reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['casualties_serious', 'line_blocked']));
    // level II tells the centre and the county bureau there, who can now follow it
    expect(s.notified).toEqual(expect.arrayContaining(['lz-centre', 'cb-yufeng']));
    expect((await get(`/api/incidents/${incidentId}`, await t.login('yufeng.liaison'))).statusCode).toBe(200);
    expect((await post(`/api/incidents/${incidentId}/situation`, {})).statusCode).toBe(400);
    expect((await post(`/api/incidents/${incidentId}/situation`, { injured: -1 })).json().error.details.fields[0].field).toBe('body.injured');
  });

  it('lets a commander raise or lower it with a reason, and only a commander', async () => {
    const noReason = await post(`/api/incidents/${incidentId}/level`, { level: 'I' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.fields[0].field).toBe('body.reason');
    expect((await post(`/api/incidents/${incidentId}/level`, { level: 'I', reason: '影响京广通道' }, await t.login('ps.liuzhou.officer'))).statusCode).toBe(403);
    const up = await post(`/api/incidents/${incidentId}/level`, { level: 'I', reason: '车上旅客较多，社会影响大' });
    expect(up.json()).toMatchObject({ level: 'I', ruleLevel: 'II', setBy: 'commander' });
    const down = await post(`/api/incidents/${incidentId}/level`, { level: 'II', reason: '伤员已送医，影响可控' });
    expect(down.json()).toMatchObject({ level: 'II', setBy: 'commander' });
    const changes = (await get(`/api/incidents/${incidentId}`)).json().timeline.filter((e: { action: string }) => e.action === 'level_changed');
    expect(changes.map((e: { detail: { to: string; setBy: string } }) => `${e.detail.to}:${e.detail.setBy}`)).toEqual(expect.arrayContaining(['II:rules', 'I:commander', 'II:commander']));
  });

  it('opens a joint command only at level II or above, with commanders from agencies with jurisdiction', async () => {
    const minor = await report({ category: 'ticket_scalping', description: '倒票' });
    const tooLow = await post(`/api/incidents/${minor.id}/command`, { members: [{ agencyId: 'lz-centre', role: 'commander', person: '王指挥长' }, { agencyId: 'lz-ps-liuzhou', role: 'commander', person: '李所长' }], objectives: ['查处倒票'] });
    expect(tooLow.statusCode).toBe(422);
    expect(tooLow.json().error.code).toBe('level_too_low');

    const members = [
      { agencyId: 'lz-centre', role: 'commander', person: '王建国 指挥长' },
      { agencyId: 'lz-ps-liuzhou', role: 'commander', person: '李明 所长' },
      { agencyId: 'cb-yufeng', role: 'commander', person: '张强 副局长' },
      { agencyId: 'rs-liuzhou', role: 'liaison', person: '陈站长' },
    ];
    const outsider = await post(`/api/incidents/${incidentId}/command`, { members: [...members, { agencyId: 'cb-sanjiang', role: 'commander', person: '某' }], objectives: ['救治伤员'] });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.details.fields[0].field).toBe('body.members[4].role');

    const opened = await post(`/api/incidents/${incidentId}/command`, { members, objectives: ['救治伤员', '查明击打列车人员', '尽快恢复行车'], periodHours: 6 });
    expect(opened.statusCode, opened.body).toBe(201);
    const view = opened.json();
    commandId = view.id;
    expect(view).toMatchObject({ status: 'open', incidentId, level: { level: 'II' }, currentPlan: { period: 1, objectives: ['救治伤员', '查明击打列车人员', '尽快恢复行车'] } });
    expect(view.members.find((m: { agencyId: string }) => m.agencyId === 'cb-yufeng')).toMatchObject({ role: 'commander', agencyName: '鱼峰区公安分局' });
    expect((await post(`/api/incidents/${incidentId}/command`, { members, objectives: ['x1'] })).statusCode).toBe(409);
    // the railway station's liaison now sees the incident and the command
    expect((await get(`/api/commands/${commandId}`, await t.login('rs.liuzhou.officer'))).statusCode).toBe(200);
    expect((await get(`/api/commands/${commandId}`, await t.login('sanjiang.liaison'))).statusCode).toBe(404);
  });

  it('issues task orders to members only; the receiver acknowledges, reports and completes', async () => {
    const before = (await get(`/api/tasks?commandId=${commandId}`)).json().tasks.length;
    const outside = await post('/api/tasks', { commandId, title: '封控道口', toAgencyId: 'cb-sanjiang', deadline: inMinutes(30) });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error).toMatchObject({ code: 'not_in_command', details: { fields: [{ field: 'body.toAgencyId' }] } });
    const past = await post('/api/tasks', { commandId, title: '封控道口', toAgencyId: 'cb-yufeng', deadline: '2020-01-01T00:00:00+08:00' });
    expect(past.json().error.details.fields[0].field).toBe('body.deadline');
    const wrongUnit = await post('/api/tasks', { commandId, title: '封控道口', toAgencyId: 'cb-yufeng', toUnitId: 'u-ps-liuzhou-car', deadline: inMinutes(30) });
    expect(wrongUnit.json().error.details.fields[0].field).toBe('body.toUnitId');
    expect((await get(`/api/tasks?commandId=${commandId}`)).json().tasks.length).toBe(before);

    const issued = await post('/api/tasks', { commandId, title: '封控 K499 附近道口，禁止无关人员进入', toAgencyId: 'cb-yufeng', toUnitId: 'u-yufeng-car', deadline: inMinutes(30) });
    expect(issued.statusCode, issued.body).toBe(201);
    const task = issued.json();
    expect(task).toMatchObject({ status: 'issued', toAgencyName: '鱼峰区公安分局', fromAgencyId: 'lz-centre', overdue: false });
    expect(task.code).toMatch(/^ZL\d{8}-\d{4}$/);

    const yufeng = await t.login('yufeng.liaison');
    expect((await get('/api/tasks', yufeng)).json().tasks.map((x: { id: string }) => x.id)).toContain(task.id);
    expect((await post(`/api/tasks/${task.id}/acknowledge`, {}, await t.login('liubei.liaison'))).statusCode).toBe(404);
    expect((await post(`/api/tasks/${task.id}/acknowledge`, {}, yufeng)).json().status).toBe('acknowledged');
    expect((await post(`/api/tasks/${task.id}/progress`, { note: '已到达道口，拉设警戒线' }, yufeng)).json().status).toBe('in_progress');
    expect((await post(`/api/tasks/${task.id}/complete`, {}, yufeng)).statusCode).toBe(400);
    const done = await post(`/api/tasks/${task.id}/complete`, { note: '道口已封控，现场秩序良好' }, yufeng);
    expect(done.json()).toMatchObject({ status: 'completed', completedAt: expect.any(String) });
    expect(done.json().updates.map((u: { kind: string }) => u.kind)).toEqual(['issued', 'acknowledge', 'progress', 'complete']);
    expect((await post(`/api/tasks/${task.id}/acknowledge`, {}, yufeng)).statusCode).toBe(409);
    // a photo of the sealed crossing goes with the report; a script does not
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(512, 3)]);
    const attached = await t.http.inject({ method: 'POST', url: `/api/tasks/${task.id}/attachments`, payload: photo, headers: { authorization: yufeng, 'content-type': 'image/jpeg', 'x-filename': encodeURIComponent('道口封控.jpg') } });
    expect(attached.statusCode, attached.body).toBe(201);
    expect(attached.json().attachments[0]).toMatchObject({ name: '道口封控.jpg', contentType: 'image/jpeg', by: 'yufeng.liaison' });
    const script = await t.http.inject({ method: 'POST', url: `/api/tasks/${task.id}/attachments`, payload: Buffer.from('#!/bin/sh\nrm -rf /'), headers: { authorization: yufeng, 'content-type': 'application/octet-stream', 'x-filename': 'x.jpg' } });
    expect(script.statusCode).toBe(415);
    const file = await get(`/api/tasks/${task.id}/attachments/${attached.json().attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(photo)).toBe(true);
    expect((await get(`/api/tasks/${task.id}/attachments/${attached.json().attachments[0].id}`, await t.login('sanjiang.liaison'))).statusCode).toBe(404);

    const view = (await get(`/api/commands/${commandId}`)).json();
    expect(view.tasks.map((x: { id: string; status: string }) => [x.id, x.status])).toContainEqual([task.id, 'completed']);
    const actions = (await get(`/api/incidents/${incidentId}`)).json().timeline.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['situation_reported', 'level_changed', 'command_opened', 'task_issued', 'task_acknowledge', 'task_progress', 'task_complete']));
  });

  it('carries messages between the agencies, the command channel to its members only, with attachments', async () => {
    const yufeng = await t.login('yufeng.liaison');
    const toAll = await post(`/api/incidents/${incidentId}/messages`, { text: '鱼峰分局两台警车已到道口' }, yufeng);
    expect(toAll.statusCode, toAll.body).toBe(201);
    const inCommand = await post(`/api/incidents/${incidentId}/messages`, { text: '请铁路公安协调上行线限速', channel: 'command' });
    expect(inCommand.statusCode, inCommand.body).toBe(201);
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(256, 1)]);
    const att = await t.http.inject({ method: 'POST', url: `/api/incidents/${incidentId}/messages/${toAll.json().id}/attachments`, payload: png, headers: { authorization: yufeng, 'content-type': 'image/png', 'x-filename': encodeURIComponent('现场照片.png') } });
    expect(att.statusCode, att.body).toBe(201);
    expect(att.json().attachments[0]).toMatchObject({ name: '现场照片.png', contentType: 'image/png' });
    const exe = await t.http.inject({ method: 'POST', url: `/api/incidents/${incidentId}/messages/${toAll.json().id}/attachments`, payload: Buffer.from('MZ\x90\x00'), headers: { authorization: yufeng, 'content-type': 'application/octet-stream', 'x-filename': 'a.png' } });
    expect(exe.statusCode).toBe(415);
    const texts = (as: string) => get(`/api/incidents/${incidentId}/messages`, as).then((r) => r.json().messages.map((m: { text: string }) => m.text));
    expect(await texts(yufeng)).toEqual(['鱼峰分局两台警车已到道口', '请铁路公安协调上行线限速']);
    // 柳北, whose car was sent as a joint-defence partner but who is not in the command, reads only the incident channel
    expect((await post(`/api/incidents/${incidentId}/dispatch`, { units: ['u-liubei-car'] })).statusCode).toBe(200);
    const liubei = await t.login('liubei.liaison');
    expect(await texts(liubei)).toEqual(['鱼峰分局两台警车已到道口']);
    expect((await post(`/api/incidents/${incidentId}/messages`, { text: '想进指挥频道', channel: 'command' }, liubei)).json().error.details.fields[0].field).toBe('body.channel');
    expect((await get(`/api/incidents/${incidentId}/messages`, await t.login('sanjiang.liaison'))).statusCode).toBe(404);
    expect((await post(`/api/incidents/${incidentId}/messages`, { text: '' })).statusCode).toBe(400);
  });

  it('flags an overdue task to the issuer once', async () => {
    const issued = (await post('/api/tasks', { commandId, title: '调取沿线监控', toAgencyId: 'lz-ps-liuzhou', deadline: inMinutes(1) })).json();
    const later = new Date(Date.now() + 5 * 60_000).toISOString();
    expect((await t.app.services.tasks.sweepOverdue(later)).flagged).toBeGreaterThanOrEqual(1);
    expect((await t.app.services.tasks.sweepOverdue(later)).flagged).toBe(0);
    const task = (await get(`/api/tasks/${issued.id}`)).json();
    expect(task.updates.map((u: { kind: string }) => u.kind)).toContain('overdue');
    const timeline = (await get(`/api/incidents/${incidentId}`)).json().timeline;
    expect(timeline.some((e: { action: string; detail: { taskId?: string } }) => e.action === 'task_overdue' && e.detail.taskId === issued.id)).toBe(true);
  });

  it('sets the next operational period and closes the command', async () => {
    const next = await post(`/api/commands/${commandId}/plans`, { objectives: ['恢复行车', '侦查破案'], periodHours: 12 });
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json().plans.map((p: { period: number }) => p.period)).toEqual([1, 2]);
    expect((await post(`/api/commands/${commandId}/plans`, { objectives: ['x1'] }, await t.login('rs.liuzhou.officer'))).statusCode).toBe(403);
    const closed = await post(`/api/commands/${commandId}/close`, {});
    expect(closed.json().status).toBe('closed');
    expect((await post('/api/tasks', { commandId, title: '补充任务', toAgencyId: 'cb-yufeng', deadline: inMinutes(30) })).statusCode).toBe(409);
  });

  it('gives tasks without an incident, for a campaign, from the centre only', async () => {
    const spring = await post('/api/tasks', { campaign: '2027 年春运安保', title: '柳州站进站口增设安检复查岗', toAgencyId: 'lz-ps-liuzhou', deadline: inMinutes(7 * 24 * 60) });
    expect(spring.statusCode, spring.body).toBe(201);
    expect(spring.json()).toMatchObject({ incidentId: null, commandId: null, campaign: '2027 年春运安保' });
    const station = await t.login('ps.liuzhou.commander');
    expect((await get('/api/tasks?scope=mine', station)).json().tasks.map((x: { id: string }) => x.id)).toContain(spring.json().id);
    expect((await post('/api/tasks', { campaign: '自行安排', title: '巡逻', toAgencyId: 'cb-yufeng', deadline: inMinutes(60) }, station)).statusCode).toBe(403);
    expect((await post('/api/tasks', { title: '无归属任务', toAgencyId: 'cb-yufeng', deadline: inMinutes(60) })).json().error.details.fields[0].field).toBe('body.campaign');
  });
});

describe('NENA EIDO export', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine: 'sqlite', demo: true });
  });
  afterAll(async () => t?.close());

  it('exports an incident whose every $ref resolves, with the timeline as notes, and audits the export', async () => {
    const { eidoReferences } = await import('../src/modules/incidents/eido.js');
    const dispatcher = await t.login('lz.dispatcher1');
    const { get, post } = requests(() => t, () => dispatcher);
    const inc = (await post('/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '列车被石块击中' })).json();
    await post(`/api/incidents/${inc.id}/dispatch`, { units: ['u-ps-liuzhou-car'] });
    const res = await get(`/api/incidents/${inc.id}/eido`);
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    expect(doc).toMatchObject({ eidoVersion: '1.0', incidentComponent: [{ incidentTrackingIdentifier: inc.code, incidentStatusCommonRegistryText: ['Dispatched'] }] });
    expect(doc.locationComponent[0].locationByValue).toMatch(/<gml:pos>24\.\d+ 109\.\d+<\/gml:pos>/);
    expect(doc.notesComponent[0].notesActionCommentText).toBe('列车被石块击中');
    expect(doc.agencyComponent.map((a: { agencyName: string }) => a.agencyName)).toContain('柳州站派出所');
    const { ids, refs } = eidoReferences(doc);
    expect(refs.length).toBeGreaterThan(5);
    expect(refs.filter((r) => !ids.has(r))).toEqual([]);
    expect((await get(`/api/incidents/${inc.id}/eido`, await t.login('sanjiang.liaison'))).statusCode).toBe(404);
    const audit = (await get(`/api/audit?entity=incident&entityId=${inc.id}&kind=read`, await t.login('lz.auditor'))).json().entries;
    expect(audit.map((e: { action: string }) => e.action)).toContain('export:eido');
  });
});
