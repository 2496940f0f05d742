/**
 * The dispatcher's workplace in a real browser against the real server with the demo department:
 * take a call by keyboard-friendly search (pinyin initials), find it on top of the queue, and walk
 * it through dispatch → en route → on scene → cleared → closed. Needs `npm run build -w web` first.
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

describe('console: the incidents room', () => {
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

  it('takes a call, queues it by priority, and works it through to closed', { timeout: 120_000 }, async () => {
    await page.goto(server.url);
    await page.getByTestId('signin-username').fill('lz.dispatcher1');
    await page.getByTestId('signin-password').fill(server.demoPassword);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('nav-incidents').click();
    expect(new URL(page.url()).pathname).toBe('/incidents');
    await page.getByTestId('incident-queue').waitFor();
    await page.getByTestId('map').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 30_000 });

    // category by pinyin initials, picked with the keyboard
    await page.getByTestId('new-incident').click();
    const category = page.getByTestId('category-input');
    await category.click();
    await category.pressSequentially('jdlc');
    const option = page.getByTestId('category-option').first();
    await option.waitFor();
    expect(await option.textContent()).toContain('击打列车');
    await category.press('Enter');
    expect(await category.inputValue()).toBe('击打列车');

    // line + mileage
    await page.getByTestId('location-mode-mileage').click();
    await page.getByTestId('line-select').selectOption({ label: '湘桂线' });
    await page.getByTestId('mileage-input').fill('K499+940');
    await page.getByTestId('description-input').fill('旅客报称列车车窗被石块击中');
    await page.getByTestId('submit-incident').click();

    const notice = page.getByTestId('created-notice');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getAttribute('data-priority')).toBe('P1');
    const code = (await notice.locator('.mono').first().textContent())?.trim() ?? '';
    expect(code).toMatch(/^JQ\d{8}-\d{4}$/);

    // on top of the queue, as a P1, with its marker on the map
    const top = page.getByTestId('queue-row').first();
    await expect.poll(() => top.getAttribute('data-code'), { timeout: 15_000 }).toBe(code);
    expect(await top.getAttribute('data-priority')).toBe('P1');
    expect(await top.textContent()).toContain('湘桂线 K499+940');
    await expect.poll(() => page.getByTestId('incident-marker').count()).toBeGreaterThan(0);

    // open it and walk the lifecycle
    await top.click();
    await page.getByTestId('incident-detail').and(page.locator('[data-state="done"]')).waitFor();
    expect(await status()).toBe('received');
    // one dispatch action, with the fastest recommended unit already ticked
    await page.getByTestId('recommendation').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('recommendation-check').first().isChecked()).toBe(true);
    await page.getByTestId('dispatch-selected').click();
    await expect.poll(status, { timeout: 10_000, message: 'after dispatch' }).toBe('dispatched');
    expect(await page.getByTestId('assignment').count()).toBe(1);
    for (const [action, next] of [
      ['en-route', 'en_route'],
      ['on-scene', 'on_scene'],
      ['clear', 'cleared'],
    ] as const) {
      await page.getByTestId(`action-${action}`).click();
      await expect.poll(status, { timeout: 10_000, message: `after ${action}` }).toBe(next);
    }
    await page.getByTestId('action-close').click();
    await page.getByTestId('outcome-select').selectOption('resolved_on_scene');
    await page.getByTestId('summary-input').fill('现场处置完毕，嫌疑人已离开');
    await page.getByTestId('dialog-confirm').click();
    await expect.poll(status, { timeout: 10_000 }).toBe('closed');
    expect(await page.getByTestId('incident-status').textContent()).toBe('已结案');
    await expect.poll(() => page.getByTestId('timeline-entry').count()).toBe(6);
    // no action left but a note once closed
    expect(await page.getByTestId('dispatch-selected').count()).toBe(0);

    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'incidents.png') });

    // a closed incident leaves the open queue
    await expect.poll(() => page.locator(`[data-testid="queue-row"][data-code="${code}"]`).count(), { timeout: 15_000 }).toBe(0);

    expect(pageErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
