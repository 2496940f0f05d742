/**
 * One shift of the "done means", in the console on the demo department: a call from a
 * train, the handover station ahead, a railway and a local unit, a transfer to the county bureau
 * at that station, which accepts and closes it; every step on the timeline and in the intervals.
 * The clocks start at 07:20 on a Tuesday, while G1501 runs from 桂林北 towards 永福南 (07:31).
 * Needs `npm run build -w web` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'out');
const SHIFT_START = Date.parse('2026-12-01T07:20:00+08:00');

describe.each(['sqlite', 'postgres'] as const)('console: a whole shift on %s', (engine) => {
  let browser: Console;
  let page: Page;
  beforeAll(async () => {
    browser = await openConsole({ engine, clockStart: SHIFT_START });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
  });

  const status = () => page.getByTestId('incident-status').getAttribute('data-status');
  const detailReady = () => page.getByTestId('incident-detail').and(page.locator('[data-state="done"]')).waitFor();



  async function act(action: string, next: string): Promise<void> {
    await page.getByTestId(`action-${action}`).click();
    await expect.poll(status, { timeout: 10_000, message: `after ${action}` }).toBe(next);
  }

  it('takes a call from G1501, meets it at 永福南, sends two units, transfers to 永福县公安局, who close it', { timeout: 240_000 }, async () => {
    await page.goto(browser.server.url);
    await browser.signIn('lz.dispatcher1');

    // the call: a theft on G1501, car 5, reported by the train crew
    await page.getByTestId('new-incident').click();
    const category = page.getByTestId('category-input');
    await category.click();
    await category.pressSequentially('dqlk');
    await page.getByTestId('category-option').first().waitFor();
    await category.press('Enter');
    expect(await category.inputValue()).toBe('盗窃旅客财物');
    await page.getByTestId('location-mode-train').click();
    await page.getByTestId('train-input').fill('G1501');
    await page.getByTestId('car-input').fill('5');
    await page.getByTestId('description-input').fill('5 号车厢旅客手机被盗，嫌疑人仍在车上');
    await page.getByTestId('submit-incident').click();
    const notice = page.getByTestId('created-notice');
    await notice.waitFor({ timeout: 15_000 });
    const code = (await notice.locator('.mono').first().textContent())?.trim() ?? '';
    expect(code).toMatch(/^JQ20261201-\d{4}$/); // numbered by the Beijing day (23:20 UTC on the 30th)

    await page.locator(`[data-testid="queue-row"][data-code="${code}"]`).click();
    await detailReady();
    expect(await status()).toBe('received');
    // located on the train between its stops, led by the train police team riding it
    expect(await page.getByTestId('detail-place').textContent()).toContain('G1501');
    expect(await page.getByTestId('detail-lead').textContent()).toContain('乘警');

    // the handover station ahead: 永福南 at 07:31, with its police station and county bureau
    const proposed = page.locator('[data-testid="handover-option"][data-proposed="true"]');
    await proposed.waitFor({ timeout: 15_000 });
    expect(await proposed.getAttribute('data-station-id')).toBe('st-yongfunan');
    const proposal = (await proposed.textContent()) ?? '';
    expect(proposal).toContain('永福站派出所');
    expect(proposal).toContain('永福县公安局');
    expect(proposal).toMatch(/07:31/);
    await page.getByTestId('handover-request').click();
    await page.getByTestId('handover-requested').waitFor({ timeout: 10_000 });

    // a railway unit (the team on the train) and a local one: 永福县's car, to be on the platform
    // at 永福南 (its bureau is a joint-defence partner of the station police who now take part)
    await page.getByTestId('recommendation').first().waitFor({ timeout: 15_000 });
    const railway = page.locator('[data-testid="recommendation"][data-unit-id="u-tt-cj3"]');
    const local = page.locator('[data-testid="recommendation"][data-agency-id="cb-yongfu"]').first();
    await local.waitFor({ timeout: 10_000 });
    const localUnit = await local.getAttribute('data-unit-id');
    for (const box of await page.getByTestId('recommendation-check').all()) await box.uncheck();
    await railway.getByTestId('recommendation-check').check();
    await local.getByTestId('recommendation-check').check();
    await page.getByTestId('dispatch-selected').click();
    await expect.poll(status, { timeout: 10_000 }).toBe('dispatched');
    await expect.poll(() => page.getByTestId('assignment').count(), { timeout: 10_000 }).toBe(2);
    const sent = await page.getByTestId('assignment').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit-id')));
    expect(sent.sort()).toEqual(['u-tt-cj3', localUnit].sort());

    // the suspect will be taken off at 永福南: the case goes to the county bureau there
    await page.getByTestId('action-transfer').click();
    await page.getByTestId('transfer-search').fill('永福县');
    await page.getByTestId('transfer-agency').selectOption('cb-yongfu');
    await page.getByTestId('transfer-reason').fill('嫌疑人于永福南站下车，移交属地公安');
    await page.getByTestId('dialog-confirm').click();
    await expect.poll(status, { timeout: 10_000 }).toBe('transferred');
    await browser.signOut();

    // the county bureau's liaison accepts it and works it to the end
    await browser.signIn('yongfu.liaison');
    const theirs = page.locator(`[data-testid="queue-row"][data-code="${code}"]`);
    await theirs.waitFor({ timeout: 15_000 });
    await theirs.click();
    await detailReady();
    await page.getByTestId('accept-transfer').click();
    // accepting leaves the units working it: still dispatched, now the bureau's to lead
    await expect.poll(status, { timeout: 10_000 }).toBe('dispatched');
    await expect.poll(async () => (await page.getByTestId('detail-lead').textContent()) ?? '', { timeout: 10_000 }).toContain('永福县公安局');
    // the units stay on it across the transfer; the train team is stood down once it has handed over
    expect(await page.locator('[data-testid="assignment"][data-state="assigned"]').count()).toBe(2);
    await page.locator('[data-testid="assignment"][data-unit-id="u-tt-cj3"]').getByTestId('assignment-release').click();
    await expect.poll(() => page.locator('[data-testid="assignment"][data-unit-id="u-tt-cj3"]').getAttribute('data-state'), { timeout: 10_000 }).toBe('released');

    // the county car already on it works the case on: no second dispatch
    await act('en-route', 'en_route');
    await act('on-scene', 'on_scene');
    await act('clear', 'cleared');
    // closing takes it out of the open queue; the page being worked on stays (the same element, not
    // unmounted while the closed incident is looked up by its number)
    await page.getByTestId('incident-detail').evaluate((el) => el.setAttribute('data-before-close', '1'));
    await page.getByTestId('action-close').click();
    await page.getByTestId('outcome-select').selectOption('resolved_on_scene');
    await page.getByTestId('summary-input').fill('嫌疑人于永福南站被控制，赃物已返还');
    await page.getByTestId('dialog-confirm').click();
    await expect.poll(status, { timeout: 10_000 }).toBe('closed');
    await expect.poll(() => page.locator(`[data-testid="queue-row"][data-code="${code}"]`).count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByTestId('incident-detail').getAttribute('data-before-close')).toBe('1');

    // every step on the timeline, by whom, and the intervals measured — except the task order the
    // station police were given at the handover: the county now leading may not read that task
    const actions = await page.getByTestId('timeline-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(['received', 'handover_requested', 'dispatch', 'transfer', 'accept_transfer', 'unit_released', 'depart', 'arrive', 'clear', 'close']);
    const intervals = await page.getByTestId('interval').evaluateAll((els) => els.map((e) => [e.getAttribute('data-key'), e.getAttribute('data-seconds')]));
    expect(intervals.length).toBeGreaterThanOrEqual(4);
    expect(intervals.every(([, s]) => s !== null && Number(s) >= 0)).toBe(true);

    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, `shift-${engine}.png`), fullPage: true });
    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
