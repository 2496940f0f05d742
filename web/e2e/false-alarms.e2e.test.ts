/**
 * False-alarm rates in the console, on the demo department at night: a radar raises four alarms
 * and the centre's operator marks one false from the alarm list, with a reason; the device board
 * then shows the radar's rate with its counts, the radar's own detail (opened from its name, and
 * from its address) its rate, its days and the mark with who and why; a second mark moves the
 * rate everywhere, and ordering the board by rate puts the radar first; and the figures page lists it among the devices most often wrong, with the
 * period. Needs `npm run build -w web`.
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
const RADAR = 'e2e-fa-radar';
const NAME = '柳州站东侧周界雷达（测试）';

describe('console: false-alarm rates', () => {
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
  const event = (type: string) => d.event(RADAR, type, { confidence: 0.6 });
  const openTab: DefenceConsole['openTab'] = (tab) => d.openTab(tab);
  const markFalse = async (alarmId: string, reason: string) => {
    const row = page.locator(`[data-testid="alarm-row"][data-alarm="${alarmId}"]`);
    await row.getByTestId('alarm-false').click();
    await row.getByTestId('alarm-reason').fill(reason);
    await row.getByTestId('alarm-action-submit').click();
  };

  it('shows a device’s false-alarm rate on the board, in its detail and among the figures', { timeout: 240_000 }, async () => {
    await api('POST', '/api/devices', { id: RADAR, kind: 'radar', name: NAME, ownerAgencyId: 'sec-liuzhou', location: { lon: 109.5125, lat: 24.367 } });
    await api('POST', '/api/devices', { id: 'e2e-fa-post', kind: 'emergency_call_post', name: '柳州站应急求助柱（测试）', ownerAgencyId: 'sec-liuzhou', location: { lon: 109.5131, lat: 24.3672 } });
    for (const type of ['intrusion', 'person_detected', 'vehicle_detected', 'object_detected']) await event(type);
    await app().services.defence.escalator.run();
    await app().outbox.flush();
    const alarms = (await api('GET', `/api/alarms?state=all&deviceId=${RADAR}`)).alarms as Array<{ id: string; condition: string }>;
    expect(alarms).toHaveLength(4);
    const [first, second] = [alarms.find((a) => a.condition === 'person_detected')!, alarms.find((a) => a.condition === 'vehicle_detected')!];

    await page.goto(browser.server.url);
    await browser.signIn('lz.dispatcher1');
    await page.getByTestId('nav-defence').click();
    await page.locator('[data-testid="defence-room"][data-tab="alarms"]').waitFor();

    // before any mark the radar is at 0 %, of four
    await openTab('devices');
    const cell = page.locator(`[data-testid="health-row"][data-device="${RADAR}"] [data-testid="health-false"]`);
    await expect.poll(() => cell.getAttribute('data-rate'), { timeout: 15_000 }).toBe('0');
    expect(await cell.textContent()).toBe('0%（0/4）');
    expect(await page.getByTestId('false-period').textContent()).toMatch(/^误报率统计期：2026\/11\/01 02:00:\d\d 至 2026\/12\/01 02:00:\d\d（北京时间）$/);
    // a device that raised nothing has no rate
    const quiet = page.locator('[data-testid="health-row"][data-device="e2e-fa-post"] [data-testid="health-false"]');
    expect(await quiet.textContent()).toBe('—');

    // the operator marks one false from the alarm list
    await openTab('alarms');
    await page.getByTestId('alarm-state').selectOption('all');
    await markFalse(first.id, '夜间野猫经过雷达探测区');
    await expect.poll(async () => (await api('GET', `/api/devices/${RADAR}/false-alarms`)).falseAlarms, { timeout: 10_000 }).toBe(1);

    // the board follows, and the radar's detail gives the rate, its days and the mark with why
    await openTab('devices');
    await expect.poll(() => cell.textContent(), { timeout: 15_000 }).toBe('25%（1/4）');
    await page.locator(`[data-testid="health-row"][data-device="${RADAR}"] [data-testid="health-open"]`).click();
    const detail = page.locator(`[data-testid="device-detail"][data-device="${RADAR}"]`);
    await detail.waitFor();
    expect(page.url()).toContain(`/defence/devices?device=${RADAR}`);
    const summary = detail.getByTestId('device-false-summary');
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toBe('报警 4 条，其中误报 1 条，误报率 25%');
    const today = detail.locator('[data-testid="device-false-day"][data-day="2026-12-01"]');
    expect(await today.getAttribute('data-alarms')).toBe('4');
    expect(await today.getAttribute('data-false')).toBe('1');
    expect(await detail.getByTestId('device-false-day').count()).toBe(31);
    const marks = detail.getByTestId('device-false-mark');
    expect(await marks.count()).toBe(1);
    expect(await marks.first().textContent()).toContain('夜间野猫经过雷达探测区');
    expect(await marks.first().textContent()).toContain('发现人员');
    // who marked it, by name rather than sign-in name
    expect(await marks.first().textContent()).toContain('接警调度员一');
    expect(await detail.textContent()).not.toContain('lz.dispatcher1');
    expect(await detail.textContent()).not.toMatch(/person_detected|radar|sec-liuzhou/);
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'false-alarms-device.png'), fullPage: true });

    // a second mark, made elsewhere, reaches the open detail and the board by the live channel
    await api('POST', `/api/alarms/${second.id}/false`, { reason: '车辆在站前广场掉头' });
    await app().outbox.flush();
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toBe('报警 4 条，其中误报 2 条，误报率 50%');
    await expect.poll(() => cell.textContent(), { timeout: 15_000 }).toBe('50%（2/4）');
    expect(await marks.count()).toBe(2);
    expect(await marks.first().textContent()).toContain('车辆在站前广场掉头');
    await detail.getByTestId('device-detail-close').click();
    await expect.poll(() => detail.count()).toBe(0);
    // ordered by false-alarm rate, the radar leads a board of the demo's hundreds of quiet devices
    await page.getByTestId('health-order').selectOption('false');
    expect(await page.getByTestId('health-row').first().getAttribute('data-device')).toBe(RADAR);

    // the figures page: the radar among the devices most often wrong, with counts, rate and period
    await openTab('kpi');
    const top = page.locator(`[data-testid="kpi-false-row"][data-device="${RADAR}"]`);
    await top.waitFor({ timeout: 15_000 });
    expect(await top.getAttribute('data-rate')).toBe('0.5');
    const cells = await top.locator('td').allTextContents();
    expect(cells).toEqual([NAME, '雷达', expect.stringContaining('保安'), '4', '2', '50%']);
    expect(await page.getByTestId('kpi-false-period').textContent()).toContain('至 2026/12/01');
    expect(await page.getByTestId('kpi-false-chart-row').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('kpi-false-chart').textContent()).toContain('50%');
    await page.getByTestId('kpi-false-top').screenshot({ path: path.join(OUT, 'false-alarms-kpi.png') });

    // the device's name there opens its detail on the board
    await top.getByRole('link', { name: NAME }).click();
    await page.locator(`[data-testid="device-detail"][data-device="${RADAR}"]`).waitFor();
    expect(page.url()).toContain(`/defence/devices?device=${RADAR}`);
    expect(browser.errors).toEqual([]);
  });
});
