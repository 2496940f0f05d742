/**
 * Dispatch with recommendations and a transfer (移交) to a county bureau that accepts it, against the
 * real server with the demo department. Needs `npm run build -w web` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'out');

type Server = Console['server'];

describe('console: dispatch and transfer', () => {
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

  async function status(): Promise<string | null> {
    return page.getByTestId('incident-status').getAttribute('data-status');
  }


  it('sends a railway and a county unit, transfers to 柳北区公安分局, and the bureau accepts', { timeout: 180_000 }, async () => {
    await page.goto(server.url);
    await browser.signIn('lz.dispatcher1');

    // take the call: stone throwing at 湘桂线 K499+940
    await page.getByTestId('new-incident').click();
    const category = page.getByTestId('category-input');
    await category.click();
    await category.pressSequentially('jdlc');
    await page.getByTestId('category-option').first().waitFor();
    await category.press('Enter');
    expect(await category.inputValue()).toBe('击打列车');
    await page.getByTestId('location-mode-mileage').click();
    await page.getByTestId('line-select').selectOption({ label: '湘桂线' });
    await page.getByTestId('mileage-input').fill('K499+940');
    await page.getByTestId('description-input').fill('旅客报称列车车窗被石块击中');
    await page.getByTestId('submit-incident').click();
    const notice = page.getByTestId('created-notice');
    await notice.waitFor({ timeout: 15_000 });
    const code = (await notice.locator('.mono').first().textContent())?.trim() ?? '';
    expect(code).toMatch(/^JQ\d{8}-\d{4}$/);

    const row = page.locator(`[data-testid="queue-row"][data-code="${code}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await page.getByTestId('incident-detail').and(page.locator('[data-state="done"]')).waitFor();
    expect(await status()).toBe('received');

    // recommendations: pick the fastest of the railway police station and of the 鱼峰 county bureau
    await page.getByTestId('recommendation').first().waitFor({ timeout: 15_000 });
    const railway = page.locator('[data-testid="recommendation"][data-agency-id="lz-ps-liuzhou"]').first();
    const county = page.locator('[data-testid="recommendation"][data-agency-id="cb-yufeng"]').first();
    const railwayUnit = await railway.getAttribute('data-unit-id');
    const countyUnit = await county.getAttribute('data-unit-id');
    expect(await railway.textContent()).toMatch(/分钟/);
    // the fastest comes ticked; this dispatcher chooses the two units herself
    for (const box of await page.getByTestId('recommendation-check').all()) await box.uncheck();
    await railway.getByTestId('recommendation-check').check();
    await county.getByTestId('recommendation-check').check();
    await page.getByTestId('dispatch-selected').click();
    await expect.poll(status, { timeout: 10_000 }).toBe('dispatched');
    await expect.poll(() => page.getByTestId('assignment').count(), { timeout: 10_000 }).toBe(2);
    const sent = await page.getByTestId('assignment').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit-id')));
    expect(sent.sort()).toEqual([railwayUnit, countyUnit].sort());
    expect(await page.locator('[data-testid="assignment"][data-state="assigned"]').count()).toBe(2);
    // a sent unit is no longer recommended
    await expect.poll(() => page.locator(`[data-testid="recommendation"][data-unit-id="${countyUnit}"]`).count(), { timeout: 10_000 }).toBe(0);

    // units are drawn on the map, and the board shows the county car as sent
    await expect.poll(() => page.getByTestId('unit-marker').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByTestId('nav-units').click();
    expect(new URL(page.url()).pathname).toBe('/units');
    const card = page.locator(`[data-testid="unit-card"][data-unit-id="${countyUnit}"]`);
    await card.waitFor({ timeout: 10_000 });
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 10_000 }).toBe('dispatched');
    expect(await page.locator('[data-testid="unit-group"][data-agency-id="cb-yufeng"]').count()).toBe(1);
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'units.png') });
    await page.getByTestId('nav-incidents').click();
    await row.click();
    await page.getByTestId('incident-detail').and(page.locator('[data-state="done"]')).waitFor();

    // transfer to 柳北区公安分局 with a reason
    await page.getByTestId('action-transfer').click();
    await page.getByTestId('transfer-search').fill('柳北');
    await page.getByTestId('transfer-agency').selectOption('cb-liubei');
    await page.getByTestId('transfer-reason').fill('案发地在围栏外，属地管辖');
    await page.getByTestId('dialog-confirm').click();
    await expect.poll(status, { timeout: 10_000 }).toBe('transferred');
    expect(await page.getByTestId('transfer-pending').getAttribute('data-to')).toBe('cb-liubei');
    expect(await page.getByTestId('accept-transfer').count()).toBe(0); // the centre waits for the bureau

    // the bureau's liaison accepts it
    await browser.signOut();
    await browser.signIn('liubei.liaison');
    const theirs = page.locator(`[data-testid="queue-row"][data-code="${code}"]`);
    await theirs.waitFor({ timeout: 15_000 });
    await theirs.click();
    await page.getByTestId('incident-detail').and(page.locator('[data-state="done"]')).waitFor();
    expect(await status()).toBe('transferred');
    await page.getByTestId('accept-transfer').click();
    await expect.poll(status, { timeout: 10_000 }).not.toBe('transferred');
    await expect.poll(async () => (await page.getByTestId('detail-lead').textContent()) ?? '', { timeout: 10_000 }).toContain('柳北区公安分局');
    const actions = await page.getByTestId('timeline-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['received', 'dispatch', 'transfer', 'accept_transfer']));

    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'dispatch.png'), fullPage: true });

    // the railway police station's phone: acknowledge the job, report en route, try to share position
    await browser.signOut();
    await page.setViewportSize({ width: 400, height: 860 });
    await page.goto(`${server.url}/mobile`);
    await page.getByTestId('signin-username').fill('ps.liuzhou.officer');
    await page.getByTestId('signin-password').fill(server.demoPassword);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('mobile-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/mobile');
    const job = page.locator(`[data-testid="mobile-assignment"][data-code="${code}"]`);
    await job.waitFor({ timeout: 10_000 });
    expect(await job.getAttribute('data-status')).toBe('assigned');
    await job.getByTestId('mobile-acknowledge').click();
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 10_000 }).toBe('acknowledged');
    await page.getByTestId('mobile-unit').selectOption(railwayUnit ?? '');
    await page.getByTestId('mobile-status-en_route').click();
    await expect.poll(() => page.getByTestId('mobile-unit-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('en_route');
    await page.getByTestId('mobile-share').check();
    // no geolocation in the test browser: a message, not a crash
    await expect.poll(() => page.getByTestId('mobile-geo').getAttribute('data-state'), { timeout: 25_000 }).toMatch(/^(unavailable|error)$/);
    expect((await page.getByTestId('mobile-geo').textContent())?.length ?? 0).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(OUT, 'dispatch-mobile.png') });

    expect(pageErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
