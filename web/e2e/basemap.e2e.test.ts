/**
 * The optional basemap on a closed network: a PMTiles archive served by our own server is read by
 * byte ranges and drawn under the schematic map, under the console's content security policy
 * unchanged. Needs `npm run build -w web` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type Console } from './browser.js';
import { onePngArchive } from './pmtiles-fixture.js';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');

type WithMap = { __railjointMap: { getLayer(id: string): unknown; isSourceLoaded(id: string): boolean; loaded(): boolean } };

describe('console: a self-hosted basemap', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-basemap-'));
  const file = path.join(dir, 'region.pmtiles');
  const archive = onePngArchive([210, 228, 196]);
  fs.writeFileSync(file, archive.bytes);
  let browser: Console;
  const violations: string[] = [];
  beforeAll(async () => {
    browser = await openConsole({ basemap: { kind: 'pmtiles', file } });
    await browser.context.exposeFunction('__cspViolation', (text: string) => violations.push(text));
    await browser.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __cspViolation(t: string): void }).__cspViolation(`${e.effectiveDirective} blocked ${e.blockedURI}`));
    });
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the archive by ranges and draws it under the network, within the content security policy', { timeout: 120_000 }, async () => {
    const page = browser.page;
    const ranges: Array<{ status: number; range: string }> = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/api/basemap/tiles.pmtiles') ranges.push({ status: r.status(), range: r.request().headers().range ?? '' });
    });
    await page.goto(browser.server.url);
    await browser.signIn('lz.dispatcher1');
    await page.getByTestId('nav-map').click();
    await page.getByTestId('map').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => {
      const m = (window as unknown as WithMap).__railjointMap;
      return m.loaded() && m.isSourceLoaded('basemap');
    });
    expect(await page.evaluate(() => Boolean((window as unknown as WithMap).__railjointMap.getLayer('basemap-raster')))).toBe(true);
    // the header first, then the tile itself, each a range answered 206
    expect(ranges.length).toBeGreaterThanOrEqual(2);
    expect(ranges.every((r) => r.status === 206)).toBe(true);
    expect(ranges.some((r) => r.range.startsWith(`bytes=${archive.tileOffset}-`))).toBe(true);
    // the network is still drawn on top
    expect(await page.locator('.station-label').count()).toBeGreaterThan(0);
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'map-basemap.png') });
    expect(violations).toEqual([]);
    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
