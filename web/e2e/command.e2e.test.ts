/**
 * Response level, joint command and task orders in a real browser against the real server with the
 * demo department: the centre's commander reports casualties and a blocked line (the rules raise
 * the incident to level II), opens a joint command and gives the county bureau a task; the
 * bureau's liaison acknowledges and completes it; the commander sees it done. Needs
 * `npm run build -w web` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'out');
const TASK_TITLE = '封控 K499 附近道口';

type Server = Console['server'];

/** `datetime-local` value in Beijing time, as the deadline input takes it. */
function beijingInput(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);
}

describe('console: response level, joint command and task orders', () => {
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



  async function openIncident(code: string): Promise<void> {
    const row = page.locator(`[data-testid="queue-row"][data-code="${code}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await page.getByTestId('incident-detail').and(page.locator('[data-state="done"]')).waitFor();
  }

  const level = () => page.getByTestId('response-level').getAttribute('data-level');

  it('raises the level, opens a joint command, and a member agency works its task to completion', { timeout: 180_000 }, async () => {
    await page.goto(server.url);
    await browser.signIn('lz.commander');

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
    await page.getByTestId('description-input').fill('列车车窗被石块击中，有旅客受伤');
    await page.getByTestId('submit-incident').click();
    const notice = page.getByTestId('created-notice');
    await notice.waitFor({ timeout: 15_000 });
    const code = (await notice.locator('.mono').first().textContent())?.trim() ?? '';
    expect(code).toMatch(/^JQ\d{8}-\d{4}$/);
    await openIncident(code);

    // below level II there is no joint command to open
    await page.getByTestId('response-level').waitFor({ timeout: 10_000 });
    expect(['III', 'IV']).toContain(await level());
    expect(await page.getByTestId('open-command').count()).toBe(0);

    // three injured and the line blocked: the rules call for level II
    await page.getByTestId('situation-injured').fill('3');
    await page.getByTestId('situation-line-blocked').check();
    await page.getByTestId('situation-submit').click();
    await expect.poll(level, { timeout: 10_000 }).toBe('II');
    expect(await page.getByTestId('fact-injured').textContent()).toBe('3');
    expect(await page.getByTestId('fact-line').getAttribute('data-blocked')).toBe('true');
    const reasons = await page.locator('[data-testid="level-reasons"] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(reasons).toContain('casualties_serious');

    // the joint command: the centre, the railway police station and the county bureau command, the station sends a liaison
    await page.getByTestId('open-command').click();
    const dialog = page.getByTestId('open-command-dialog');
    await dialog.waitFor();
    const members: Array<{ id: string; search: string; role: 'commander' | 'liaison'; person: string }> = [
      { id: 'lz-centre', search: '柳州', role: 'commander', person: '王建国 指挥长' },
      { id: 'lz-ps-liuzhou', search: '柳州站派出所', role: 'commander', person: '李明 所长' },
      { id: 'cb-yufeng', search: '鱼峰', role: 'commander', person: '张强 副局长' },
      { id: 'rs-liuzhou', search: '柳州站', role: 'liaison', person: '陈站长' },
    ];
    for (const m of members) {
      const row = dialog.locator(`[data-testid="member-row"][data-agency-id="${m.id}"]`);
      // the dialog starts with the user's centre and the lead agency; the others are searched for by name
      if ((await row.count()) === 0) {
        await dialog.getByTestId('member-search').fill(m.search);
        await dialog.getByTestId('member-agency').selectOption(m.id);
        await dialog.getByTestId('member-add').click();
        await row.waitFor();
      }
      await row.getByTestId('member-role').selectOption(m.role);
      // each agency's person is picked from who is on duty there (its roster), typed only where it has none
      const pick = row.getByTestId('member-pick');
      if ((await pick.count()) > 0) expect(await pick.inputValue()).not.toBe('');
      else await row.getByTestId('member-person').fill(m.person);
    }
    expect(await dialog.getByTestId('member-row').count()).toBe(4);
    expect(await dialog.locator('[data-testid="member-row"][data-agency-id="lz-centre"] [data-testid="member-pick"] option:checked').textContent()).toMatch(/值班至/);
    await dialog.getByTestId('command-objectives-input').fill('救治伤员\n查明击打列车人员\n尽快恢复行车');
    await dialog.getByTestId('command-period').fill('6');
    await dialog.getByTestId('dialog-confirm').click();
    const view = page.getByTestId('command-view');
    await view.waitFor({ timeout: 10_000 });
    expect(await view.getAttribute('data-status')).toBe('open');
    expect(await page.getByTestId('open-command-dialog').count()).toBe(0);
    await expect.poll(() => view.getByTestId('command-objectives').locator('li').allTextContents(), { timeout: 10_000 }).toEqual(['救治伤员', '查明击打列车人员', '尽快恢复行车']);
    const roles = await view.getByTestId('command-member').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-agency-id'), e.getAttribute('data-role')])));
    expect(roles).toEqual({ 'lz-centre': 'commander', 'lz-ps-liuzhou': 'commander', 'cb-yufeng': 'commander', 'rs-liuzhou': 'liaison' });

    // a task to the county bureau, due in 30 minutes
    await view.getByTestId('task-title').fill(TASK_TITLE);
    await view.getByTestId('task-agency').selectOption('cb-yufeng');
    await view.getByTestId('task-deadline').fill(beijingInput(Date.now() + 30 * 60_000));
    await view.getByTestId('task-submit').click();
    const issued = view.getByTestId('task-row').filter({ hasText: TASK_TITLE });
    await issued.waitFor({ timeout: 10_000 });
    expect(await issued.getAttribute('data-status')).toBe('issued');
    expect(await issued.getAttribute('data-overdue')).toBe('false');
    const taskCode = (await issued.getAttribute('data-code')) ?? '';
    expect(taskCode).toMatch(/^ZL\d{8}-\d{4}$/);
    await expect
      .poll(() => page.getByTestId('timeline-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['situation_reported', 'level_changed', 'command_opened', 'task_issued']));
    // the timeline names them in words, not action codes
    expect(await page.locator('[data-testid="timeline-entry"][data-action="command_opened"] strong').textContent()).toBe('成立联合指挥部');
    await browser.signOut();

    // 鱼峰区公安分局's liaison finds the task on top of the queue and acknowledges it
    await browser.signIn('yufeng.liaison');
    const queued = page.getByTestId('my-tasks').locator(`[data-testid="my-task"][data-code="${taskCode}"]`);
    await queued.waitFor({ timeout: 15_000 });
    expect(await queued.textContent()).toContain(TASK_TITLE);
    expect(await queued.getAttribute('data-status')).toBe('issued');
    await queued.getByTestId('task-acknowledge').click();
    await expect.poll(() => queued.getAttribute('data-status'), { timeout: 10_000 }).toBe('acknowledged');

    // then, on the incident's page, reports it done with a note
    await queued.getByTestId('task-open-incident').click();
    await page.getByTestId('incident-detail').and(page.locator(`[data-state="done"]`)).waitFor();
    expect(await page.locator('.detail-head h2').textContent()).toBe(code);
    expect(await level()).toBe('II');
    const mine = page.getByTestId('incident-my-tasks').locator(`[data-testid="my-task"][data-code="${taskCode}"]`);
    await mine.waitFor({ timeout: 10_000 });
    // a report needs words
    await mine.getByTestId('task-complete').click();
    await mine.getByTestId('my-task-error').waitFor();
    // a photo of the sealed crossing goes with the report
    await mine.getByTestId('task-attach').setInputFiles({ name: 'crossing.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(256, 5)]) });
    await expect.poll(() => mine.getByTestId('task-attachment').count(), { timeout: 10_000 }).toBe(1);
    await mine.getByTestId('task-note').fill('道口已封控，现场秩序良好');
    await mine.getByTestId('task-complete').click();
    await expect.poll(() => mine.getAttribute('data-status'), { timeout: 10_000 }).toBe('completed');
    expect(await mine.textContent()).toContain('道口已封控，现场秩序良好');
    // and tells the command, in its own channel
    await page.getByTestId('message-text').fill('鱼峰分局两台警车已到道口');
    await page.getByTestId('message-channel').selectOption('command');
    await page.getByTestId('message-file').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(128, 2)]) });
    await page.getByTestId('message-send').click();
    await expect.poll(() => page.locator('[data-testid="message"][data-channel="command"]').count(), { timeout: 10_000 }).toBe(1);
    await browser.signOut();

    // the commander sees it done on the command's board
    await browser.signIn('lz.commander');
    await openIncident(code);
    const done = page.getByTestId('command-view').locator(`[data-testid="task-row"][data-code="${taskCode}"]`);
    await done.waitFor({ timeout: 10_000 });
    await expect.poll(() => done.getAttribute('data-status'), { timeout: 15_000 }).toBe('completed');
    expect(await done.getByTestId('task-last-note').textContent()).toContain('道口已封控');
    expect(await done.getByTestId('task-attachment').textContent()).toBe('crossing.jpg');
    const actions = await page.getByTestId('timeline-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['task_acknowledge', 'task_complete']));
    const commandMessage = page.locator('[data-testid="message"][data-channel="command"]');
    expect(await commandMessage.textContent()).toContain('鱼峰分局两台警车已到道口');
    expect(await commandMessage.textContent()).toContain('scene.png');

    // a situation report: drafted from the incident, edited, released, exported as PDF with the map
    await page.getByTestId('sitrep-draft').click();
    const editor = page.getByTestId('sitrep-editor');
    await editor.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('sitrep-section-basics').inputValue()).toContain('响应等级：II 级');
    // the task orders are listed apart from the editable text: each reader is sent only those they may read
    expect(await page.getByTestId('sitrep-tasks').textContent()).toContain(taskCode);
    await page.getByTestId('sitrep-section-next').fill('17:00 前恢复上行线行车');
    await page.getByTestId('sitrep-schedule').selectOption('60');
    await page.getByTestId('sitrep-next').waitFor({ timeout: 10_000 });
    await page.getByTestId('sitrep-release').click();
    await expect.poll(() => editor.getAttribute('data-status'), { timeout: 10_000 }).toBe('released');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sitrep-pdf').click()]);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(await editor.textContent()).toContain('17:00 前恢复上行线行车');

    // the level and the command's head in the picture
    await page.getByTestId('command-section').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'command.png') });

    expect(pageErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
