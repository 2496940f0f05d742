/**
 * 权责清单 on the demo department, with the workstation's clock two days ahead of the platform's
 * (downloads are plain links the session cookie authenticates, so they must not care): the centre's
 * dispatcher drafts the list from the matrix, the duty commander approves it as version 1, and a
 * county liaison opens the tab, reads it grouped by category with its legal basis, and downloads it
 * as a real XLSX (a zip whose first sheet holds the rows) and a real PDF. The browser logs no
 * error. Needs `npm run build -w web` first.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { Download, Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';

async function downloaded(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])) as [Download, void];
  return { name: download.suggestedFilename(), bytes: fs.readFileSync((await download.path())!) };
}

describe('console: the power-and-responsibility list', () => {
  let browser: Console;
  beforeAll(async () => {
    browser = await openConsole({ browserClock: Date.now() + 2 * 86_400_000 });
  });
  afterAll(async () => browser?.close());

  it('is drafted and approved by the centre, then read and downloaded by a county', { timeout: 240_000 }, async () => {
    const { page, server } = browser;
    await page.goto(server.url);
    const open = async () => {
      await page.getByTestId('nav-governance').click();
      await page.getByTestId('gov-tab-responsibility').click();
      await page.getByTestId('rlist-room').waitFor();
    };

    await browser.signIn('lz.dispatcher1');
    await open();
    await page.getByTestId('rlist-none').waitFor();
    await page.getByTestId('rlist-note').fill('2026年第一版');
    await page.getByTestId('rlist-draft-make').click();
    await page.getByTestId('rlist-draft-view').click();
    await page.getByTestId('rlist-table').waitFor();
    // a dispatcher drafts, only a commander approves
    expect(await page.getByTestId('rlist-approve').count()).toBe(0);
    await browser.signOut();

    await browser.signIn('lz.commander');
    await open();
    await page.getByTestId('rlist-approve').click();
    await expect.poll(() => page.getByTestId('rlist-version').inputValue()).toBe('1');
    await browser.signOut();

    await browser.signIn('yufeng.liaison');
    await open();
    await page.getByTestId('rlist-table').waitFor();
    // the county reads, it does not draft
    expect(await page.getByTestId('rlist-draft').count()).toBe(0);
    expect(await page.getByTestId('rlist-approved').textContent()).toContain('批准');
    const stones = page.locator('[data-testid="rlist-category"][data-category="stone_throwing"]');
    expect(await stones.textContent()).toContain('击打列车');
    expect(await stones.textContent()).toContain('第四十三条');
    expect(await stones.getByTestId('rlist-row').count()).toBe(5);

    const xlsx = await downloaded(page, 'rlist-xlsx');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const parts = unzipSync(new Uint8Array(xlsx.bytes));
    expect(Object.keys(parts)).toContain('xl/workbook.xml');
    expect(strFromU8(parts['xl/worksheets/sheet1.xml']!)).toContain('击打列车');

    const pdf = await downloaded(page, 'rlist-pdf');
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.bytes.subarray(-8).toString()).toContain('%%EOF');
    expect(browser.errors).toEqual([]);
  });
});
