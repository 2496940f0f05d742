/**
 * The console in a real browser against the real server with the demo department: sign in, find
 * a station, click on a line, read the answer, switch language. Needs `npm run build -w web` first
 * (the root `npm test` does it) and Debian's /usr/bin/chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'out');
const MILEAGE = /^[A-Z]{1,2}\d+\+\d{3}$/;

type Server = Console['server'];

// What the test uses of the maplibre Map the console exposes (the web build has the full type).
declare global {
  interface Window {
    __railjointMap?: {
      isMoving(): boolean;
      loaded(): boolean;
      jumpTo(options: { center: [number, number]; zoom: number }): void;
      project(lngLat: [number, number]): { x: number; y: number };
    };
  }
}

describe('console: locate a point', () => {
  let server: Server;
  let page: Page;
  let pageErrors: string[] = [];

  let browser: Console;
  beforeAll(async () => {
    browser = await openConsole();
    ({ server, page } = browser);
    pageErrors = browser.errors;
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** The demo dispatcher if the seed has one, else the admin: the screen is the same for both. */
  async function account(): Promise<{ username: string; password: string }> {
    const username = 'lz.dispatcher1';
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: server.demoPassword }),
    });
    return res.ok ? { username, password: server.demoPassword } : { username: 'admin', password: server.adminPassword };
  }

  async function panelSeq(): Promise<number> {
    return Number(await page.getByTestId('location-panel').getAttribute('data-seq'));
  }

  /** Waits for the panel to show the answer to the lookup after `before`. */
  async function nextAnswer(before: number): Promise<void> {
    await page.waitForFunction(
      (n) => {
        const panel = document.querySelector('[data-testid="location-panel"]');
        return panel !== null && Number(panel.getAttribute('data-seq')) > n && panel.getAttribute('data-state') !== 'loading';
      },
      before,
      { timeout: 15_000 },
    );
    const error = page.getByTestId('panel-error');
    if (await error.count()) throw new Error(`the panel shows an error: ${await error.textContent()}`);
  }

  it('signs in, searches a station, resolves a clicked point, switches language', { timeout: 120_000 }, async () => {
    await page.goto(server.url);
    await page.waitForURL(/\/signin/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    const { username, password } = await account();
    await page.getByTestId('signin-username').fill(username);
    await page.getByTestId('signin-password').fill(password);
    await page.getByTestId('signin-submit').click();

    await page.getByTestId('map').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/');
    await expect.poll(() => page.getByTestId('topbar-user').textContent()).toBeTruthy();

    // search a station by its Chinese name and pick it
    let before = await panelSeq();
    await page.getByTestId('search-input').fill('柳州');
    const stationHit = page.getByTestId('search-result').and(page.locator('[data-kind="station"]')).filter({ hasText: '柳州' }).first();
    await stationHit.waitFor();
    await stationHit.click();
    await nextAnswer(before);
    await page.waitForFunction(() => window.__railjointMap !== undefined && !window.__railjointMap.isMoving());

    // a point on a line: a vertex from the middle of the line through 柳州, brought into view
    const target = await page.evaluate(async () => {
      const token = localStorage.getItem('railjoint.token');
      const res = await fetch('/api/network', { headers: { Authorization: `Bearer ${token}` } });
      const doc = (await res.json()) as {
        features: Array<{ geometry: { type: string; coordinates: unknown }; properties: { kind: string; id: string; name: string; lines?: Array<{ lineId: string }> } }>;
      };
      const station = doc.features.find((f) => f.properties.kind === 'station' && f.properties.name.startsWith('柳州'));
      const lineId = station?.properties.lines?.[0]?.lineId;
      const line = doc.features.find((f) => f.properties.kind === 'line' && (!lineId || f.properties.id === lineId));
      if (!line) throw new Error('the demo network has no line');
      const coords = (line.geometry.type === 'MultiLineString' ? (line.geometry.coordinates as number[][][])[0]! : (line.geometry.coordinates as number[][])) as [number, number][];
      const vertex = coords[Math.floor(coords.length / 2)]!;
      const map = window.__railjointMap!;
      map.jumpTo({ center: vertex, zoom: 14 });
      const px = map.project(vertex);
      return { x: px.x, y: px.y, lineName: line.properties.name };
    });
    await page.waitForFunction(() => window.__railjointMap!.loaded());
    const canvas = await page.locator('[data-testid="map"] canvas').boundingBox();
    if (!canvas) throw new Error('the map has no canvas');

    before = await panelSeq();
    await page.mouse.click(canvas.x + target.x, canvas.y + target.y);
    await nextAnswer(before);

    const mileage = (await page.getByTestId('panel-mileage').textContent())?.trim() ?? '';
    expect(mileage).toMatch(MILEAGE);
    expect(await page.getByTestId('panel-line').textContent()).toBe(target.lineName);
    const agencies = page.getByTestId('panel-jurisdiction').locator('li');
    expect(await agencies.count()).toBeGreaterThan(0);
    expect((await agencies.first().textContent())?.trim()).toBeTruthy();
    expect(await page.getByTestId('panel-zone').getAttribute('data-inside')).toMatch(/^(true|false)$/);
    expect((await page.getByTestId('panel-zone').textContent())?.trim()).toBeTruthy();

    // a category adds who leads, supports and must be told
    const select = page.getByTestId('category-select');
    await page.waitForFunction(() => (document.querySelector('[data-testid="category-select"]') as HTMLSelectElement | null)?.options.length! > 1);
    const firstCategory = await select.locator('option:not([value=""])').first().getAttribute('value');
    before = await panelSeq();
    await select.selectOption(firstCategory!);
    await nextAnswer(before);
    await page.getByTestId('panel-responsibility').waitFor();

    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'console.png') });

    // English: labels change, <html lang> follows, and the server is asked again in English
    const heading = page.locator('#jurisdiction-heading');
    expect(await heading.textContent()).toBe('管辖单位');
    before = await panelSeq();
    await page.getByTestId('lang-en').click();
    await expect.poll(() => heading.textContent()).toBe('Jurisdiction');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await nextAnswer(before);
    expect((await page.getByTestId('panel-mileage').textContent())?.trim()).toMatch(MILEAGE);
    await page.screenshot({ path: path.join(OUT, 'console-en.png') });

    // the choice survives a reload, and so does the session
    await page.reload();
    await page.getByTestId('map').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('signout').textContent()).toBe('Sign out');

    await page.getByTestId('signout').click();
    await page.getByTestId('signin-username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');

    expect(pageErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

  it('keeps the tabs of one browser apart: a tab whose session ended does not sign out the one signed in since', { timeout: 120_000 }, async () => {
    // the same browser signed in on two tabs (two consoles of one seat)
    await browser.signIn('lz.dispatcher1');
    const second = await browser.context.newPage();
    await second.goto(`${server.url}/incidents`);
    await second.getByTestId('incident-queue').waitFor();

    // the first tab signs out and in again as somebody else; the second still holds the ended session
    await browser.signOut();
    await browser.signIn('liunan.liaison');
    const liaison = (await page.getByTestId('topbar-user').textContent())?.trim();
    expect(liaison).toBeTruthy();

    // the second tab's next request is refused: it goes to the sign-in page, asking who is there
    await second.getByTestId('nav-bulletins').click();
    await second.getByTestId('signin-username').waitFor({ timeout: 15_000 });
    await second.close();

    // while the first tab stays the liaison's, across a reload too: the refusal forgot only its own session
    await page.reload();
    await page.getByTestId('incident-queue').waitFor({ timeout: 15_000 });
    expect((await page.getByTestId('topbar-user').textContent())?.trim()).toBe(liaison);
    expect(pageErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
