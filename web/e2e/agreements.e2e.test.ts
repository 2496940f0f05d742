/**
 * 协议 room on the demo department, through the list-and-detail layout the governance rooms share:
 * nothing chosen says so; a record opens by keyboard (its title is a button) or by a click on its
 * row, and its address keeps the choice across a reload; an edit form is dropped when another
 * record is opened, and a cancelled draft goes back to the record. Needs `npm run build -w web` first.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openConsole, type Console } from './browser.js';

let browser: Console;
beforeAll(async () => { browser = await openConsole(); });
afterAll(async () => browser?.close());

it('agreements room: choose by keyboard or row, the address keeps the choice, one form at a time', async () => {
  const { page, server } = browser;
  const auth = await server.app.login('lz.commander');
  const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  const ids: string[] = [];
  for (const title of ['甲协议', '乙协议']) {
    const res = await server.app.http.inject({ method: 'POST', url: '/api/agreements', headers: { authorization: auth }, payload: { kind: 'agreement', title, parties: ['cb-yufeng', 'lz-ps-liuzhou'], scope: { lines: [{ lineId: 'xianggui', from: 'K499+000', to: 'K501+000' }], areas: [] }, obligations: [{ kind: 'patrol_hours', partyAgencyId: 'lz-ps-liuzhou', target: 20 }], validFrom: day(Date.now() - 86_400_000), validTo: day(Date.now() + 300 * 86_400_000) } });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
  await page.goto(server.url);
  await browser.signIn('lz.commander');
  await page.goto(`${server.url}/agreements`);
  await page.getByTestId('coop-room').waitFor();
  await expect.poll(() => page.getByTestId('coop-row').count()).toBeGreaterThanOrEqual(2);
  expect(await page.getByTestId('coop-room').locator('.hazards-detail').textContent()).toBe('在左侧选择一份协议。');
  expect(await page.locator('[aria-current="true"]').count()).toBe(0);
  // keyboard: the title button opens the record
  const rowA = page.getByTestId('coop-row').filter({ hasText: '甲协议' });
  await rowA.getByRole('button', { name: '甲协议' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/agreements/${ids[0]}`);
  await page.getByTestId('coop-detail').waitFor();
  expect(await rowA.getAttribute('class')).toBe('is-selected');
  expect(await rowA.getByRole('button').getAttribute('aria-current')).toBe('true');
  // edit, then open another: the edit form is dropped
  await page.getByTestId('coop-edit').click();
  await page.getByTestId('coop-form').waitFor();
  expect(await page.getByTestId('coop-title').inputValue()).toBe('甲协议');
  const rowB = page.getByTestId('coop-row').filter({ hasText: '乙协议' });
  await rowB.locator('td').last().click(); // the row itself, not its button
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/agreements/${ids[1]}`);
  await page.getByTestId('coop-detail').waitFor();
  expect(await page.getByTestId('coop-form').count()).toBe(0);
  // new, then cancel: back to the record
  await page.getByTestId('coop-new').click();
  await page.getByTestId('coop-form').waitFor();
  expect(await page.getByTestId('coop-title').inputValue()).toBe('');
  await page.getByTestId('coop-form').getByRole('button', { name: '取消' }).click();
  await page.getByTestId('coop-detail').waitFor();
  // the address keeps the choice across a reload
  await page.reload();
  await page.getByTestId('coop-detail').waitFor();
  expect(await page.getByTestId('coop-row').filter({ hasText: '乙协议' }).getAttribute('class')).toBe('is-selected');
  expect(await page.getByTestId('coop-room').locator('tbody tr').first().evaluate((el) => getComputedStyle(el).cursor)).toBe('pointer');
  expect(browser.errors).toEqual([]);
});
