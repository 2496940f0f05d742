/**
 * Technical defence (技防) in the console, on the demo department at night (the platform clock at
 * 02:00 Beijing time, server and browser alike): device events fed through the ingest service as
 * MQTT would deliver them; then, as the centre's dispatcher sees it — a fibre sensor firing along
 * 300 m becomes one alarm group with its extent in mileage and one P1 incident, whose page shows
 * the two cameras covering it; a burst inside a maintenance window declared from the calendar's
 * form is marked as authorised work and raises nothing; a chattering fence is flagged; a call
 * post that stopped beating is offline on the health board; an alarm is acknowledged and shelved
 * from the list; the figures page draws its charts; the map's device and window layers switch;
 * and no page of the room is wider than a 1366 px window. Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LonLat } from '@railjoint/contracts';
import type { Console } from './browser.js';
import { openDefenceConsole, type DefenceConsole } from './defence-console.js';
import { now } from '../../server/src/platform/clock.js';
import { offsetPoint } from '../../server/src/modules/network/geo.js';
import { bearingDeg } from '../../server/src/modules/devices/fov.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'out');
const NIGHT = Date.parse('2026-12-01T02:00:00+08:00');
const LINE = 'hengliu-hsr';

/** Controls and cells wider than their box, and a page wider than the window (as overflow.e2e.test.ts checks). */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`);
    for (const e of Array.from(document.querySelectorAll<HTMLElement>('input, select, button, .btn, nav a, td, th, svg'))) {
      if (e.closest('.maplibregl-map') || (e instanceof HTMLElement && e.offsetParent === null)) continue;
      const r = e.getBoundingClientRect();
      const parent = e.parentElement;
      if (!parent || r.width === 0) continue;
      const p = parent.getBoundingClientRect();
      const ps = getComputedStyle(parent);
      const scrolls = ps.overflowX === 'auto' || ps.overflowX === 'scroll';
      const label = `${e.tagName.toLowerCase()}[${e.getAttribute('data-testid') ?? ''}] “${(e.textContent ?? '').trim().slice(0, 20)}”`;
      if (!scrolls && ps.display !== 'contents' && (r.right > p.right + 1 || r.left < p.left - 1)) out.push(`${label} is ${Math.round(r.width)} px wide, out of its ${Math.round(p.width)} px container`);
    }
    return [...new Set(out)];
  });
}

describe('console: technical defence', () => {
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
  const defence = () => app().services.defence;
  const position = async (mileage: string): Promise<LonLat> => (await api('GET', `/api/network/position?lineId=${LINE}&mileage=${encodeURIComponent(mileage)}`)).candidates[0].coordinates;
  const publish: DefenceConsole['publish'] = (...a) => d.publish(...a);
  const event: DefenceConsole['event'] = (...a) => d.event(...a);
  const settle = () => d.settle();
  const openTab: DefenceConsole['openTab'] = (tab) => d.openTab(tab);
  const group = (from: string) => page.locator(`[data-testid="alarm-group"][data-from="${from}"]`);
  const row = (deviceId: string) => page.locator(`[data-testid="alarm-row"][data-device="${deviceId}"]`);

  it('shows the alarm operator alarm groups, incidents with their cameras, authorised work, chattering, offline devices and the figures', { timeout: 300_000 }, async () => {
    // the fibre sensor along K500+000–K502+000 and two cameras watching K500+550 from either side
    await api('POST', '/api/devices', { id: 'e2e-fs', kind: 'fibre_sensor', name: '衡柳 K500 光纤振动（测试）', ownerAgencyId: 'tm-guilin-hsr', location: { lineId: LINE, from: 'K500+000', to: 'K502+000', side: 'left' } });
    const target = await position('K500+550');
    for (const [id, east] of [['e2e-cam-a', 150], ['e2e-cam-b', -150]] as const) {
      const at = offsetPoint(target, east, 10);
      await api('POST', '/api/devices', { id, kind: 'camera', name: `K500+550 摄像机 ${id.slice(-1).toUpperCase()}`, ownerAgencyId: 'lz-ps-liuzhou', location: { lon: at[0], lat: at[1] }, fieldOfView: { bearingDeg: bearingDeg(at, target), angleDeg: 90, rangeM: 400 }, snapshotUrl: `https://nvr.example/${id}.jpg`, streamUrl: `rtsp://nvr.example/${id}` });
    }

    await page.goto(browser.server.url);
    await browser.signIn('lz.dispatcher1');
    await page.getByTestId('nav-defence').click();
    await page.locator('[data-testid="defence-room"][data-tab="alarms"]').waitFor();
    expect(page.url()).toMatch(/\/defence\/alarms$/);

    // an intruder walking 300 m along the fence at night: one group, its extent, one P1 incident
    for (let m = 400; m <= 700; m += 50) await event('e2e-fs', 'intrusion', { positionM: m, confidence: 0.8 });
    await settle();
    const p1 = group('K500+400');
    await p1.locator('[data-testid="alarm-group-incident"]').waitFor({ timeout: 20_000 });
    // the incident may show before the last activations have reached the console: the group's extent follows by the live channel
    await expect.poll(() => p1.getAttribute('data-to'), { timeout: 20_000 }).toBe('K500+700');
    expect(Number(await p1.getAttribute('data-extent'))).toBeGreaterThanOrEqual(300);
    expect(await p1.getAttribute('data-decision')).toBe('incident');
    expect(await p1.getByTestId('alarm-group-extent').textContent()).toMatch(/K500\+400–K500\+700/);
    expect(await page.locator('[data-testid="alarm-group"]').count()).toBe(1);
    const sensorRow = row('e2e-fs');
    expect(await sensorRow.count()).toBe(1);
    expect(await sensorRow.textContent()).toContain('衡柳 K500 光纤振动（测试）');
    expect(await sensorRow.textContent()).toContain('7 次');
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'technical-defence-alarms.png'), fullPage: true });

    // the incident page: P1, and the two cameras whose field of view covers it, with their links
    await p1.getByTestId('alarm-group-incident').click();
    await page.locator('[data-testid="incident-detail"][data-state="done"]').waitFor();
    expect(await page.getByTestId('priority-badge').first().getAttribute('data-priority')).toBe('P1');
    const cameras = page.getByTestId('incident-camera');
    await expect.poll(() => cameras.count(), { timeout: 15_000 }).toBe(2);
    expect((await cameras.evaluateAll((els) => els.map((e) => e.getAttribute('data-device')))).sort()).toEqual(['e2e-cam-a', 'e2e-cam-b']);
    const camerasText = (await page.getByTestId('incident-cameras').textContent()) ?? '';
    expect(camerasText).toContain('K500+550 摄像机 A');
    expect(camerasText).not.toContain('e2e-cam');
    expect(await page.getByTestId('camera-live').first().getAttribute('href')).toMatch(/^rtsp:\/\/nvr\.example\//);
    expect(await page.getByTestId('camera-snapshot').first().getAttribute('href')).toMatch(/^https:\/\/nvr\.example\/.*\.jpg$/);
    await page.getByTestId('incident-cameras').screenshot({ path: path.join(OUT, 'technical-defence-cameras.png') });

    // the operator acknowledges the alarm and shelves it for half an hour with a reason
    await page.goto(`${browser.server.url}/defence/alarms`);
    await sensorRow.waitFor();
    await sensorRow.getByTestId('alarm-acknowledge').click();
    await expect.poll(() => sensorRow.getAttribute('data-acknowledged')).toBe('true');
    await sensorRow.getByTestId('alarm-shelve').click();
    await sensorRow.getByTestId('alarm-reason').fill('已派警到场处置，暂不重复提示');
    await sensorRow.getByTestId('alarm-minutes').fill('30');
    await sensorRow.getByTestId('alarm-action-submit').click();
    // a shelved alarm leaves the active list, and is shown shelved among all of them
    await expect.poll(() => sensorRow.count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId('alarm-state').selectOption('all');
    await expect.poll(() => sensorRow.getAttribute('data-shelved'), { timeout: 10_000 }).toBe('true');
    const shelved = (await api('GET', '/api/alarms?state=all&deviceId=e2e-fs')).alarms[0];
    expect(shelved).toMatchObject({ acknowledged: true, shelveReason: '已派警到场处置，暂不重复提示' });
    expect(Date.parse(shelved.shelvedUntil) - now()).toBeGreaterThan(25 * 60_000);
    // and takes it off the shelf again
    await sensorRow.getByTestId('alarm-unshelve').click();
    await expect.poll(() => sensorRow.getAttribute('data-shelved'), { timeout: 10_000 }).toBe('false');
    await event('e2e-fs', 'intrusion', { positionM: 700, clear: true });
    await settle();
    await page.getByTestId('alarm-state').selectOption('active');

    // a maintenance window declared from the calendar's form: a burst inside it is authorised work
    await openTab('windows');
    await page.getByTestId('window-line').selectOption(LINE);
    await page.getByTestId('window-from').fill('K501+000');
    await page.getByTestId('window-to').fill('K501+800');
    await page.getByTestId('window-start').fill('2026-12-01T01:30');
    await page.getByTestId('window-end').fill('2026-12-01T05:00');
    await page.getByTestId('window-agency').selectOption('tm-guilin-hsr');
    await page.getByTestId('window-crew').fill('桂林高铁工务段 线路作业三组');
    await page.getByTestId('window-submit').click();
    await page.getByTestId('window-declared').waitFor();
    const item = page.getByTestId('window-item').filter({ hasText: '线路作业三组' });
    await item.waitFor();
    expect(await item.textContent()).toContain('K501+000–K501+800');
    expect(await item.getAttribute('data-status')).toBe('open');
    await page.screenshot({ path: path.join(OUT, 'technical-defence-windows.png'), fullPage: true });

    await openTab('alarms');
    for (let m = 1100; m <= 1400; m += 50) await event('e2e-fs', 'intrusion', { positionM: m });
    await settle();
    const work = group('K501+100');
    await work.waitFor({ timeout: 20_000 });
    expect(await work.getAttribute('data-decision')).toBe('none');
    const note = work.locator('[data-testid="group-note"][data-kind="maintenance_window"]');
    expect(await note.textContent()).toContain('天窗内授权作业');
    expect(await note.textContent()).toContain('线路作业三组');
    expect(await work.getByTestId('alarm-group-incident').count()).toBe(0);
    await settle();
    expect((await api('GET', '/api/alarms?state=active')).groups.find((g: { fromMileage: string }) => g.fromMileage === 'K501+100').incidentId).toBeNull();

    // a fence that chatters: flagged, and suppressed (shown on request)
    await api('POST', '/api/devices', { id: 'e2e-fence', kind: 'fence_sensor', name: '湘桂 K510 电子围栏（测试）', ownerAgencyId: 'sec-liuzhou', location: { lineId: 'xianggui', from: 'K510+000', to: 'K510+500' } });
    for (let i = 0; i < 3; i++) {
      await event('e2e-fence', 'climb', { positionM: 100 });
      await event('e2e-fence', 'climb', { positionM: 100, clear: true });
    }
    await settle();
    await page.getByTestId('alarm-state').selectOption('all');
    await page.getByTestId('alarm-suppressed').check();
    const fence = row('e2e-fence');
    await fence.getByTestId('alarm-chattering').waitFor({ timeout: 20_000 });
    expect(await fence.getAttribute('data-chattering')).toBe('true');
    expect(await fence.textContent()).toContain('湘桂 K510 电子围栏（测试）');

    // a flood: more than ten alarms in ten minutes at this console switches the list to groups
    // (suppressed ones do not count: eight more conditions of the sensor, inside the window's stretch)
    expect(await page.getByTestId('alarms-panel').getAttribute('data-mode')).toBe('list');
    for (const type of ['fence_cut', 'climb', 'vibration', 'tamper', 'fault', 'beam_break', 'cable_cut', 'door_open']) await event('e2e-fs', type, { positionM: 1200 });
    await settle();
    await page.locator('[data-testid="alarms-panel"][data-mode="grouped"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('alarm-flood').textContent()).toContain('报警泛滥');
    // in groups, each with its extent and its members
    expect(await work.locator('[data-testid="alarm-row"][data-device="e2e-fs"]').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: path.join(OUT, 'technical-defence-flood.png'), fullPage: true });

    // a call post that stops beating: offline within three intervals, on the health board by name
    await api('POST', '/api/devices', { id: 'e2e-post', kind: 'emergency_call_post', name: '衡柳 K505 应急求助柱（测试）', ownerAgencyId: 'tm-guilin-hsr', location: { lineId: LINE, from: 'K505+000', to: 'K505+000' } });
    await publish('e2e-post', 'heartbeat', { at: new Date(now()).toISOString() });
    const seen = Date.parse((await api('GET', '/api/devices/e2e-post')).health.lastSeenAt);
    await openTab('devices');
    const post = page.locator('[data-testid="health-row"][data-device="e2e-post"]');
    await expect.poll(() => post.getAttribute('data-status'), { timeout: 15_000 }).toBe('online');
    await defence().health.sweep((x: string) => defence().devices.view(x), seen + 181_000);
    await app().outbox.flush();
    await expect.poll(() => post.getAttribute('data-status'), { timeout: 15_000 }).toBe('offline');
    const postText = (await post.textContent()) ?? '';
    expect(postText).toContain('衡柳 K505 应急求助柱（测试）');
    expect(postText).toContain('离线');
    expect(postText).toContain('连续三次未收到心跳');
    expect(postText).toContain('K505+000');
    expect(postText).toContain('桂林');
    await page.getByTestId('health-filter').selectOption('offline');
    expect(await page.getByTestId('health-row').evaluateAll((rows) => rows.every((r) => r.getAttribute('data-status') === 'offline'))).toBe(true);
    expect(await page.getByTestId('availability-row').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(OUT, 'technical-defence-health.png'), fullPage: true });

    // the ISA-18.2 figures: the rate against the 6 and 12 an hour lines, the top ten, chattering
    await openTab('kpi');
    await page.getByTestId('kpi-page').waitFor();
    await page.getByTestId('kpi-rate-chart').first().waitFor();
    expect(await page.getByTestId('kpi-target-acceptable').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('kpi-target-manageable').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('kpi-top').textContent()).toContain('衡柳 K500 光纤振动（测试）');
    expect(Number(await page.getByTestId('kpi-chattering').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('kpi-chattering').textContent()).toContain('湘桂 K510 电子围栏（测试）');
    await page.screenshot({ path: path.join(OUT, 'technical-defence-kpi.png'), fullPage: true });

    // every part of the room fits a 1366 px window, in Chinese and in English
    await page.setViewportSize({ width: 1366, height: 768 });
    const problems: string[] = [];
    for (const lang of ['zh-CN', 'en'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      for (const tab of ['alarms', 'devices', 'windows', 'kpi'] as const) {
        await openTab(tab);
        await page.waitForLoadState('networkidle').catch(() => undefined);
        for (const p of await overflowing(page)) problems.push(`${lang} ${tab}: ${p}`);
      }
    }
    await page.screenshot({ path: path.join(OUT, 'technical-defence-kpi-en-1366.png') });
    await page.getByTestId('lang-zh-CN').click();
    expect(problems).toEqual([]);
    await page.setViewportSize({ width: 1440, height: 900 });

    expect(browser.errors).toEqual([]);
  });

  it('draws devices and maintenance windows on the map, each switched by its layer toggle', { timeout: 120_000 }, async () => {
    await page.goto(`${browser.server.url}/map`);
    await page.getByTestId('map').waitFor();
    type WithMap = { __railjointMap: { getLayer(id: string): unknown; getLayoutProperty(id: string, p: string): unknown; isStyleLoaded(): boolean; getStyle(): { sources: Record<string, { data?: { features?: Array<{ properties: Record<string, unknown> }> } }> } } };
    const features = (source: string) => page.evaluate((s) => ((window as unknown as WithMap).__railjointMap.getStyle().sources[s]?.data?.features ?? []).map((f) => f.properties), source);
    await expect.poll(async () => (await features('defence-devices')).some((p) => p.id === 'e2e-post' && p.status === 'offline'), { timeout: 20_000 }).toBe(true);
    await expect.poll(async () => (await features('defence-windows')).some((p) => p.crew === '桂林高铁工务段 线路作业三组'), { timeout: 20_000 }).toBe(true);
    const visibility = (layer: string) => page.evaluate((l) => (window as unknown as WithMap).__railjointMap.getLayoutProperty(l, 'visibility') ?? 'visible', layer);
    await page.getByTestId('map-layers-open').click();
    await page.getByTestId('layer-devices').uncheck();
    await expect.poll(() => visibility('defence-points')).toBe('none');
    expect(await visibility('defence-windows')).toBe('visible');
    await page.getByTestId('layer-windows').uncheck();
    await expect.poll(() => visibility('defence-windows')).toBe('none');
    await page.getByTestId('layer-devices').check();
    await page.getByTestId('layer-windows').check();
    await expect.poll(() => visibility('defence-points')).toBe('visible');
    await page.screenshot({ path: path.join(OUT, 'technical-defence-map.png') });

    // the window is called off from the calendar, with a reason, and leaves the map
    await page.goto(`${browser.server.url}/defence/windows`);
    const item = page.getByTestId('window-item').filter({ hasText: '线路作业三组' });
    await item.getByTestId('window-cancel').click();
    await item.getByTestId('window-cancel-reason').fill('天气原因，作业取消');
    await item.getByTestId('window-cancel-submit').click();
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 10_000 }).toBe('cancelled');
    expect(browser.errors).toEqual([]);
  });
});
