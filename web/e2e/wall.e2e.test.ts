/**
 * 指挥大屏 and 警情通报 on the demo department, with the platform a minute before Beijing midnight:
 * the centre's commander puts the wall up (1920×1080); a P1 comes in over the API and appears on
 * the wall within seconds, marked new, with today's counts moved. Both clocks then move past
 * midnight together (the server's and Chromium's, so nothing waits a minute), and the commander
 * makes the day's briefing in the governance rooms: its charts are drawn, the P1 is among the
 * notable incidents, the PDF downloads, and a county bureau reads it as a bulletin with both
 * files. The browser logs no error. Needs `npm run build -w web` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Briefing, Bulletin } from '@railjoint/contracts';
import { now, startClockAt } from '../../server/src/platform/clock.js';
import { openConsole, type Console } from './browser.js';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
const DAY = '2026-12-01';
const START = Date.parse(`${DAY}T23:59:00+08:00`);

describe('console: the command wall and the daily briefing', () => {
  let browser: Console;
  beforeAll(async () => {
    browser = await openConsole({ clockStart: START });
  });
  afterAll(async () => browser?.close());

  it('shows a new P1 on the wall within seconds, then makes and publishes the day’s briefing with charts', { timeout: 240_000 }, async () => {
    const { page, server } = browser;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(server.url);
    await browser.signIn('lz.commander');
    await page.goto(`${server.url}/wall`);
    await page.getByTestId('wall').waitFor();
    // no top bar on the wall
    expect(await page.getByTestId('signout').count()).toBe(0);
    await expect.poll(() => page.getByTestId('wall-live').getAttribute('class')).toContain('is-live');
    const received = Number(await page.getByTestId('wall-received').textContent());
    await page.getByTestId('wall-chart-hour').locator('canvas').waitFor();

    const dispatcher = await server.app.login('lz.dispatcher1');
    const res = await server.app.http.inject({ method: 'POST', url: '/api/incidents', headers: { authorization: dispatcher }, payload: { category: 'stone_throwing', channel: 'hotline', location: { lineId: 'xianggui', mileage: 'K499+940' }, description: '石块击打列车车窗' } });
    expect(res.statusCode, res.body).toBe(201);
    const p1 = res.json() as { id: string; code: string; priority: string };
    expect(p1.priority).toBe('P1');
    const posted = Date.now();
    const row = page.locator(`[data-testid="wall-p1-row"][data-code="${p1.code}"]`);
    await row.waitFor({ timeout: 10_000 });
    const seenAfterMs = Date.now() - posted;
    expect(seenAfterMs).toBeLessThan(5_000);
    expect(await row.getAttribute('data-new')).toBe('true');
    expect(await page.getByTestId('wall-p1-row').first().getAttribute('data-code')).toBe(p1.code);
    await expect.poll(() => page.getByTestId('wall-received').textContent()).toBe(String(received + 1));
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'wall.png') });

    // past Beijing midnight the day is over and can be briefed: both clocks move on together
    const ahead = START + 65_000 - now();
    if (ahead > 0) {
      startClockAt(now() + ahead);
      await page.clock.fastForward(ahead);
    }
    expect(((await server.app.http.inject({ method: 'GET', url: '/api/clock' })).json() as { now: string }).now > new Date(START + 60_000).toISOString()).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/briefings`);
    await page.getByTestId('briefings-room').waitFor();
    await page.getByTestId('briefing-new').click();
    // the form offers yesterday, Beijing time
    expect(await page.getByTestId('briefing-period').inputValue()).toBe(DAY);
    await page.getByTestId('briefing-submit').click();
    const detail = page.getByTestId('briefing-detail');
    await detail.waitFor({ timeout: 30_000 });
    expect(await detail.getAttribute('data-code')).toBe(`JQTB-D${DAY.replace(/-/g, '')}`);
    for (const key of ['hour', 'category', 'line', 'agency']) await page.getByTestId(`briefing-chart-${key}`).locator('svg').waitFor();
    expect(await page.getByTestId('briefing-notable').textContent()).toContain(p1.code);
    expect(await page.getByTestId('briefing-row').count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('briefing-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`JQTB-D${DAY.replace(/-/g, '')}.pdf`);
    await page.screenshot({ path: path.join(OUT, 'briefing.png') });

    // published: a county bureau reads it as a bulletin with the HTML and the PDF
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const b = Briefing.parse((await (await page.request.get(`${server.url}/api/briefings/${id}`)).json()) as unknown);
    const county = await server.app.login('yufeng.liaison');
    const got = await server.app.http.inject({ method: 'GET', url: `/api/bulletins/${b.bulletinId}`, headers: { authorization: county } });
    expect(got.statusCode, got.body).toBe(200);
    const bulletin = Bulletin.parse(got.json());
    expect(bulletin.attachments.map((a) => a.name).sort()).toEqual([`${b.code}.html`, `${b.code}.pdf`]);
    // and the commander follows the link to the bulletin
    await page.getByTestId('briefing-bulletin').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/bulletins/${b.bulletinCode}`);
    expect(browser.errors).toEqual([]);
  });
});
