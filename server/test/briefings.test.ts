import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Briefing, BriefingList, Bulletin, WallSummary } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { startClockAt } from '../src/platform/clock.js';
import { BriefingService } from '../src/modules/briefings/service.js';
import { DEFAULT_SCHEDULE, periodOf } from '../src/modules/briefings/model.js';

/**
 * Briefings and the big screen (issue 14) on the demo department: incidents come in; the wall
 * counts them for the centre only; a briefing of a day not over is refused, then — a day later —
 * made once with charts as HTML and PDF and published as a bulletin the member agencies read with
 * both files; the schedule makes what is due once, beside what the centre made by hand.
 */
const USERS = ['lz.dispatcher1', 'lz.commander', 'yufeng.liaison'];
const HOUR = 3_600_000;

describe.each(ENGINES)('briefings and the wall on %s', (engine) => {
  let t: TestApp;
  const auth = new Map<string, string>();
  /** the Beijing day the incidents came in and the centre briefed */
  let today = '';
  beforeAll(async () => {
    // mid-morning of a fixed Beijing day: the incidents and the wall's day are the same, whenever the test runs
    t = await startApp({ engine, demo: true, clockStart: Date.parse('2026-12-03T10:00:00+08:00') });
    for (const u of USERS) auth.set(u, await t.login(u));
  });
  afterAll(async () => {
    startClockAt(null);
    await t?.close();
  });

  const call = (user: string, method: 'GET' | 'POST', url: string, payload?: unknown) => t.http.inject({ method, url, payload: payload as never, headers: { authorization: auth.get(user)! } });
  const ok = async (user: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await call(user, method, url, payload);
    expect(res.statusCode, `${user} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res;
  };
  const receivedToday = async (from: string, to: string) => Number((await t.app.db.kysely.selectFrom('incidents').select((eb) => eb.fn.countAll().as('n')).where('received_at', '>=', from).where('received_at', '<', to).executeTakeFirstOrThrow()).n);

  it('counts today on the wall for the centre, makes the day’s briefing once it is over, and publishes it to the member agencies', async () => {
    const before = WallSummary.parse((await ok('lz.dispatcher1', 'GET', '/api/wall')).json());
    const stones = (await ok('lz.dispatcher1', 'POST', '/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lineId: 'xianggui', mileage: 'K499+940' }, description: '石块击打列车车窗' })).json();
    await ok('lz.dispatcher1', 'POST', '/api/incidents', { category: 'fence_damage', channel: 'hotline', location: { lineId: 'xianggui', mileage: 'K501+200' }, description: '护网破损' });
    await ok('lz.dispatcher1', 'POST', '/api/incidents', { category: 'fence_damage', channel: 'patrol', location: { lineId: 'xianggui', mileage: 'K502+100' }, description: '护网被剪开' });

    // the wall: today’s counts moved by three, the new P1 among the open ones, first
    const wall = WallSummary.parse((await ok('lz.dispatcher1', 'GET', '/api/wall')).json());
    expect(wall.counts.received).toBe(before.counts.received + 3);
    expect(wall.counts.byPriority.P1).toBe(before.counts.byPriority.P1 + 1);
    expect(wall.byHour.reduce((a, b) => a + b, 0)).toBe(wall.counts.received);
    expect(wall.p1[0]).toMatchObject({ id: stones.id, code: stones.code, category: '击打列车', place: expect.stringContaining('K499+940') });
    expect(wall.byCategory.find((c) => c.id === 'fence_damage')!.count).toBeGreaterThanOrEqual(2);
    // in English, the categories too
    const en = WallSummary.parse((await t.http.inject({ method: 'GET', url: '/api/wall?lang=en', headers: { authorization: auth.get('lz.dispatcher1')! } })).json());
    expect(en.p1[0]!.category).toBe('Stone throwing at a train');
    // the wall and the briefings' list are the centre's
    expect((await call('yufeng.liaison', 'GET', '/api/wall')).statusCode).toBe(403);
    expect((await call('yufeng.liaison', 'GET', '/api/briefings')).statusCode).toBe(403);

    today = wall.day;
    expect(today).toBe('2026-12-03');
    // refused: not the centre, a bad period, a day not over — and nothing written
    expect((await call('yufeng.liaison', 'POST', '/api/briefings', { kind: 'daily', period: today })).statusCode).toBe(403);
    const bad = await call('lz.dispatcher1', 'POST', '/api/briefings', { kind: 'weekly', period: '2026-12-02' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.period']);
    const early = await call('lz.dispatcher1', 'POST', '/api/briefings', { kind: 'daily', period: today });
    expect([early.statusCode, early.json().error.code]).toEqual([422, 'period_not_over']);
    expect(BriefingList.parse((await ok('lz.dispatcher1', 'GET', '/api/briefings')).json()).briefings).toEqual([]);

    // a minute after Beijing midnight the centre asks for it (signing in again: sessions follow the clock)
    startClockAt(periodOf('daily', today).toMs + 60_000);
    for (const u of USERS) auth.set(u, await t.login(u));
    const b = Briefing.parse((await ok('lz.commander', 'POST', '/api/briefings', { kind: 'daily', period: today })).json());
    expect(b).toMatchObject({ kind: 'daily', period: today, code: `JQTB-D${today.replace(/-/g, '')}`, title: expect.stringContaining('每日警情通报'), generatedBy: expect.any(String) });
    expect(b.figures.totals.received).toBe(await receivedToday(b.from, b.to));
    expect(b.figures.byHour.reduce((a, x) => a + x, 0)).toBe(b.figures.totals.received);
    expect(b.figures.byCategory.find((c) => c.id === 'stone_throwing')).toMatchObject({ name: '击打列车' });
    expect(b.figures.byLine.find((l) => l.id === 'xianggui')!.count).toBeGreaterThanOrEqual(3);
    expect(b.figures.notable.find((x) => x.incidentId === stones.id)).toMatchObject({ code: stones.code, reasons: expect.arrayContaining(['p1']) });
    expect(b.recipients).toBeGreaterThan(3);
    const again = await call('lz.dispatcher1', 'POST', '/api/briefings', { kind: 'daily', period: today });
    expect([again.statusCode, again.json().error.code, again.json().error.details.id]).toEqual([409, 'briefing_exists', b.id]);

    // the files: HTML with the charts inline as SVG, and a PDF
    const html = (await ok('lz.dispatcher1', 'GET', `/api/briefings/${b.id}/export?format=html`)).body;
    expect(html).toContain(b.title);
    expect(html.match(/<svg/g)!.length).toBe(4);
    expect(html).toContain(stones.code);
    const pdf = (await ok('lz.dispatcher1', 'GET', `/api/briefings/${b.id}/export?format=pdf`)).rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);

    // a county bureau reads it as a bulletin, with both files
    const bulletin = Bulletin.parse((await ok('yufeng.liaison', 'GET', `/api/bulletins/${b.bulletinId}`)).json());
    expect(bulletin).toMatchObject({ code: b.bulletinCode, title: b.title, classification: 'internal' });
    expect(bulletin.attachments.map((a) => a.name).sort()).toEqual([`${b.code}.html`, `${b.code}.pdf`]);
    const pdfFile = bulletin.attachments.find((a) => a.name.endsWith('.pdf'))!;
    const got = (await ok('yufeng.liaison', 'GET', `/api/bulletins/${b.bulletinId}/attachments/${pdfFile.id}`)).rawPayload;
    expect(got.equals(pdf)).toBe(true);
    const changes = await t.app.db.kysely.selectFrom('change_log').select(['entity', 'action']).where('entity_id', 'in', [b.id, b.bulletinId]).execute();
    expect(changes.map((c) => `${c.entity}.${c.action}`).sort()).toEqual(['briefing.generate', 'bulletin.publish']);
    expect(BriefingList.parse((await ok('lz.dispatcher1', 'GET', '/api/briefings')).json()).briefings.map((x) => x.id)).toEqual([b.id]);
    // the routes are documented with their contracts
    const doc = (await t.http.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/briefings', '/api/briefings/{id}', '/api/briefings/{id}/export', '/api/wall']));
  });

  it('the schedule makes what is due once, beside what the centre made by hand', async () => {
    const s = t.app.services;
    const scheduled = new BriefingService(t.app.db, s.organisation, s.sharing, t.app.outbox, { ...DEFAULT_SCHEDULE, kinds: ['daily', 'weekly'] }, () => '柳州处');
    // 08:05 Beijing the morning after the day briefed by hand: past the daily and the weekly time;
    // the week before (from Monday 23 November) was over before the schedule first ran (the app
    // started on 3 December), so it is no one's news and is not made
    const at = periodOf('daily', today).toMs + 8 * HOUR + 5 * 60_000;
    expect((await scheduled.sweep(at)).made).toEqual([]);
    // the Monday after: the Sunday before and the week to it are due, each once
    const monday = at + 3 * 24 * HOUR;
    expect((await scheduled.sweep(monday)).made.sort()).toEqual(['JQTB-D20261206', 'JQTB-W20261130']);
    expect((await scheduled.sweep(monday)).made).toEqual([]);
    const rows = await t.app.db.kysely.selectFrom('briefings').select(['kind', 'period', 'generated_by']).orderBy('kind').orderBy('period').execute();
    expect(rows.map((r) => [r.kind, r.generated_by === null])).toEqual([
      ['daily', false],
      ['daily', true],
      ['weekly', true],
    ]);
  });
});
