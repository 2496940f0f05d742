/**
 * The dispatch desk against the real server on the demo department: from the phone ringing to a
 * unit dispatched in at most 12 actions (counted) for a call naming a mileage, a station, a level
 * crossing and a village, the dense queue on a 1080p screen, addresses
 * that keep an incident open across a reload and a sign-in, the keyboard, and live updates that
 * read an incident once per burst of changes. Needs `npm run build -w web` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';
import { ActionCounter } from './actions.js';
import { spell } from '../../server/src/modules/places/spell.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'out');
const MAX_ACTIONS = 12;

interface Created {
  id: string;
  code: string;
}

describe('console: the dispatch desk', () => {
  let browser: Console;
  let page: Page;
  let dispatcher: string;

  beforeAll(async () => {
    browser = await openConsole();
    page = browser.page;
    await page.setViewportSize({ width: 1920, height: 1080 });
    dispatcher = await browser.server.app.login('lz.dispatcher1');
  });
  afterAll(async () => {
    await browser?.close();
  });

  const api = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await browser.server.app.http.inject({ method, url, headers: { authorization: dispatcher }, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const report = (mileage: string, category = 'fence_damage'): Promise<Created> =>
    api('POST', '/api/incidents', { category, channel: 'patrol', location: { lineId: 'xianggui', mileage }, description: `巡逻发现 ${mileage}` });
  const byCode = async (code: string) => (await api('GET', `/api/incidents?code=${code}`)).incidents[0];
  const detailOf = (id: string) => api('GET', `/api/incidents/${id}`);
  const detailShown = () => page.getByTestId('incident-detail').and(page.locator('[data-state="done"]'));
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

  /** Waits for the call form's recommendations and returns the ticked unit. */
  async function tickedUnit(): Promise<string> {
    await page.locator('[data-testid="place-recommendations"][data-state="done"]').waitFor({ timeout: 15_000 });
    const first = page.getByTestId('recommendation').first();
    expect(await first.getByTestId('recommendation-check').isChecked()).toBe(true);
    // the warning shows exactly when not even the fastest arrives within the category's limit
    const inTime = await first.getAttribute('data-in-time');
    expect(await page.getByTestId('dispatch-none-in-time').count()).toBe(inTime === 'false' ? 1 : 0);
    return (await first.getAttribute('data-unit-id')) ?? '';
  }

  /** the notice of this call: the one of the call before stays up until this one replaces it */
  async function dispatchedCall(previous: string | null = null): Promise<string> {
    const notice = page.locator(`[data-testid="created-notice"][data-dispatched="1"]${previous ? `:not([data-code="${previous}"])` : ''}`);
    await notice.waitFor({ timeout: 15_000 });
    return (await notice.getAttribute('data-code')) ?? '';
  }

  it('takes a call naming a mileage, and one naming a station, from the phone ringing to a unit dispatched in at most 12 actions each', { timeout: 180_000 }, async () => {
    const earlier = await report('K505+200');
    await page.goto(browser.server.url);
    await browser.signIn('lz.dispatcher1');
    // the dispatcher is working another incident when the phone rings
    await page.goto(`${browser.server.url}/incidents/${earlier.code}`);
    await detailShown().waitFor({ timeout: 15_000 });
    await page.getByTestId('map').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 30_000 });

    // 1. stone throwing at 湘桂线 K499+940
    const mileageCall = new ActionCounter(page);
    await mileageCall.press('Alt+N');
    expect(await focused()).toBe('category-input');
    await mileageCall.type('jdlc');
    await page.getByTestId('category-option').first().waitFor();
    await mileageCall.press('Enter');
    expect(await page.getByTestId('category-input').inputValue()).toBe('击打列车');
    await mileageCall.select(page.getByTestId('line-select'), '湘桂线');
    await mileageCall.press('Tab');
    await mileageCall.type('K499+940');
    const stoneUnit = await tickedUnit();
    await mileageCall.click(page.getByTestId('description-input'), 'description');
    await mileageCall.describe('旅客报称列车车窗被石块击中');
    await mileageCall.press('Enter');
    const stoneCode = await dispatchedCall();
    expect(mileageCall.count, mileageCall.log.join(' · ')).toBeLessThanOrEqual(MAX_ACTIONS);
    const stone = await detailOf((await byCode(stoneCode)).id);
    expect(stone.status).toBe('dispatched');
    expect(stone.location).toMatchObject({ lineId: 'xianggui', mileage: 'K499+940' });
    expect(stone.timeline.find((e: { action: string }) => e.action === 'dispatch').detail.assignments.map((a: { unitId: string }) => a.unitId)).toEqual([stoneUnit]);

    // 2. a theft at 柳州 station, reported by the station staff's call
    const stationCall = new ActionCounter(page);
    await stationCall.press('Alt+N');
    expect(await focused()).toBe('category-input');
    await stationCall.type('dqlk');
    await page.getByTestId('category-option').first().waitFor();
    await stationCall.press('Enter');
    expect(await page.getByTestId('category-input').inputValue()).toBe('盗窃旅客财物');
    await stationCall.click(page.getByTestId('location-mode-station'), 'station tab');
    await stationCall.type('柳州');
    await page.getByTestId('station-option').first().waitFor();
    await stationCall.press('Enter');
    expect(await page.getByTestId('station-input').inputValue()).toBe('柳州站');
    const theftUnit = await tickedUnit();
    await stationCall.click(page.getByTestId('description-input'), 'description');
    await stationCall.describe('候车室旅客手机被盗，嫌疑人往出站口方向跑');
    await stationCall.press('Enter');
    const theftCode = await dispatchedCall(stoneCode);
    expect(stationCall.count, stationCall.log.join(' · ')).toBeLessThanOrEqual(MAX_ACTIONS);
    const theft = await detailOf((await byCode(theftCode)).id);
    expect(theft.status).toBe('dispatched');
    expect(theft.location.stationName).toBe('柳州站');
    expect(theft.timeline.find((e: { action: string }) => e.action === 'dispatch').detail.assignments.map((a: { unitId: string }) => a.unitId)).toEqual([theftUnit]);

    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, 'desk-actions.txt'), `mileage call, ${mileageCall.count} actions: ${mileageCall.log.join(' · ')}\nstation call, ${stationCall.count} actions: ${stationCall.log.join(' · ')}\n`);
    await page.screenshot({ path: path.join(OUT, 'desk-call.png') });

    // the incident page: recommendations and the one dispatch action first, the map on the incident
    await page.locator(`[data-testid="queue-row"][data-code="${earlier.code}"]`).click();
    await detailShown().waitFor();
    expect(new URL(page.url()).pathname).toBe(`/incidents/${earlier.code}`);
    const order = await page.getByTestId('incident-detail').evaluate((el) => {
      const at = (id: string) => Array.from(el.querySelectorAll('[data-testid]')).findIndex((x) => x.getAttribute('data-testid') === id);
      return { dispatch: at('dispatch-panel'), actions: at('action-bar'), place: at('detail-place'), timeline: at('timeline-entry') };
    });
    expect(order.dispatch).toBeGreaterThan(-1);
    expect(order.dispatch).toBeLessThan(order.actions);
    expect(order.actions).toBeLessThan(order.place);
    expect(await page.getByTestId('action-dispatch').count()).toBe(0);
    expect(await page.getByTestId('dispatch-selected').count()).toBe(1);
    const target = (await detailOf(earlier.id)).location.coordinates as [number, number];
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __railjointMap: { isMoving(): boolean; getCenter(): { lng: number; lat: number } } }).__railjointMap.isMoving()), { timeout: 15_000 })
      .toBe(false);
    const center = await page.evaluate(() => (window as unknown as { __railjointMap: { getCenter(): { lng: number; lat: number } } }).__railjointMap.getCenter());
    expect(Math.abs(center.lng - target[0])).toBeLessThan(0.001);
    expect(Math.abs(center.lat - target[1])).toBeLessThan(0.001);

    // D sends the top recommendation of the open incident
    const top = await page.getByTestId('recommendation').first().getAttribute('data-unit-id');
    await page.getByTestId('detail-back').focus();
    await page.keyboard.press('d');
    await expect.poll(async () => (await detailOf(earlier.id)).status, { timeout: 10_000 }).toBe('dispatched');
    await expect.poll(() => page.locator(`[data-testid="assignment"][data-unit-id="${top}"]`).count(), { timeout: 10_000 }).toBe(1);
    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

  it('takes a call naming a level crossing, and one naming a village, from the phone ringing to a unit dispatched in at most 12 actions each', { timeout: 180_000 }, async () => {
    await page.goto(`${browser.server.url}/incidents`);
    await page.locator('[data-testid="signin-username"], [data-testid="incident-queue"]').first().waitFor({ timeout: 15_000 });
    if (await page.getByTestId('signin-username').count()) await browser.signIn('lz.dispatcher1');
    await page.getByTestId('map').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 30_000 });
    const network = await api('GET', '/api/network');
    type Feature = { properties: { kind: string; id: string; name: string; siteType?: string; placeType?: string; lineId?: string } };
    const features = network.features as Feature[];
    const crossing = features.find((f) => f.properties.kind === 'site' && f.properties.siteType === 'level_crossing')!.properties;
    // a village not named after a crossing, typed the way a dispatcher without an IME would: in pinyin
    const crossingNames = new Set(features.filter((f) => f.properties.siteType === 'level_crossing').map((f) => f.properties.name.replace(/道口$/, '')));
    const villages = features.filter((f) => f.properties.placeType === 'village' && !crossingNames.has(f.properties.name.replace(/[村屯寨]$/, ''))).map((f) => f.properties);
    const village = villages.find((v) => v.name.length === 3)!;
    const villagePinyin = spell(village.name).full;
    const searchFor = async (q: string) => (await api('GET', `/api/places/search?q=${encodeURIComponent(q)}`)).hits[0];
    const crossingHit = await searchFor(crossing.name);
    const villageHit = await searchFor(villagePinyin);
    expect(crossingHit).toMatchObject({ kind: 'site', id: crossing.id, matched: 'name' });
    expect(villageHit).toMatchObject({ kind: 'place', id: village.id, matched: 'pinyin' });

    const calls: Array<{ what: string; counter: ActionCounter }> = [];
    let previous: string | null = null;
    for (const [what, typed, hit, category, story] of [
      ['level crossing', crossing.name, crossingHit, ['jdlc', '击打列车'], '道口看守员报称有人向通过列车投掷石块'],
      ['village', villagePinyin, villageHit, ['dqlk', '盗窃旅客财物'], '村民报称看见两人在铁路边撬设备箱'],
    ] as const) {
      const call = new ActionCounter(page);
      await call.press('Alt+N');
      expect(await focused()).toBe('category-input');
      await call.type(category[0]);
      await page.getByTestId('category-option').first().waitFor();
      await call.press('Enter');
      expect(await page.getByTestId('category-input').inputValue()).toBe(category[1]);
      await call.click(page.getByTestId('location-mode-place'), 'place tab');
      expect(await focused()).toBe('place-input');
      await call.type(typed);
      await page.locator(`[data-testid="place-option"]`).first().waitFor();
      await call.press('Enter');
      expect(await page.getByTestId('place-input').inputValue()).toBe(hit.name);
      const unit = await tickedUnit();
      await call.click(page.getByTestId('description-input'), 'description');
      await call.describe(story);
      await call.press('Enter');
      const code = await dispatchedCall(previous);
      previous = code;
      expect(call.count, call.log.join(' · ')).toBeLessThanOrEqual(MAX_ACTIONS);
      const incident = await detailOf((await byCode(code)).id);
      expect(incident.status).toBe('dispatched');
      // sent to the railway at the place: the crossing on the track, the line beside the village
      expect(incident.location, JSON.stringify({ what, hit, location: incident.location })).toMatchObject({ lineId: hit.line.lineId, mileage: hit.line.mileage });
      expect(incident.timeline.find((e: { action: string }) => e.action === 'dispatch').detail.assignments.map((a: { unitId: string }) => a.unitId)).toEqual([unit]);
      calls.push({ what, counter: call });
    }
    fs.mkdirSync(OUT, { recursive: true });
    fs.appendFileSync(path.join(OUT, 'desk-actions.txt'), calls.map((c) => `${c.what} call, ${c.counter.count} actions: ${c.counter.log.join(' · ')}\n`).join(''));
    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

  it('shows at least 25 incidents in the table on a 1080p screen, searches them, walks them by keyboard, and keeps the open one in the address', { timeout: 180_000 }, async () => {
    const made: Created[] = [];
    for (let n = 0; n < 30; n++) made.push(await report(`K${470 + n}+${String(100 + n * 7).padStart(3, '0')}`));
    await page.goto(`${browser.server.url}/incidents`);
    await page.getByTestId('queue-view-table').click();
    await expect.poll(() => page.getByTestId('queue-row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(30);
    const visible = () =>
      page.evaluate(() => {
        const box = document.querySelector('[data-testid="incident-queue"]')!.getBoundingClientRect();
        const bottom = Math.min(box.bottom, window.innerHeight);
        return Array.from(document.querySelectorAll('[data-testid="queue-row"]')).filter((r) => {
          const b = r.getBoundingClientRect();
          return b.height > 0 && b.top >= box.top && b.bottom <= bottom;
        }).length;
      });
    expect(await visible()).toBeGreaterThanOrEqual(25);
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'desk-table.png') });

    // awaiting dispatch first, then by priority, then the oldest
    const rows = await page.getByTestId('queue-row').evaluateAll((els) => els.map((e) => ({ status: e.getAttribute('data-status'), priority: e.getAttribute('data-priority') })));
    const firstNotAwaiting = rows.findIndex((r) => r.status !== 'received');
    if (firstNotAwaiting >= 0) expect(rows.slice(firstNotAwaiting).every((r) => r.status !== 'received')).toBe(true);
    const awaiting = rows.filter((r) => r.status === 'received').map((r) => r.priority ?? '');
    expect(awaiting).toEqual([...awaiting].sort());

    // remembered across a reload
    await page.reload();
    await expect.poll(() => page.getByTestId('queue-row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(30);
    expect(await page.getByTestId('incident-queue').getAttribute('data-view')).toBe('table');

    // free text: the end of a number, then a mileage
    const wanted = made[17]!;
    await page.locator('body').click({ position: { x: 1900, y: 1070 }, force: true });
    await page.keyboard.press('/');
    expect(await focused()).toBe('queue-search');
    await page.keyboard.type(wanted.code.slice(-4));
    await expect.poll(() => page.getByTestId('queue-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))), { timeout: 10_000 }).toContain(wanted.code);
    await page.getByTestId('queue-search').fill('K487+219');
    await expect.poll(() => page.getByTestId('queue-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))), { timeout: 10_000 }).toEqual([wanted.code]);
    await page.getByTestId('queue-search').press('Escape');

    // J and K walk the queue as shown; each incident has its own address
    const shown = () => page.getByTestId('queue-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''));
    const at = () => decodeURIComponent(new URL(page.url()).pathname);
    const first = (await shown())[0];
    await page.keyboard.press('j');
    await expect.poll(at).toBe(`/incidents/${first}`);
    await page.keyboard.press('j');
    const second = (await shown())[1];
    await expect.poll(at).toBe(`/incidents/${second}`);
    await page.keyboard.press('k');
    await expect.poll(at).toBe(`/incidents/${first}`);
    await detailShown().waitFor();
    await page.reload();
    await detailShown().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('incident-detail').getAttribute('data-code')).toBe(first);

    // the help overlay lists the shortcuts, the alert centre's A among them
    await page.keyboard.press('?');
    await page.getByTestId('shortcut-help').waitFor();
    const listed = await page.getByTestId('shortcut-help').locator('tr[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(listed).toEqual(['newCall', 'dispatchTop', 'nextIncident', 'prevIncident', 'ackAlert', 'search', 'help']);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('shortcut-help').count()).toBe(0);
    // single keys are text inside a field
    await page.getByTestId('queue-search').focus();
    await page.keyboard.press('j');
    expect(at()).toBe(`/incidents/${first}`);
    expect(await page.getByTestId('queue-search').inputValue()).toBe('j');
    await page.getByTestId('queue-search').fill('');

    // a link to an incident survives signing in; ?next= leads only to this site
    await browser.signOut();
    await page.goto(`${browser.server.url}/incidents/${wanted.code}`);
    await page.waitForURL(/\/signin\?next=/);
    await page.getByTestId('signin-username').fill('lz.dispatcher1');
    await page.getByTestId('signin-password').fill(browser.server.demoPassword);
    await page.getByTestId('signin-submit').click();
    await detailShown().waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe(`/incidents/${wanted.code}`);
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      await browser.signOut();
      await page.goto(`${browser.server.url}/signin?next=${encodeURIComponent(next)}`);
      await page.getByTestId('signin-username').fill('lz.dispatcher1');
      await page.getByTestId('signin-password').fill(browser.server.demoPassword);
      await page.getByTestId('signin-submit').click();
      await page.getByTestId('signout').waitFor();
      expect(new URL(page.url()).origin).toBe(browser.server.url);
      expect(new URL(page.url()).pathname).toBe('/');
    }
    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

  it('follows a burst of changes to the open incident with a few reads and none aborted', { timeout: 120_000 }, async () => {
    const inc = await report('K512+300');
    await page.goto(`${browser.server.url}/incidents/${inc.code}`);
    await detailShown().waitFor({ timeout: 15_000 });
    await page.getByTestId('feed-mode').and(page.locator('[data-mode="live"]')).waitFor({ timeout: 15_000 });
    const own = new RegExp(`/api/incidents/${inc.id}$`);
    let reads = 0;
    let aborted = 0;
    page.on('request', (r) => {
      if (own.test(new URL(r.url()).pathname)) reads++;
    });
    page.on('requestfailed', (r) => {
      if (own.test(new URL(r.url()).pathname)) aborted++;
    });
    const changes = 8;
    await Promise.all(Array.from({ length: changes }, (_, n) => api('POST', `/api/incidents/${inc.id}/note`, { text: `现场补充情况 ${n + 1}` })));
    await expect.poll(() => page.locator('[data-testid="timeline-entry"][data-action="note"]').count(), { timeout: 15_000 }).toBe(changes);
    // the notes may all have come with a read already under way when the burst began (the one the
    // live channel's start makes); the events then still bring one read, after their 200-ms fold
    await expect.poll(() => reads, { timeout: 5_000 }).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(aborted).toBe(0);
    expect(reads).toBeLessThan(changes);
    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
