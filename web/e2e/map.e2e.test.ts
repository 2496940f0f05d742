/**
 * The map on the demo department: kilometre posts (every tenth zoomed out, every one zoomed in,
 * named K500) with line and station names; a layer switched off and still off after a reload; a
 * unit's marker moving when its position is reported; the trains near an incident on the incident
 * page and the map, and a stop request answered by the station's officer through its task. The
 * platform clock runs from a weekday morning, when the demo timetable has trains running. Needs
 * `npm run build -w web` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'out');
const MORNING = Date.parse('2026-12-01T09:00:00+08:00');

type LonLat = [number, number];
interface MapHandle {
  jumpTo(o: { center: LonLat; zoom: number }): void;
  getZoom(): number;
  isMoving(): boolean;
  loaded(): boolean;
  getLayoutProperty(layer: string, name: string): unknown;
  queryRenderedFeatures(o: { layers: string[] }): Array<{ properties: { label: string; tenth: boolean } }>;
}
/** the console's live map (MapView puts it on window for tests) */
type WithMap = { __railjointMap: MapHandle };

describe('console: the map', () => {
  let browser: Console;
  let page: Page;
  let dispatcher: string;
  beforeAll(async () => {
    browser = await openConsole({ clockStart: MORNING });
    page = browser.page;
    await page.setViewportSize({ width: 1600, height: 1000 });
    dispatcher = await browser.server.app.login('lz.dispatcher1');
  });
  afterAll(async () => {
    await browser?.close();
  });

  const api = async (method: 'GET' | 'POST', url: string, payload?: object, as = dispatcher) => {
    const res = await browser.server.app.http.inject({ method, url, headers: { authorization: as }, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const mapReady = () => page.getByTestId('map').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 30_000 });
  /** moves the map and waits until it has stopped and drawn */
  const view = async (center: LonLat, zoom: number) => {
    await page.evaluate(([c, z]) => (window as unknown as WithMap).__railjointMap.jumpTo({ center: c as LonLat, zoom: z as number }), [center, zoom] as const);
    await page.waitForFunction(() => {
      const m = (window as unknown as WithMap).__railjointMap;
      return !m.isMoving() && m.loaded();
    });
  };
  const kmLabels = () => page.getByTestId('km-label').evaluateAll((els) => els.map((e) => ({ km: Number(e.getAttribute('data-km')), text: e.textContent, shown: !e.classList.contains('is-cluttered') })));
  const ticks = () => page.evaluate(() => (window as unknown as WithMap).__railjointMap.queryRenderedFeatures({ layers: ['km-ticks'] }).map((f) => f.properties));

  it('draws kilometre posts, every tenth zoomed out and every one zoomed in, with line and station names', { timeout: 120_000 }, async () => {
    await page.goto(browser.server.url);
    await browser.signIn('lz.dispatcher1');
    await page.getByTestId('nav-map').click();
    await mapReady();
    const network = await api('GET', '/api/network?kind=line');
    const xianggui = network.features.find((f: { properties: { id: string } }) => f.properties.id === 'xianggui');
    const post = (mileage: string): LonLat => xianggui.properties.kmPosts.find((p: { mileage: string }) => p.mileage === mileage).coordinates;

    // zoomed out over the department: only every tenth post, named K500, K510…
    await view(post('K500+000'), 9);
    expect(await page.getByTestId('map').getAttribute('data-km-spacing')).toBe('10');
    await expect.poll(async () => (await kmLabels()).length, { timeout: 10_000 }).toBeGreaterThan(3);
    const far = await kmLabels();
    expect(far.every((l) => l.km % 10 === 0 && l.text === `${/^D?K/.exec(l.text ?? '')?.[0]}${l.km}`), JSON.stringify(far)).toBe(true);
    expect(far.some((l) => l.km === 500 && l.shown)).toBe(true);
    const farTicks = await ticks();
    expect(farTicks.length).toBeGreaterThan(0);
    expect(farTicks.every((t) => t.tenth)).toBe(true);
    expect(await page.locator('.line-label', { hasText: '湘桂线' }).count()).toBeGreaterThan(0);
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'map-km-far.png') });

    // zoomed in: every post, K501 beside its tick, with the station names
    await view(post('K501+000'), 13.5);
    expect(await page.getByTestId('map').getAttribute('data-km-spacing')).toBe('1');
    await expect.poll(async () => (await kmLabels()).find((l) => l.km === 501), { timeout: 10_000 }).toMatchObject({ text: 'K501', shown: true });
    expect((await kmLabels()).some((l) => l.km % 10 !== 0)).toBe(true);
    expect((await ticks()).some((t) => !t.tenth)).toBe(true);
    expect(await page.locator('.line-label', { hasText: '湘桂线' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(OUT, 'map-km-near.png') });
    const station = (await api('GET', '/api/network?kind=station')).features.find((f: { properties: { name: string } }) => f.properties.name === '柳州');
    await view(station.geometry.coordinates, 12);
    await expect.poll(() => page.locator('.station-label', { hasText: /^柳州站$/ }).count()).toBe(1);
    expect(browser.errors).toEqual([]);
  });

  it('keeps a layer switched off across a reload', { timeout: 120_000 }, async () => {
    await page.getByTestId('map-layers-open').click();
    await page.getByTestId('layer-kmPosts').uncheck();
    await page.getByTestId('layer-units').uncheck();
    await expect.poll(() => page.getByTestId('km-label').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as WithMap).__railjointMap.getLayoutProperty('km-ticks', 'visibility'))).toBe('none');
    await page.reload();
    await mapReady();
    await page.getByTestId('map-layers-open').click();
    expect(await page.getByTestId('layer-kmPosts').isChecked()).toBe(false);
    expect(await page.getByTestId('layer-units').isChecked()).toBe(false);
    expect(await page.getByTestId('layer-areas').isChecked()).toBe(true);
    expect(await page.getByTestId('km-label').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as WithMap).__railjointMap.getLayoutProperty('km-ticks', 'visibility'))).toBe('none');
    expect(await page.locator('.map-wrap.hide-units').count()).toBe(1);
    await page.getByTestId('layer-kmPosts').check();
    await page.getByTestId('layer-units').check();
    await expect.poll(() => page.getByTestId('km-label').count()).toBeGreaterThan(0);
    expect(await page.locator('.map-wrap.hide-units').count()).toBe(0);
  });

  it('moves a unit’s marker when its position is reported, in its status colour', { timeout: 120_000 }, async () => {
    const { units } = await api('GET', '/api/units');
    const unit = units.find((u: { position: LonLat | null; status: string }) => u.position && u.status === 'available');
    const marker = page.locator(`[data-testid="unit-marker"][data-id="${unit.id}"]`);
    await expect.poll(() => marker.getAttribute('data-coordinates'), { timeout: 15_000 }).toBe(`${unit.position[0]},${unit.position[1]}`);
    expect(await marker.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(47, 158, 68)');
    const box = async () => (await marker.boundingBox())!;
    await view(unit.position, 12);
    const before = await box();
    const moved: LonLat = [Math.round((unit.position[0] + 0.01) * 1e6) / 1e6, Math.round((unit.position[1] + 0.005) * 1e6) / 1e6];
    await api('POST', `/api/units/${unit.id}/position`, { lon: moved[0], lat: moved[1], source: 'avl' });
    await expect.poll(() => marker.getAttribute('data-coordinates'), { timeout: 15_000 }).toBe(`${moved[0]},${moved[1]}`);
    const after = await box();
    // east and north: right and up on the screen, by about a kilometre at this zoom
    expect(after.x - before.x).toBeGreaterThan(20);
    expect(after.y - before.y).toBeLessThan(-10);
    expect(await page.locator(`[data-testid="unit-marker"][data-id="${unit.id}"]`).count()).toBe(1);
  });

  it('lists the trains near an incident on its page and the map, and shows a stop request answered by the station', { timeout: 180_000 }, async () => {
    // a mileage of 湘桂线 some train passes in the next 30 minutes, by the demo timetable
    const line = (await api('GET', '/api/network?kind=line')).features.find((f: { properties: { id: string } }) => f.properties.id === 'xianggui');
    let mileage = '';
    let expected: Array<{ train: string }> = [];
    for (const p of line.properties.kmPosts.filter((_: unknown, i: number) => i % 5 === 2)) {
      const passing = await api('GET', `/api/trains/passing?lineId=xianggui&mileage=${encodeURIComponent(p.mileage)}&windowS=1800`);
      if (passing.trains.length >= 1) {
        mileage = p.mileage;
        expected = passing.trains;
        break;
      }
    }
    expect(mileage, 'a mileage with trains').not.toBe('');
    const incident = await api('POST', '/api/incidents', { category: 'track_intrusion', channel: 'hotline', location: { lineId: 'xianggui', mileage }, description: '司机报称线路上有行人' });
    await page.goto(`${browser.server.url}/incidents/${incident.code}`);
    await page.getByTestId('incident-detail').and(page.locator('[data-state="done"]')).waitFor({ timeout: 15_000 });
    const panel = page.getByTestId('trains-near');
    await panel.and(page.locator('[data-state="done"]')).waitFor({ timeout: 15_000 });
    const listed = await panel.getByTestId('near-train').evaluateAll((els) => els.map((e) => e.getAttribute('data-train')));
    expect(listed).toEqual(expected.map((t) => t.train));
    // on the map, where the timetable has each running train now
    const placed = expected.filter((t) => (t as { position?: unknown }).position).map((t) => t.train);
    await expect.poll(() => page.getByTestId('train-marker').evaluateAll((els) => els.map((e) => e.getAttribute('data-train'))), { timeout: 10_000 }).toEqual(placed);

    await panel.getByTestId('train-request-note').fill('线路上有行人，请停车');
    await panel.getByTestId('train-request-send').click();
    const request = panel.getByTestId('train-request');
    await expect.poll(() => request.count(), { timeout: 10_000 }).toBe(1);
    expect(await request.getAttribute('data-status')).toBe('issued');
    const [sent] = (await api('GET', `/api/incidents/${incident.id}/train-requests`)).requests;
    expect(sent).toMatchObject({ kind: 'stop', trains: expected.map((t) => t.train), mileage });
    expect(await request.textContent()).toContain(sent.toAgencyName);

    // the station's officer answers through the task; the dispatcher sees it come in
    const officer = await browser.server.app.login(`${sent.toAgencyId.replace('-', '.')}.officer`);
    await api('POST', `/api/tasks/${sent.taskId}/acknowledge`, { note: '已通知列车调度员' }, officer);
    await api('POST', `/api/tasks/${sent.taskId}/complete`, { note: `${expected[0]!.train} 次已在区间前方停车` }, officer);
    await expect.poll(() => request.getAttribute('data-status'), { timeout: 15_000 }).toBe('completed');
    const replies = await request.getByTestId('train-reply').evaluateAll((els) => els.map((e) => [e.getAttribute('data-kind'), e.textContent]));
    expect(replies.map(([kind]) => kind)).toEqual(['acknowledge', 'complete']);
    expect(replies[1]![1]).toContain(`${expected[0]!.train} 次已在区间前方停车`);
    expect(replies[0]![1]).toContain('值班站长');
    await page.screenshot({ path: path.join(OUT, 'map-trains-near.png') });
    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
