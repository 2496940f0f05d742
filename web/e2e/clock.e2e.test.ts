/**
 * The console on a workstation whose clock is two days off the platform's, both ways: ages come
 * from the platform clock (a new incident is seconds old, not 48 hours or minus 48), and every
 * download (situation report as PDF and HTML, a message's and a bulletin's attachment, the CAP
 * file, the audit CSV) still works, since the sign-in cookie carries a lifetime, not an instant.
 * Needs `npm run build -w web` first.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';
import { now as platformNow } from '../../server/src/platform/clock.js';

const DAY_MS = 86_400_000;
/** the smallest PNG: the server judges attachments by their content */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function downloaded(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  return fs.readFileSync((await download.path())!);
}

describe.each([
  ['ahead of', 2 * DAY_MS],
  ['behind', -2 * DAY_MS],
])('console: the platform clock two days %s the browser', (_, skewMs) => {
  let browser: Console;
  let page: Page;
  beforeAll(async () => {
    const machine = Date.now();
    browser = await openConsole({ clockStart: machine + skewMs, browserClock: machine });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a new incident seconds old and downloads every kind of file', { timeout: 180_000 }, async () => {
    const { app } = browser.server;
    const as = async (user: string) => app.login(user);
    const inject = async (user: string, method: 'GET' | 'POST', url: string, payload?: object | Buffer, headers: Record<string, string> = {}) => {
      const res = await app.http.inject({ method, url, headers: { authorization: await as(user), ...headers }, ...(payload ? { payload } : {}) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };

    await page.goto(browser.server.url);
    await browser.signIn('lz.dispatcher1');
    // the cookie lives as long as the session from the browser's own now, wherever the platform's is
    const cookie = (await browser.context.cookies()).find((c) => c.name === 'rj_session');
    expect(cookie).toBeDefined();
    expect(Math.abs(cookie!.expires - (Date.now() / 1000 + 3600))).toBeLessThan(300);

    // a call taken now is seconds old on the screen
    await page.getByTestId('new-incident').click();
    await page.getByTestId('category-input').pressSequentially('jdlc');
    await page.getByTestId('category-option').first().waitFor();
    await page.getByTestId('category-input').press('Enter');
    await page.getByTestId('line-select').selectOption({ label: '湘桂线' });
    await page.getByTestId('mileage-input').fill('K499+940');
    await page.getByTestId('description-input').fill('旅客报称列车车窗被石块击中');
    const sent = Date.now();
    await page.getByTestId('submit-incident').click();
    const notice = page.getByTestId('created-notice');
    await notice.waitFor({ timeout: 15_000 });
    const code = (await notice.getAttribute('data-code')) ?? '';
    const row = page.locator(`[data-testid="queue-row"][data-code="${code}"]`);
    await row.waitFor({ timeout: 15_000 });
    const age = (await row.getByTestId('age-clock').textContent()) ?? '';
    const elapsedS = Math.ceil((Date.now() - sent) / 1000);
    const m = /^00:00:(\d\d)$/.exec(age);
    expect(m, `age ${age}`).not.toBeNull();
    expect(Number(m![1])).toBeLessThanOrEqual(elapsedS + 1);
    // and it runs (an age from the browser's clock would sit at 00:00:00 with the platform ahead)
    await expect.poll(async () => (await row.getByTestId('age-clock').textContent()) ?? '', { timeout: 10_000 }).not.toBe(age);
    expect(await row.getByTestId('age-clock').textContent()).toMatch(/^00:00:\d\d$/);

    // the situation report, as PDF and as HTML
    await row.click();
    await page.getByTestId('incident-detail').and(page.locator('[data-state="done"]')).waitFor();
    expect(await page.getByTestId('age-clock').first().textContent()).toMatch(/^00:0\d:\d\d$/);
    await page.getByTestId('sitrep-draft').click();
    await page.getByTestId('sitrep-editor').waitFor({ timeout: 15_000 });
    const pdf = await downloaded(page, () => page.getByTestId('sitrep-pdf').click());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const [html] = await Promise.all([browser.context.waitForEvent('page'), page.getByTestId('sitrep-html').click()]);
    await html.waitForLoadState();
    expect(await html.content()).toContain(code);
    await html.close();

    // a message's attachment
    await page.getByTestId('message-text').fill('现场照片');
    await page.getByTestId('message-file').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('message-send').click();
    const photo = page.locator('.message a[download="scene.png"]');
    await photo.waitFor({ timeout: 15_000 });
    expect((await downloaded(page, () => photo.click())).equals(PNG)).toBe(true);

    // a bulletin's attachment and its CAP file, the bulletin opened by its address
    const bulletin = await inject('lz.commander', 'POST', '/api/bulletins', {
      kind: 'bolo',
      title: '布控：灰色双肩包男子',
      body: '男，约 30 岁，黑色外套，灰色双肩包。',
      classification: 'public',
      distribution: { agencies: ['lz-ps-liuzhou'] },
      validUntil: new Date(platformNow() + 7 * DAY_MS).toISOString(),
    });
    await inject('lz.commander', 'POST', `/api/bulletins/${bulletin.id}/attachments`, PNG, { 'content-type': 'image/png', 'x-filename': 'suspect.png' });
    await page.goto(`${browser.server.url}/bulletins/${bulletin.code}`);
    await page.getByTestId('bulletin-detail').waitFor({ timeout: 15_000 });
    const picture = page.locator('.bulletin-attachments a[download="suspect.png"]');
    expect((await downloaded(page, () => picture.click())).equals(PNG)).toBe(true);
    expect((await downloaded(page, () => page.getByTestId('export-cap').click())).toString()).toContain('<alert');

    // the auditor's CSV export
    await browser.signOut();
    await page.getByTestId('signin-username').fill('lz.auditor');
    await page.getByTestId('signin-password').fill(browser.server.demoPassword);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('audit-page').waitFor({ timeout: 15_000 });
    const csv = (await downloaded(page, () => page.getByTestId('audit-export-csv').click())).toString();
    expect(csv.split('\n').length).toBeGreaterThan(2);

    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
