/**
 * /report on a 360×740 phone, without signing in: a member of the public reports a person on the
 * track at a km post with a photo and a phone number, gets a tracking code, the dispatcher handles
 * the incident (a public note, then cleared and closed) and /report/<code> shows it resolved with
 * the note — never the reporter's words or number. Needs `npm run build -w web` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicReport } from '@railjoint/contracts';
import { openConsole, type Console } from './browser.js';
import { jpegWithGps } from '../../server/src/modules/patrols/photos.fixtures.js';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');

describe('console: /report, the public report page', () => {
  let browser: Console;
  beforeAll(async () => {
    browser = await openConsole();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('takes a report without sign-in, answers with a code, and shows the report resolved once handled', { timeout: 180_000 }, async () => {
    const { page, server } = browser;
    await page.setViewportSize({ width: 360, height: 740 });
    const first = await page.goto(`${server.url}/report`);
    expect(first!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByTestId('report-form').waitFor();
    // no sign-in page on the way, and nothing asked of a session
    expect(page.url()).toBe(`${server.url}/report`);

    await page.getByTestId('report-category-person_on_track').click();
    await page.getByTestId('report-where-km').click();
    await page.getByTestId('report-line').selectOption('xianggui');
    await page.getByTestId('report-mileage').fill('K505+200');
    await page.getByTestId('report-description').fill('有两个人沿着铁轨往柳州方向走');
    await page.getByTestId('report-photo').setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: jpegWithGps(6) });
    await page.getByTestId('report-photo-count').waitFor();
    await page.getByTestId('report-phone').fill('170 2222 3333');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'report-360.png') });
    await page.getByTestId('report-submit').click();
    const code = (await page.getByTestId('report-code').textContent())!.trim();
    expect(code.length).toBeGreaterThan(10);
    expect(await page.getByTestId('report-receipt').locator('.notice-error').count()).toBe(0);

    await page.getByTestId('report-follow').click();
    await expect.poll(() => page.getByTestId('report-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('received');

    // the dispatcher handles the incident the report became
    const dispatcher = await server.app.login('lz.dispatcher1');
    const api = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const res = await server.app.http.inject({ method, url, headers: { authorization: dispatcher }, ...(payload ? { payload } : {}) });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const reports = (await api('GET', '/api/public-reports')).reports as PublicReport[];
    const mine = reports.find((r) => r.description === '有两个人沿着铁轨往柳州方向走')!;
    expect(mine).toMatchObject({ category: 'person_on_track', source: 'web', hasContact: true });
    expect(mine.photos).toHaveLength(1);
    await api('POST', `/api/public-reports/${mine.id}/notes`, { text: '民警已到现场，将两人带离线路，感谢您的举报。' });
    for (const [step, body] of [['dispatch', { units: [] }], ['en-route', {}], ['on-scene', {}], ['clear', {}], ['close', { outcomeCode: 'resolved_on_scene', summary: '两人已带离线路' }]] as const) {
      await api('POST', `/api/incidents/${mine.incidentId}/${step}`, body);
    }

    await page.getByTestId('report-refresh').click();
    await expect.poll(() => page.getByTestId('report-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('resolved');
    expect(await page.getByTestId('report-notes').textContent()).toContain('将两人带离线路');
    const shown = (await page.getByTestId('report-status-page').textContent()) ?? '';
    for (const secret of ['沿着铁轨', '2222', 'K505']) expect(shown).not.toContain(secret);

    // a reload of /report/<code> is served the app and shows the same, still without sign-in
    await page.reload();
    await expect.poll(() => page.getByTestId('report-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('resolved');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(browser.errors).toEqual([]);
  });
});
