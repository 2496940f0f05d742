/**
 * Duty at the coordination centre in the console: who is on duty now, and a shift handover
 * (交接班) from one dispatcher to the next, accepted by the incoming one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';

describe('console: duty and shift handover', () => {
  let browser: Console;
  let page: Page;
  beforeAll(async () => {
    browser = await openConsole();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
  });



  it('shows who is on duty and hands the seat to the next dispatcher, who takes over', { timeout: 120_000 }, async () => {
    await page.goto(browser.server.url);
    await browser.signIn('lz.dispatcher1');
    await page.getByTestId('duty-strip').waitFor({ timeout: 15_000 });
    await page.getByTestId('duty-toggle').click();
    const seat = page.locator('[data-testid="duty-seat"][data-seat-id="seat-dispatch-1"]');
    expect(await seat.getAttribute('data-user')).toBe('lz.dispatcher1');
    expect(await page.locator('[data-testid="duty-seat"][data-seat-id="seat-cb-yufeng"]').getAttribute('data-user')).toBe('yufeng.liaison');

    await page.getByTestId('shift-handover').click();
    // the next person on the roster is chosen already, and people are offered by name, not sign-in name
    const to = page.getByTestId('shift-handover-to');
    await expect.poll(() => to.inputValue(), { timeout: 10_000 }).toBe('lz.dispatcher3');
    const offered = await to.locator('option').allTextContents();
    expect(offered.some((o) => o.includes('排班'))).toBe(true);
    expect(offered.join(' ')).not.toMatch(/lz\.dispatcher/);
    await page.getByTestId('shift-handover-notes').fill('本班无未结警情；春运安保指令一条待办。');
    await page.getByTestId('shift-handover-send').click();
    await page.getByTestId('shift-handover-form').waitFor({ state: 'detached', timeout: 10_000 });
    await browser.signOut();

    await browser.signIn('lz.dispatcher3');
    const pending = page.getByTestId('shift-pending');
    await pending.waitFor({ timeout: 15_000 });
    expect(await pending.textContent()).toContain('本班无未结警情');
    await page.getByTestId('shift-accept').click();
    await pending.waitFor({ state: 'detached', timeout: 10_000 });
    await browser.signOut();

    // the duty commander plans tomorrow's shift; the same shift twice is refused as an overlap
    await browser.signIn('lz.commander');
    await page.getByTestId('duty-toggle').click();
    await page.getByTestId('roster-seat').selectOption('seat-dispatch-2');
    await page.getByTestId('roster-user').selectOption('lz.dispatcher4');
    await page.getByTestId('roster-save').click();
    const message = page.getByTestId('roster-message');
    await expect.poll(() => message.getAttribute('data-ok'), { timeout: 10_000 }).toBe('true');
    await browser.expecting(422, async () => {
      await page.getByTestId('roster-save').click();
      await expect.poll(() => message.getAttribute('data-ok'), { timeout: 10_000 }).toBe('false');
    });

    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
