/**
 * The bulletins room: a restricted 布控 published to three agencies, acknowledged by one, unseen by
 * an agency outside it, the sender seeing who acknowledged, reminding the rest, and exporting it as
 * CAP 1.2 that the official XSD accepts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';
import { validateCapSchema } from '../../server/src/modules/sharing/cap/cap-schema.js';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');

describe('console: bulletins', () => {
  let browser: Console;
  let page: Page;
  beforeAll(async () => {
    browser = await openConsole();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
  });



  async function pick(name: string, id: string): Promise<void> {
    await page.getByTestId('recipient-search').fill(name);
    await page.locator(`[data-testid="recipient-option"][data-agency-id="${id}"]`).click();
  }

  it('publishes a restricted BOLO to three agencies, one acknowledges, the sender reminds the rest and exports CAP', { timeout: 150_000 }, async () => {
    await page.goto(browser.server.url);
    await browser.signIn('lz.commander', 'bulletins');
    expect(new URL(page.url()).pathname).toBe('/bulletins');
    await page.getByTestId('bulletin-new').click();
    await page.getByTestId('bulletin-kind').selectOption('bolo');
    await page.getByTestId('bulletin-classification').selectOption('restricted');
    await page.getByTestId('bulletin-title').fill('布控：涉嫌盗窃旅客财物嫌疑人');
    await page.getByTestId('bulletin-body').fill('男，约 30 岁，黑色外套，灰色双肩包，多次在柳州站候车室作案。');
    await page.getByTestId('bulletin-instruction').fill('发现后立即控制并报告指挥中心');
    await pick('柳州站派出所', 'lz-ps-liuzhou');
    await pick('鱼峰', 'cb-yufeng');
    await pick('柳北', 'cb-liubei');
    // a township has no data-sharing agreement: refused with its name, then removed
    await pick('天马', 'tw-yufeng-tianma');
    await browser.expecting(422, async () => {
      await page.getByTestId('bulletin-submit').click();
      await page.getByTestId('bulletin-form-error').waitFor({ timeout: 10_000 });
    });
    expect(await page.getByTestId('bulletin-form-error').textContent()).toContain('天马');
    await page.locator('[data-testid="recipient-chip"][data-agency-id="tw-yufeng-tianma"] button').click();
    await page.getByTestId('bulletin-submit').click();
    const detail = page.getByTestId('bulletin-detail');
    await detail.waitFor({ timeout: 10_000 });
    const id = (await detail.getAttribute('data-id'))!;
    expect(await page.getByTestId('receipts-summary').getAttribute('data-total')).toBe('3');
    await browser.signOut();

    await browser.signIn('yufeng.liaison', 'bulletins');
    await page.getByTestId('bulletin-view-unacknowledged').click();
    const row = page.locator(`[data-testid="bulletin-row"][data-id="${id}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await page.getByTestId('bulletin-acknowledge').click();
    await page.getByTestId('bulletin-acknowledged').waitFor({ timeout: 10_000 });
    await browser.signOut();

    await browser.signIn('sanjiang.liaison', 'bulletins');
    await page.getByTestId('bulletin-view-all').click();
    await page.waitForTimeout(500);
    expect(await page.locator(`[data-testid="bulletin-row"][data-id="${id}"]`).count()).toBe(0);
    await browser.signOut();

    await browser.signIn('lz.commander', 'bulletins');
    await page.locator(`[data-testid="bulletin-row"][data-id="${id}"]`).click();
    const summary = page.getByTestId('receipts-summary');
    await expect.poll(() => summary.getAttribute('data-acknowledged'), { timeout: 10_000 }).toBe('1');
    expect(await page.locator('[data-testid="receipt-row"][data-agency-id="cb-yufeng"]').getAttribute('data-acknowledged')).toBe('true');
    expect(await page.locator('[data-testid="receipt-row"][data-acknowledged="false"]').count()).toBe(2);
    await page.getByTestId('bulletin-remind').click();
    await page.getByTestId('remind-note').waitFor();
    expect(await page.getByTestId('remind-note').textContent()).toContain('2');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-cap').click()]);
    const xml = fs.readFileSync((await download.path())!, 'utf8');
    const verdict = await validateCapSchema(xml);
    expect(verdict.reasons).toEqual([]);
    expect(verdict.valid).toBe(true);
    expect(xml).toContain('<scope>Restricted</scope>');

    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'bulletins.png') });

    // an alert that breaks the CAP specification is refused with its reason
    await page.getByTestId('bulletin-import').click();
    await browser.expecting(422, async () => {
      await page.getByTestId('cap-file').setInputFiles(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server/test/fixtures/cap/canada_errors.cap'));
      await page.getByTestId('cap-refused').waitFor({ timeout: 10_000 });
    });
    expect(await page.getByTestId('cap-refused').textContent()).toContain('references');

    // the commander registers a webhook for the centre; the secret is shown once
    await page.getByTestId('sharing-admin-open').click();
    await page.getByTestId('webhook-url').fill('http://127.0.0.1:9/railjoint');
    await page.getByTestId('webhook-create').click();
    await page.getByTestId('webhook-secret').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('webhook-secret').textContent()).toMatch(/[0-9a-f]{64}/);
    expect(await page.getByTestId('agreements-panel').count()).toBe(0); // agreements are the admins'
    await browser.signOut();

    // an admin gives 天马镇 a data-sharing agreement for the centre's restricted bulletins
    await browser.signIn('admin', 'bulletins');
    await page.getByTestId('sharing-admin-open').click();
    const rows = page.getByTestId('agreement-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(10);
    await page.getByTestId('agreement-from').selectOption('lz-centre');
    await page.getByTestId('agreement-to').selectOption('tw-yufeng-tianma');
    await page.getByTestId('agreement-save').click();
    await page.locator('[data-testid="agreement-row"][data-id="ds-lz-centre-tw-yufeng-tianma"]').waitFor({ timeout: 10_000 });
    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
