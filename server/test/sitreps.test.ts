import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';

describe.each(ENGINES)('situation reports on %s', (engine) => {
  let t: TestApp;
  let commander: string;
  let incidentId: string;
  let sitrepId: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    commander = await t.login('lz.commander');
  });
  afterAll(async () => t?.close());
  const { get, post, put } = requests(() => t, () => commander);

  it('drafts a report from the incident: level, casualties, units, command and tasks, timeline', async () => {
    const inc = (await post('/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '列车被石块击中，车窗破碎' })).json();
    incidentId = inc.id;
    await post(`/api/incidents/${incidentId}/dispatch`, { units: ['u-ps-liuzhou-car', 'u-yufeng-car'] });
    await post(`/api/incidents/${incidentId}/situation`, { injured: 3, lineBlocked: true });
    await post(`/api/incidents/${incidentId}/command`, {
      members: [
        { agencyId: 'lz-centre', role: 'commander', person: '王建国' },
        { agencyId: 'lz-ps-liuzhou', role: 'commander', person: '李明' },
        { agencyId: 'cb-yufeng', role: 'commander', person: '张强' },
      ],
      objectives: ['救治伤员', '尽快恢复行车'],
    });
    const res = await post(`/api/incidents/${incidentId}/sitreps`, {});
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    sitrepId = r.id;
    expect(r).toMatchObject({ number: 1, status: 'draft', incidentCode: inc.code, scheduled: false });
    const text = r.sections.map((s: { body: string }) => s.body).join('\n');
    expect(text).toContain('响应等级：II 级');
    expect(text).toContain('受伤 3 人');
    expect(text).toContain('中断行车');
    expect(text).toContain('柳州站派出所');
    expect(text).toContain('尽快恢复行车');
    expect(r.title).toContain('第 1 期');
  });

  it('is edited while a draft, released by a commander, then frozen', async () => {
    const current = (await get(`/api/sitreps/${sitrepId}`)).json();
    const sections = current.sections.map((s: { key: string; heading: string; body: string }) => (s.key === 'next' ? { ...s, body: '17:00 前恢复上行线行车；继续排查沿线可疑人员。' } : s));
    expect((await put(`/api/sitreps/${sitrepId}`, { title: current.title, sections: [] })).statusCode).toBe(400);
    const edited = await put(`/api/sitreps/${sitrepId}`, { title: current.title, sections });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await post(`/api/sitreps/${sitrepId}/release`, {}, await t.login('ps.liuzhou.officer'))).statusCode).toBe(403);
    // the centre's dispatchers draft and edit, but releasing is a commander's act
    expect((await post(`/api/sitreps/${sitrepId}/release`, {}, await t.login('lz.dispatcher1'))).statusCode).toBe(403);
    const released = await post(`/api/sitreps/${sitrepId}/release`, {});
    expect(released.json()).toMatchObject({ status: 'released', releasedBy: 'lz.commander' });
    expect((await put(`/api/sitreps/${sitrepId}`, { title: 'x2', sections })).statusCode).toBe(409);
    expect((await get(`/api/incidents/${incidentId}/sitreps`, await t.login('sanjiang.liaison'))).statusCode).toBe(404);
  });

  it('exports as HTML with the map and as a PDF with the Chinese font embedded', async () => {
    const html = await get(`/api/sitreps/${sitrepId}/export?format=html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('<svg');
    expect(html.body).toContain('17:00 前恢复上行线行车');
    expect(html.body).toMatch(/<path d="M[\d.]+ [\d.]+ L/); // railway lines drawn near the place
    expect(html.body).not.toMatch(/<script/i);
    const pdf = await get(`/api/sitreps/${sitrepId}/export?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.rawPayload;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-6).toString()).toMatch(/%%EOF/);
    expect(bytes.toString('latin1')).toMatch(/NotoSansHans/);
    expect(bytes.length).toBeGreaterThan(10_000);
  });

  it('drafts the next reports on a schedule', async () => {
    expect((await put(`/api/incidents/${incidentId}/sitrep-schedule`, { everyMinutes: 5 })).statusCode).toBe(400);
    const s = await put(`/api/incidents/${incidentId}/sitrep-schedule`, { everyMinutes: 30 });
    expect(s.statusCode, s.body).toBe(200);
    const later = new Date(Date.now() + 31 * 60_000).toISOString();
    expect((await t.app.services.sitreps.sweep(later)).drafted).toBe(1);
    expect((await t.app.services.sitreps.sweep(later)).drafted).toBe(0);
    const list = (await get(`/api/incidents/${incidentId}/sitreps`)).json().sitreps;
    expect(list.map((r: { number: number; scheduled: boolean }) => [r.number, r.scheduled])).toEqual([
      [2, true],
      [1, false],
    ]);
  });
});
