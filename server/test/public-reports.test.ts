import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { jpegWithGps } from '../src/modules/patrols/photos.fixtures.js';
import { PublicReport, PublicReportReceipt, PublicReportStatus } from '@railjoint/contracts';

/** Reports from the public, without signing in, from the HTTP side. Each test reports from its own address. */
describe.each(ENGINES)('reports from the public on %s', (engine) => {
  let t: TestApp;
  let address = 10;
  const ip = () => `203.0.113.${address++}`;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
  });
  afterAll(async () => t?.close());

  const report = (payload: unknown, from: string, headers: Record<string, string> = {}) => t.http.inject({ method: 'POST', url: '/api/public/reports', payload: payload as object, remoteAddress: from, headers });
  const status = (code: string, from = ip()) => t.http.inject({ method: 'GET', url: `/api/public/reports/${encodeURIComponent(code)}`, remoteAddress: from });
  const tokens = new Map<string, string>();
  const as = async (user: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    if (!tokens.has(user)) tokens.set(user, await t.login(user));
    return t.http.inject({ method, url, payload: payload as object, headers: { authorization: tokens.get(user)! } });
  };
  const PERSON = { category: 'person_on_track', where: { lon: 109.5125, lat: 24.367 }, description: '有个人在铁轨上走，往柳州方向', contact: { name: '李女士', phone: '170 1234 5678' } };

  it('answers a report with an unguessable code; the code shows the status and public notes, nothing personal', async () => {
    const res = await report(PERSON, ip());
    expect(res.statusCode, res.body).toBe(201);
    const receipt = PublicReportReceipt.parse(res.json());
    expect(receipt.trackingCode).toMatch(/^RJ-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(receipt.status).toBe('received');
    const seen = await status(receipt.trackingCode.toLowerCase());
    expect(seen.statusCode).toBe(200);
    const s = PublicReportStatus.parse(seen.json());
    expect(s).toMatchObject({ category: 'person_on_track', categoryName: '有人在铁路线上', status: 'received', notes: [], points: 0 });
    for (const secret of ['李女士', '1234', '铁轨上走', '109.5']) expect(seen.body).not.toContain(secret);
    // a code guessed at random names nothing
    expect((await status('RJ-AAAA-BBBB-CCCC-DDDD')).statusCode).toBe(404);
    expect((await status('not-a-code')).statusCode).toBe(404);
  });

  it('becomes an incident on the public channel; only the handling agency and the centre’s call-takers see the contact', async () => {
    const receipt = (await report({ ...PERSON, description: '铁轨边有人坐着' }, ip())).json();
    const list = (await as('lz.dispatcher1', 'GET', '/api/public-reports')).json().reports as PublicReport[];
    const mine = list.find((r) => r.description === '铁轨边有人坐着')!;
    expect(mine).toMatchObject({ source: 'web', hasContact: true, status: 'received' });
    const incident = (await as('lz.dispatcher1', 'GET', `/api/incidents/${mine.incidentId}`)).json();
    expect(incident).toMatchObject({ channel: 'public', category: 'track_intrusion', reporter: null });
    // on the track the station's police lead; the street office supports
    expect(incident.lead.agencyId).toBe('lz-ps-liuzhou');
    expect(incident.support.map((a: { agencyId: string }) => a.agencyId)).toContain('tw-yufeng-tianma');
    expect((await as('lz.dispatcher1', 'GET', `/api/public-reports/${mine.id}/contact`)).json()).toMatchObject({ name: '李女士', phone: '170 1234 5678' });
    expect((await as('ps.liuzhou.officer', 'GET', `/api/public-reports/${mine.id}/contact`)).statusCode).toBe(200);
    // agencies that only support or are told of the incident see the report, never the reporter
    expect((await as('yufeng.tianma.liaison', 'GET', `/api/public-reports/${mine.id}`)).statusCode).toBe(200);
    expect((await as('yufeng.tianma.liaison', 'GET', `/api/public-reports/${mine.id}/contact`)).statusCode).toBe(404);
    expect((await as('lz.analyst', 'GET', `/api/public-reports/${mine.id}/contact`)).statusCode).toBe(404);
    expect((await as('admin', 'GET', `/api/public-reports/${mine.id}/contact`)).statusCode).toBe(404);
    expect((await as('liubei.liaison', 'GET', `/api/public-reports/${mine.id}`)).statusCode).toBe(404);

    // the handling agency writes a public note; the reporter reads it by the code
    expect((await as('yufeng.tianma.liaison', 'POST', `/api/public-reports/${mine.id}/notes`, { text: '已派员' })).statusCode).toBe(403);
    expect((await as('ps.liuzhou.officer', 'POST', `/api/public-reports/${mine.id}/notes`, { text: '民警已到现场，感谢您的举报。' })).statusCode).toBe(201);
    const s = (await status(receipt.trackingCode)).json();
    expect(s.notes.map((n: { text: string }) => n.text)).toEqual(['民警已到现场，感谢您的举报。']);
    const timeline = (await as('lz.dispatcher1', 'GET', `/api/incidents/${mine.incidentId}`)).json().timeline as Array<{ action: string }>;
    expect(timeline.some((e) => e.action === 'public_note')).toBe(true);
  });

  it('follows the incident to resolved, and credits a useful report with points', async () => {
    const receipt = (await report({ ...PERSON, category: 'broken_fence', description: '护网被剪了一个大口子', contact: undefined }, ip())).json();
    const mine = ((await as('lz.dispatcher1', 'GET', '/api/public-reports')).json().reports as PublicReport[]).find((r) => r.description === '护网被剪了一个大口子')!;
    for (const [step, body] of [['dispatch', { units: [] }], ['en-route', {}], ['on-scene', {}]] as const) expect((await as('lz.dispatcher1', 'POST', `/api/incidents/${mine.incidentId}/${step}`, body)).statusCode).toBe(200);
    expect((await status(receipt.trackingCode)).json().status).toBe('in_progress');
    await as('lz.dispatcher1', 'POST', `/api/incidents/${mine.incidentId}/clear`, {});
    await as('lz.dispatcher1', 'POST', `/api/incidents/${mine.incidentId}/close`, { outcomeCode: 'resolved_on_scene', summary: '护网已修复' });
    expect((await status(receipt.trackingCode)).json()).toMatchObject({ status: 'resolved', points: 10 });

    // a false alarm earns nothing
    const hoax = (await report({ ...PERSON, category: 'fire_near_line', description: '好像着火了', contact: undefined }, ip())).json();
    const h = ((await as('lz.dispatcher1', 'GET', '/api/public-reports')).json().reports as PublicReport[]).find((r) => r.description === '好像着火了')!;
    for (const [step, body] of [['dispatch', { units: [] }], ['en-route', {}], ['on-scene', {}], ['clear', {}], ['close', { outcomeCode: 'false_alarm', summary: '未发现火情' }]] as const) await as('lz.dispatcher1', 'POST', `/api/incidents/${h.incidentId}/${step}`, body);
    expect((await status(hoax.trackingCode)).json()).toMatchObject({ status: 'resolved', points: 0 });
  });

  it('shows a duplicate merged into another report only its own state, never the other reporter’s words', async () => {
    const a = (await report({ ...PERSON, category: 'stone_throwing', description: '有小孩向火车扔石头', contact: undefined }, ip())).json();
    const b = (await report({ ...PERSON, category: 'stone_throwing', description: '又看到有人扔石头，穿红衣服', contact: { phone: '17000000001' } }, ip())).json();
    const reports = (await as('lz.dispatcher1', 'GET', '/api/public-reports')).json().reports as PublicReport[];
    const ra = reports.find((r) => r.description === '有小孩向火车扔石头')!;
    const rb = reports.find((r) => r.description === '又看到有人扔石头，穿红衣服')!;
    expect((await as('lz.dispatcher1', 'GET', `/api/incidents/${rb.incidentId}`)).json().duplicateOf).toBe(ra.incidentId);
    await as('lz.dispatcher1', 'POST', `/api/incidents/${rb.incidentId}/merge`, { into: ra.incidentId, reason: '同一起' });
    expect((await as('lz.dispatcher1', 'POST', `/api/public-reports/${ra.id}/notes`, { text: '正在处置' })).statusCode).toBe(201);
    await as('lz.dispatcher1', 'POST', `/api/incidents/${ra.incidentId}/dispatch`, { units: [] });
    const sb = await status(b.trackingCode);
    expect(sb.json()).toMatchObject({ status: 'in_progress', notes: [] });
    expect(sb.body).not.toContain('小孩');
    expect(sb.body).not.toContain('正在处置');
    expect((await status(a.trackingCode)).body).not.toContain('红衣服');
  });

  it('answers a retry with the same code, and refuses the same id for a different report', async () => {
    const clientId = crypto.randomUUID();
    const from = ip();
    const first = await report({ ...PERSON, clientId, contact: undefined, description: '离线时填写的举报' }, from);
    const again = await report({ ...PERSON, clientId, contact: undefined, description: '离线时填写的举报' }, from);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
    expect((await as('lz.dispatcher1', 'GET', '/api/public-reports')).json().reports.filter((r: PublicReport) => r.description === '离线时填写的举报')).toHaveLength(1);
    expect((await report({ ...PERSON, clientId, contact: undefined, description: '别的' }, from)).json().error.code).toBe('id_reused');
  });

  it('limits reports per address and per device, with Retry-After', async () => {
    const from = ip();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await report({ ...PERSON, contact: undefined, description: `刷屏${i}` }, from)).statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    const refused = await report({ ...PERSON, contact: undefined, description: '又一条' }, from);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('too_many_requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // one phone moving between addresses is still one device
    const device = { 'x-device-id': `dev-${crypto.randomUUID()}` };
    const byDevice: number[] = [];
    for (let i = 0; i < 6; i++) byDevice.push((await report({ ...PERSON, contact: undefined, description: `换地址${i}` }, ip(), device)).statusCode);
    expect(byDevice).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('takes photos judged by content, cleaned of location metadata, at most three', async () => {
    const code = (await report({ ...PERSON, contact: undefined, description: '附照片' }, ip())).json().trackingCode as string;
    const send = (bytes: Buffer, type = 'image/jpeg', name = 'p.jpg') => t.http.inject({ method: 'POST', url: `/api/public/reports/${code}/photos`, payload: bytes, remoteAddress: ip(), headers: { 'content-type': type, 'x-filename': name } });
    expect((await send(Buffer.from('<svg onload=alert(1)>'), 'image/jpeg')).statusCode).toBe(415);
    expect((await send(Buffer.from('%PDF-1.4\n'), 'application/pdf', 'a.pdf')).statusCode).toBe(415);
    expect((await send(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1024 * 1024 + 10)]))).statusCode).toBe(413);
    const jpeg = jpegWithGps();
    expect((await send(jpeg)).statusCode).toBe(201);
    expect((await send(jpeg)).statusCode).toBe(200);
    const variants = [1, 3, 8].map((o) => jpegWithGps(o));
    expect((await send(variants[0]!)).statusCode).toBe(201);
    expect((await send(variants[1]!)).statusCode).toBe(201);
    expect((await send(variants[2]!)).json().error.code).toBe('too_many_photos');
    const mine = ((await as('lz.dispatcher1', 'GET', '/api/public-reports')).json().reports as PublicReport[]).find((r) => r.description === '附照片')!;
    expect(mine.photos).toHaveLength(3);
    const photo = await as('lz.dispatcher1', 'GET', `/api/public-reports/${mine.id}/photos/${mine.photos[0]!.id}`);
    expect(photo.rawPayload.includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect((await t.http.inject({ method: 'POST', url: '/api/public/reports/RJ-AAAA-BBBB-CCCC-DDDD/photos', payload: jpeg, headers: { 'content-type': 'image/jpeg', 'x-filename': 'p.jpg' } })).statusCode).toBe(404);
  });

  it('names the bad field of a report: a place the network cannot find is body.where', async () => {
    const unknown = await report({ ...PERSON, where: { stationId: 'st-nowhere' } }, ip());
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details.fields[0].field).toBe('body.where.stationId');
    const bad = await report({ category: 'ufo', where: { lon: 200, lat: 24 }, description: '' }, ip());
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['body.category', 'body.description']));
    const train = await report({ ...PERSON, category: 'suspicious_person', where: { train: 'G9999', car: 5 }, contact: undefined }, ip());
    expect(train.statusCode).toBe(422);
    expect(train.json().error.details.fields[0].field).toBe('body.where.train');
  });
});
