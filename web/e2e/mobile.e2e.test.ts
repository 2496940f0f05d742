/**
 * /mobile on a 360×740 phone: a station officer's job shows its category, line and mileage,
 * description, the way onto the railway with coordinates and a geo: link to navigate, the ETA and
 * the time since it came on the platform's clock, flagged once overdue; the unit's current status
 * stands out; every control is big enough for a gloved finger and nothing is wider than the screen.
 * Needs `npm run build -w web` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type Console } from './browser.js';
import { now as platformNow, startClockAt } from '../../server/src/platform/clock.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'out');

describe('console: /mobile on a 360-px phone', () => {
  let browser: Console;

  beforeAll(async () => {
    browser = await openConsole();
  });
  afterAll(async () => {
    startClockAt(null);
    await browser?.close();
  });

  it('shows a job with everything a crew needs on the way, in reach of a glove, within 360 px', { timeout: 180_000 }, async () => {
    const { page, server } = browser;
    const dispatcher = await server.app.login('lz.dispatcher1');
    const api = async (url: string, payload: object) => {
      const res = await server.app.http.inject({ method: 'POST', url, headers: { authorization: dispatcher }, payload });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    // damage to the fence on the track itself: the car must go in through an access point
    const inc = await api('/api/incidents', { category: 'fence_damage', channel: 'patrol', location: { lineId: 'xianggui', mileage: 'K505+200' }, description: '护网被剪开约两米缺口，有人进入线路' });
    await api(`/api/incidents/${inc.id}/dispatch`, { units: ['u-ps-liuzhou-car'] });

    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}/mobile`);
    await page.getByTestId('signin-username').fill('ps.liuzhou.officer');
    await page.getByTestId('signin-password').fill(server.demoPassword);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('mobile-page').waitFor();
    const job = page.locator(`[data-testid="mobile-assignment"][data-code="${inc.code}"]`);
    await job.waitFor({ timeout: 15_000 });

    expect(await job.getByTestId('mobile-what').textContent()).toBe('防护栅栏破损 · 湘桂线 K505+200');
    expect(await job.textContent()).toContain('护网被剪开约两米缺口');
    const link = job.getByTestId('mobile-navigate');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^geo:\d+\.\d{6},\d+\.\d{6}\?q=/);
    const [lat, lon] = href.slice(4).split('?')[0]!.split(',').map(Number);
    expect(await job.getByTestId('mobile-coordinates').textContent()).toBe(`${lat!.toFixed(5)}, ${lon!.toFixed(5)}`);
    expect(await job.getByTestId('mobile-nav').textContent()).toMatch(/经「.+」进入线路/);
    expect(await job.getByTestId('mobile-age').textContent()).toMatch(/^00:0\d:\d\d$/);
    expect(await job.getAttribute('data-overdue')).toBe('false');

    // five minutes later on the platform's clock (which the phone learns from the live channel),
    // not acknowledged within its two minutes: flagged
    startClockAt(platformNow() + 5 * 60_000);
    await expect.poll(() => job.getAttribute('data-overdue'), { timeout: 30_000 }).toBe('true');
    expect(await job.getByTestId('mobile-age').textContent()).toMatch(/^00:0[56]:\d\d$/);
    await job.getByTestId('mobile-overdue').waitFor();

    // the status now is highlighted, and moves with the crew's own report
    await page.getByTestId('mobile-unit').selectOption('u-ps-liuzhou-car');
    await page.getByTestId('mobile-status-en_route').click();
    await expect.poll(() => page.getByTestId('mobile-status-en_route').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    expect(await page.getByTestId('mobile-status-on_scene').getAttribute('aria-pressed')).toBe('false');

    // big enough for gloves, and nothing wider than the phone
    const small = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.mobile-page button, .mobile-page select, .mobile-page a.btn, .mobile-page input[type=checkbox]'))
        // a check box is a square of its own size; everything else at least 44 px tall (Apple's and Android's touch minimum)
        .map((e) => ({ text: e.textContent || (e.getAttribute('data-testid') ?? ''), r: e.getBoundingClientRect(), min: e.matches('input[type=checkbox]') ? 24 : 44 }))
        .filter(({ r, min }) => r.width > 0 && (r.height < min || r.right > 360))
        .map(({ text, r }) => `${text} ${Math.round(r.width)}×${Math.round(r.height)} at ${Math.round(r.left)}`),
    );
    expect(small).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'mobile-360.png'), fullPage: true });

    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
