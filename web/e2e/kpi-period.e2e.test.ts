/**
 * The alarm figures' period, on the demo department at 02:00 Beijing time: a radar raised three
 * alarms yesterday morning and another two just now. The centre's dispatcher opens the figures
 * (the last 24 hours: both radars), chooses the last 7 days (drawn a day a bar), reloads and
 * keeps it, then asks for last night, 20:00 to 08:00 (the second radar only) and for yesterday
 * morning (the first only) — every card and the period text following, a period still running
 * ending now — and a link with that period opens the same figures. A backwards period is refused
 * in the form and never sent.
 * Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Console } from './browser.js';
import { openDefenceConsole, type DefenceConsole } from './defence-console.js';
import { now } from '../../server/src/platform/clock.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'out');
const NIGHT = Date.parse('2026-12-01T02:00:00+08:00');
const MORNING = { id: 'e2e-kp-morning', name: '柳州站北侧雷达（统计期测试）' };
const TONIGHT = { id: 'e2e-kp-night', name: '柳州站南侧雷达（统计期测试）' };

describe('console: the alarm figures’ period', () => {
  let d: DefenceConsole;
  let browser: Console;
  let page: Page;

  beforeAll(async () => {
    d = await openDefenceConsole(NIGHT);
    ({ browser, page } = d);
  }, 120_000);
  afterAll(async () => {
    await d?.close();
  });

  const app = () => d.app();
  const api: DefenceConsole['api'] = (...a) => d.api(...a);
  const event = (deviceId: string, type: string, atMs: number) => d.event(deviceId, type, { at: new Date(atMs).toISOString(), confidence: 0.6 });
  const periodText = () => page.getByTestId('kpi-period').textContent();
  const topText = () => page.getByTestId('kpi-top').textContent();
  /** waits until the figures shown are the period's, not the previous one's kept while loading */
  const settled = async (text: RegExp) => {
    await expect.poll(periodText, { timeout: 15_000 }).toMatch(text);
    await expect.poll(() => page.locator('.kpi-figures').getAttribute('aria-busy'), { timeout: 15_000 }).toBe('false');
  };
  const chooseCustom = async (from: string, to: string) => {
    await page.getByTestId('kpi-period-custom').click();
    await page.getByTestId('kpi-period-from').fill(from);
    await page.getByTestId('kpi-period-to').fill(to);
    await page.getByTestId('kpi-period-apply').click();
  };

  it('switches every card to the period chosen, keeps it in the address and refuses a backwards one', { timeout: 240_000 }, async () => {
    for (const [d, lon] of [[MORNING, 109.5125], [TONIGHT, 109.514]] as const) {
      await api('POST', '/api/devices', { id: d.id, kind: 'radar', name: d.name, ownerAgencyId: 'sec-liuzhou', location: { lon, lat: 24.367 } });
    }
    // yesterday at 06:00 Beijing time, and now
    const morning = now() - 20 * 3600_000;
    for (const type of ['intrusion', 'person_detected', 'vehicle_detected']) await event(MORNING.id, type, morning);
    for (const type of ['intrusion', 'object_detected']) await event(TONIGHT.id, type, now());
    await app().services.defence.escalator.run();
    await app().outbox.flush();
    const [first] = (await api('GET', `/api/alarms?state=all&deviceId=${MORNING.id}`)).alarms as Array<{ id: string }>;
    await api('POST', `/api/alarms/${first!.id}/false`, { reason: '清晨鸟群飞过雷达视场' });

    await page.goto(browser.server.url);
    await browser.signIn('lz.dispatcher1');
    await page.getByTestId('nav-defence').click();
    await page.getByTestId('defence-tab-kpi').click();
    await page.getByTestId('kpi-page').waitFor();

    // the last 24 hours by default: both radars, an hour a bar, and a clean address
    expect(await page.getByTestId('kpi-period-24h').getAttribute('aria-pressed')).toBe('true');
    await settled(/^2026\/11\/30 02:0\d:\d\d 至 2026\/12\/01 02:0\d:\d\d（北京时间）$/);
    await expect.poll(topText, { timeout: 15_000 }).toContain(TONIGHT.name);
    expect(await topText()).toContain(MORNING.name);
    expect(await page.getByTestId('kpi-rate-chart').first().getAttribute('data-per')).toBeNull();
    expect(await page.getByTestId('kpi-false-period').textContent()).toContain('2026/11/30 02:0');
    expect(await page.locator(`[data-testid="kpi-false-row"][data-device="${MORNING.id}"]`).count()).toBe(1);
    expect(await page.getByTestId('kpi-false-short').count()).toBe(1);
    expect(new URL(page.url()).search).toBe('');

    // the last 7 days: a day a bar, the false-alarm card and availability over the same week
    const asked: URL[] = [];
    page.on('request', (r) => asked.push(new URL(r.url())));
    await page.getByTestId('kpi-period-7d').click();
    await settled(/^2026\/11\/24 02:0\d:\d\d 至 2026\/12\/01 02:0\d:\d\d/);
    expect(new URL(page.url()).searchParams.get('period')).toBe('7d');
    expect(await page.getByTestId('kpi-period-7d').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('kpi-rate-chart').first().getAttribute('data-per')).toBe('day');
    expect(await page.getByTestId('kpi-rate-chart').first().getByTestId('kpi-rate-day').count()).toBe(8);
    await expect.poll(() => page.getByTestId('kpi-false-period').textContent(), { timeout: 15_000 }).toContain('2026/11/24 02:0');
    // the notice follows the figures' own answer, which may come after the false-alarm card's
    await expect.poll(() => page.getByTestId('kpi-false-short').count(), { timeout: 15_000 }).toBe(0);
    fs.mkdirSync(OUT, { recursive: true });
    await page.getByTestId('kpi-page').screenshot({ path: path.join(OUT, 'kpi-period-week.png') });
    // every card's answer was asked for the same week, on the platform's clock
    for (const endpoint of ['/api/alarm-kpis', '/api/device-false-alarms', '/api/device-availability']) {
      const q = asked.find((u) => u.pathname === endpoint)?.searchParams;
      expect(q?.get('from'), endpoint).toMatch(/^2026-11-23T18:0\d:/);
      expect(q?.get('to'), endpoint).toMatch(/^2026-11-30T18:0\d:/);
    }

    // a reload keeps the week
    await page.reload();
    await settled(/^2026\/11\/24 02:\d\d:\d\d 至 2026\/12\/01 02:\d\d:\d\d/);
    expect(await page.getByTestId('kpi-period-7d').getAttribute('aria-pressed')).toBe('true');

    // last night, 20:00 to 08:00, asked at 02:00 (so up to now): only the radar that went off at 02:00
    await chooseCustom('2026-11-30T20:00', '2026-12-01T08:00');
    await settled(/^2026\/11\/30 20:00:00 至 2026\/12\/01 02:0\d:\d\d（北京时间）$/);
    expect(new URL(page.url()).searchParams.get('from')).toBe('2026-11-30T20:00');
    expect(new URL(page.url()).searchParams.get('to')).toBe('2026-12-01T08:00');
    await expect.poll(topText, { timeout: 15_000 }).toContain(TONIGHT.name);
    expect(await topText()).not.toContain(MORNING.name);
    expect(await page.getByTestId('kpi-rate-chart').first().getAttribute('data-per')).toBeNull();
    await expect.poll(() => page.getByTestId('kpi-false-period').textContent(), { timeout: 15_000 }).toMatch(/2026\/11\/30 20:00:00 至 2026\/12\/01 02:0\d:\d\d/);
    expect(await page.locator(`[data-testid="kpi-false-row"][data-device="${MORNING.id}"]`).count()).toBe(0);
    await page.screenshot({ path: path.join(OUT, 'kpi-period-night.png'), fullPage: true });

    // yesterday morning: only the first radar, its false alarm among the devices most often wrong
    await chooseCustom('2026-11-30T00:00', '2026-11-30T12:00');
    await settled(/^2026\/11\/30 00:00:00 至 2026\/11\/30 12:00:00/);
    await expect.poll(topText, { timeout: 15_000 }).toContain(MORNING.name);
    expect(await topText()).not.toContain(TONIGHT.name);
    const wrong = page.locator(`[data-testid="kpi-false-row"][data-device="${MORNING.id}"]`);
    await wrong.waitFor({ timeout: 15_000 });
    expect(await wrong.getAttribute('data-rate')).toBe('0.3333');

    // a backwards period is refused in the form: nothing sent, the address and figures unchanged
    const before = page.url();
    await chooseCustom('2026-11-30T12:00', '2026-11-30T08:00');
    expect(await page.getByTestId('kpi-period-problem').textContent()).toBe('结束时间须晚于开始时间。');
    expect(page.url()).toBe(before);
    expect(await periodText()).toMatch(/^2026\/11\/30 00:00:00 至 2026\/11\/30 12:00:00/);

    // the link, opened afresh, shows that period
    await page.goto(`${browser.server.url}/defence/kpi?from=2026-11-30T20:00&to=2026-12-01T08:00`);
    await settled(/^2026\/11\/30 20:00:00 至 2026\/12\/01 02:0\d:\d\d/);
    expect(await page.getByTestId('kpi-period-form').isVisible()).toBe(true);
    expect(await page.getByTestId('kpi-period-from').inputValue()).toBe('2026-11-30T20:00');
    await expect.poll(topText, { timeout: 15_000 }).toContain(TONIGHT.name);
    expect(await topText()).not.toContain(MORNING.name);

    // and a preset leaves the custom period, the address back to its default
    await page.getByTestId('kpi-period-24h').click();
    await settled(/^2026\/11\/30 02:\d\d:\d\d 至 2026\/12\/01 02:\d\d:\d\d/);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByTestId('kpi-period-form').count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });
});
