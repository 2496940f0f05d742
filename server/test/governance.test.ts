import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Meeting, MeetingList } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';

/**
 * Joint meetings (issue 14) from the HTTP side on the demo department: the centre convenes a
 * monthly joint meeting with two county bureaus and a police station, records it with two
 * decisions that become task orders; one is done, the other — overdue — comes back on the next
 * meeting's agenda by itself; agencies not invited see nothing; bad records change nothing.
 */
const USERS = ['lz.commander', 'yufeng.liaison', 'liubei.liaison', 'ps.liuzhou.officer', 'tt.cj3.officer'];
const DAY = 86_400_000;

describe.each(ENGINES)('joint meetings on %s', (engine) => {
  let t: TestApp;
  const auth = new Map<string, string>();
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    for (const u of USERS) auth.set(u, await t.login(u));
  });
  afterAll(async () => t?.close());

  const call = (user: string, method: 'GET' | 'POST', url: string, payload?: unknown) => t.http.inject({ method, url, payload: payload as never, headers: { authorization: auth.get(user)! } });
  const ok = async (user: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await call(user, method, url, payload);
    expect(res.statusCode, `${user} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const taskCount = async () => Number((await t.app.db.kysely.selectFrom('tasks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('turns decisions into task orders and carries the open one to the next meeting, flagged overdue', async () => {
    const agencies = ['cb-yufeng', 'cb-liubei', 'lz-ps-liuzhou'];
    const convene = { type: 'joint_monthly', title: '十一月路地联席会议', scheduledAt: iso(Date.now() - 10 * DAY), place: '柳州处三楼会议室', agencies, agenda: [{ title: '通报上月警情' }, { title: '护网破损整治', notes: '鱼峰段' }] };
    expect((await call('yufeng.liaison', 'POST', '/api/meetings', convene)).statusCode).toBe(403);
    const m1 = Meeting.parse(await ok('lz.commander', 'POST', '/api/meetings', convene));
    expect(m1).toMatchObject({ status: 'planned', code: expect.stringMatching(/^HY\d{8}-\d{3}$/), agenda: [{ seq: 1, title: '通报上月警情' }, { seq: 2, title: '护网破损整治', notes: '鱼峰段' }] });
    expect(m1.agencies.map((a) => a.agencyId).sort()).toEqual([...agencies, 'lz-centre'].sort());

    // a bad record: an agency not invited, an unknown owner, a due date before the meeting — nothing written
    const tasksBefore = await taskCount();
    const bad = await call('lz.commander', 'POST', `/api/meetings/${m1.id}/record`, {
      attendance: [{ agencyId: 'cb-yufeng', attended: true }, { agencyId: 'tt-cj3', attended: true }],
      minutes: '纪要',
      decisions: [
        { text: '修复护网', ownerAgencyId: 'nope', dueAt: iso(Date.now() + DAY) },
        { text: '加强巡逻', ownerAgencyId: 'cb-yufeng', dueAt: iso(Date.now() - 20 * DAY) },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json().error.details.fields as Array<{ field: string }>).map((f) => f.field)).toEqual(['body.attendance[1].agencyId', 'body.decisions[0].ownerAgencyId', 'body.decisions[1].dueAt']);
    expect(await taskCount()).toBe(tasksBefore);

    const held = Meeting.parse(
      await ok('lz.commander', 'POST', `/api/meetings/${m1.id}/record`, {
        attendance: [
          { agencyId: 'cb-yufeng', attended: true, representative: '韦副局长' },
          { agencyId: 'cb-liubei', attended: false },
          { agencyId: 'lz-ps-liuzhou', attended: true },
        ],
        minutes: '会议通报了十一月警情，研究了鱼峰段护网整治。',
        decisions: [
          { text: '十二月十五日前修复鱼峰段护网缺口', ownerAgencyId: 'cb-yufeng', dueAt: iso(Date.now() + 5 * DAY) },
          { text: '柳州站派出所每周两次联合巡逻', ownerAgencyId: 'lz-ps-liuzhou', dueAt: iso(Date.now() - DAY) },
        ],
      }),
    );
    expect(held.status).toBe('held');
    expect(held.agencies.find((a) => a.agencyId === 'cb-yufeng')).toMatchObject({ attended: true, representative: '韦副局长' });
    expect(held.agencies.find((a) => a.agencyId === 'cb-liubei')!.attended).toBe(false);
    expect(held.decisions.map((d) => [d.code, d.ownerAgencyId, d.status, d.overdue])).toEqual([
      [`${m1.code}-1`, 'cb-yufeng', 'open', false],
      [`${m1.code}-2`, 'lz-ps-liuzhou', 'open', true],
    ]);
    expect(await taskCount()).toBe(tasksBefore + 2);
    expect((await call('lz.commander', 'POST', `/api/meetings/${m1.id}/record`, { attendance: [{ agencyId: 'cb-yufeng', attended: true }], minutes: 'x' })).json().error.code).toBe('meeting_held');

    // the county does its decision: its task is completed
    const task1 = held.decisions[0]!.taskId;
    await ok('yufeng.liaison', 'POST', `/api/tasks/${task1}/acknowledge`, {});
    await ok('yufeng.liaison', 'POST', `/api/tasks/${task1}/complete`, { note: '护网已修复' });

    // the next meeting carries the open, overdue one by itself
    const m2 = Meeting.parse(await ok('lz.commander', 'POST', '/api/meetings', { ...convene, title: '十二月路地联席会议', scheduledAt: iso(Date.now() + DAY), agenda: [{ title: '春运安保部署' }] }));
    expect(m2.carried.map((d) => [d.code, d.status, d.overdue])).toEqual([[`${m1.code}-2`, 'open', true]]);
    expect(Meeting.parse(await ok('lz.commander', 'GET', `/api/meetings/${m1.id}`)).decisions[0]!.status).toBe('done');

    // the list counts open and overdue decisions
    const list = MeetingList.parse(await ok('yufeng.liaison', 'GET', '/api/meetings')).meetings;
    expect(list.find((x) => x.id === m1.id)).toMatchObject({ decisions: 2, openDecisions: 1, overdueDecisions: 1 });

    // the minutes as PDF, to the invited agencies
    const pdf = await call('ps.liuzhou.officer', 'GET', `/api/meetings/${m1.id}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // an invited county tables its statement; a file that is not what it says is refused
    const paper = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const table = (who: string, body: Buffer, type: string, id = crypto.randomUUID()) =>
      t.http.inject({ method: 'POST', url: `/api/meetings/${m1.id}/documents?documentId=${id}`, payload: body, headers: { authorization: auth.get(who)!, 'content-type': type, 'x-filename': encodeURIComponent('鱼峰区护网整治情况.pdf') } });
    const tabled = await table('yufeng.liaison', paper, 'application/pdf');
    expect(tabled.statusCode, tabled.body).toBe(201);
    const doc = Meeting.parse(tabled.json()).documents[0]!;
    expect(doc).toMatchObject({ name: '鱼峰区护网整治情况.pdf', contentType: 'application/pdf', agencyId: 'cb-yufeng' });
    expect((await table('yufeng.liaison', Buffer.from('not a pdf'), 'application/pdf')).statusCode).toBe(415);
    expect((await table('tt.cj3.officer', paper, 'application/pdf')).statusCode).toBe(404);
    const fetched = await call('ps.liuzhou.officer', 'GET', `/api/meetings/${m1.id}/documents/${doc.id}`);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.rawPayload.equals(paper)).toBe(true);
    expect((await call('tt.cj3.officer', 'GET', `/api/meetings/${m1.id}/documents/${doc.id}`)).statusCode).toBe(404);

    // an agency not at the table sees neither the meeting nor its minutes
    expect((await call('tt.cj3.officer', 'GET', `/api/meetings/${m1.id}`)).statusCode).toBe(404);
    expect((await call('tt.cj3.officer', 'GET', `/api/meetings/${m1.id}/minutes.pdf`)).statusCode).toBe(404);
    expect(MeetingList.parse(await ok('tt.cj3.officer', 'GET', '/api/meetings')).meetings.map((x) => x.id)).not.toContain(m1.id);

    // who convened and recorded it is on the change log
    const log = await t.app.db.kysely.selectFrom('change_log').select(['action']).where('entity', '=', 'meeting').where('entity_id', '=', m1.id).orderBy('id').execute();
    expect(log.map((l) => l.action)).toEqual(['convene', 'record', 'document']);
  });
});
