/**
 * No text overflows its box: the main pages of the console at 1366×768 and 1920×1080, in Chinese
 * and in English, with real data on them (long descriptions, a command, alerts, a bulletin). A
 * field, button or table cell wider than its container, a label spilling out of its button or
 * cell (a deliberate ellipsis aside), or a page wider than the window fails the test and is named.
 * Needs `npm run build -w web` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';
import { overflowing } from './overflowing.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'out');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

describe('console: nothing overflows its box', () => {
  let browser: Console;
  let page: Page;

  beforeAll(async () => {
    browser = await openConsole();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('fits every page at 1366×768 and 1920×1080, in Chinese and in English', { timeout: 600_000 }, async () => {
    const { server } = browser;
    const as = async (user: string) => server.app.login(user);
    const dispatcher = await as('lz.dispatcher1');
    const api = async (method: 'GET' | 'POST', url: string, payload?: object, auth = dispatcher) => {
      const res = await server.app.http.inject({ method, url, headers: { authorization: auth }, ...(payload ? { payload } : {}) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    // pages with what makes them long: descriptions, units sent, a level, a command, alerts, a bulletin
    const long = '旅客报称列车经过时车窗被石块击中破碎，一名乘客面部被玻璃划伤，投掷者为两名身穿深色外衣的青年男子，沿线路向村庄方向逃离，现场有围观群众';
    const inc = await api('POST', '/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lineId: 'xianggui', mileage: 'K499+940' }, description: long, injured: 3 });
    await api('POST', `/api/incidents/${inc.id}/dispatch`, { units: ['u-ps-liuzhou-car', 'u-yufeng-car'] });
    const other = await api('POST', '/api/incidents', { category: 'fence_damage', channel: 'patrol', location: { lineId: 'xianggui', mileage: 'K505+200' }, description: '护网破损' });
    await api('POST', `/api/incidents/${other.id}/transfer`, { to: 'cb-liubei', reason: '属地管辖' });
    await api('POST', `/api/incidents/${other.id}/decline-transfer`, { reason: '不属本辖区，请协调中心另行安排' }, await as('liubei.liaison'));
    await server.app.app.services.dispatch.sweep(new Date(Date.now() + 86_400_000));
    await server.app.app.outbox.flush();
    await server.app.app.services.alertEngine.tick();
    const bulletin = await api('POST', '/api/bulletins', { kind: 'bolo', title: '协查：身穿深色外衣的两名青年男子，涉嫌投掷石块击打列车', body: long, classification: 'internal', distribution: { agencies: ['cb-yufeng', 'lz-ps-liuzhou'] }, validUntil: new Date(Date.now() + 86_400_000).toISOString(), incidentId: inc.id }, await as('lz.commander'));

    await page.goto(server.url);
    await browser.signIn('lz.dispatcher1');
    const problems: string[] = [];
    const check = async (label: string) => {
      // wait for the page's reads to settle: no request in flight for a moment
      await page.waitForLoadState('networkidle').catch(() => undefined);
      for (const p of await overflowing(page)) problems.push(`${label}: ${p}`);
    };
    const open = async (url: string, ready: string) => {
      await page.goto(`${server.url}${url}`);
      await page.locator(ready).first().waitFor({ timeout: 20_000 });
    };
    fs.mkdirSync(OUT, { recursive: true });
    for (const lang of ['zh-CN', 'en'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        const at = `${lang} ${size.width}×${size.height}`;
        await open('/map', '[data-testid="map"]');
        await check(`${at} map`);
        await open('/incidents', '[data-testid="incident-queue"]');
        await page.getByTestId('queue-view-cards').click();
        await check(`${at} queue (cards)`);
        await page.getByTestId('queue-view-table').click();
        await check(`${at} queue (table)`);
        await page.getByTestId('new-incident').click();
        await page.getByTestId('category-input').waitFor();
        await check(`${at} call form`);
        await open(`/incidents/${inc.code}`, '[data-testid="incident-detail"][data-state="done"]');
        await check(`${at} incident`);
        await page.screenshot({ path: path.join(OUT, `overflow-incident-${lang}-${size.width}.png`) });
        await page.getByTestId('alert-bell').click();
        await page.getByTestId('alert-panel').waitFor();
        await check(`${at} alert panel`);
        await page.getByTestId('alert-panel-close').click();
        await open('/units', '[data-testid="unit-card"]');
        await check(`${at} units`);
        await open(`/bulletins/${bulletin.code}`, '[data-testid="bulletin-detail"]');
        await check(`${at} bulletin`);
        await open(`/bulletins?about=${inc.code}`, '[data-testid="bulletin-form"]');
        await check(`${at} bulletin form`);
      }
    }
    expect(problems).toEqual([]);
  });
});
