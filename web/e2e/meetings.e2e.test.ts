/**
 * 联席会议 on the demo department: the centre's duty commander convenes a monthly joint meeting with
 * two county bureaus and the 柳州站 police station, records it with two decisions that become task
 * orders; the county completes its task; the next meeting carries the station's open decision on
 * its agenda by itself; the minutes download as PDF. Then the month's assessment (考核) ranks the
 * agencies and a score is traced to the incident behind it. The browser logs no error. Needs
 * `npm run build -w web` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Meeting } from '@railjoint/contracts';
import { openConsole, type Console } from './browser.js';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');

describe('console: joint meetings and their decisions', () => {
  let browser: Console;
  beforeAll(async () => {
    browser = await openConsole();
  });
  afterAll(async () => browser?.close());

  it('holds a meeting with three agencies, turns two decisions into tasks and carries the open one to the next', { timeout: 300_000 }, async () => {
    const { page, server } = browser;
    await page.goto(server.url);
    await browser.signIn('lz.commander');
    await page.getByTestId('nav-governance').click();
    await page.getByTestId('meetings-room').waitFor();

    const convene = async (title: string, agenda: string, inDays: number) => {
      await page.getByTestId('meeting-new').click();
      // Beijing wall time, as the form reads it
      await page.getByTestId('meeting-when').fill(new Date(Date.now() + 8 * 3_600_000 + inDays * 86_400_000).toISOString().slice(0, 16));
      await page.getByTestId('meeting-type').selectOption('joint_monthly');
      await page.getByTestId('meeting-title').fill(title);
      await page.getByTestId('meeting-place').fill('柳州处三楼会议室');
      for (const a of ['cb-yufeng', 'cb-liubei', 'lz-ps-liuzhou']) await page.getByTestId(`meeting-invite-${a}`).check();
      await page.getByTestId('meeting-agenda').fill(agenda);
      await page.getByTestId('meeting-save').click();
      await page.getByTestId('meeting').waitFor();
      return new URL(page.url()).pathname.split('/').pop()!;
    };
    const first = await convene('十二月路地联席会议', '通报上月警情\n护网破损整治', 1);
    expect(await page.getByTestId('meeting-status').textContent()).toBe('待召开');

    await page.getByTestId('meeting-record').click();
    await page.getByTestId('meeting-attended-cb-liubei').uncheck();
    await page.getByTestId('meeting-minutes').fill('会议通报了十一月警情，研究了鱼峰段护网整治和站区巡逻。');
    await page.getByTestId('decision-add').click();
    await page.getByTestId('decision-add').click();
    const drafts = page.getByTestId('meeting-decision-draft');
    await drafts.nth(0).getByTestId('decision-text').fill('修复鱼峰段护网缺口');
    await drafts.nth(0).getByTestId('decision-owner').selectOption('cb-yufeng');
    await drafts.nth(1).getByTestId('decision-text').fill('站区每周两次联合巡逻');
    await drafts.nth(1).getByTestId('decision-owner').selectOption('lz-ps-liuzhou');
    await page.getByTestId('meeting-record-save').click();
    await expect.poll(() => page.getByTestId('meeting-status').textContent()).toBe('已召开');
    expect(await page.getByTestId('meeting-decisions').getByTestId('meeting-decision').count()).toBe(2);
    const held = Meeting.parse((await (await page.request.get(`${server.url}/api/meetings/${first}`)).json()) as unknown);
    expect(held.decisions.map((d) => d.ownerAgencyId)).toEqual(['cb-yufeng', 'lz-ps-liuzhou']);
    expect(held.agencies.find((a) => a.agencyId === 'cb-liubei')!.attended).toBe(false);

    // the minutes download as PDF
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('meeting-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/minutes\.pdf$/);
    // the centre tables its report at the meeting
    await page.getByTestId('meeting-document-input').setInputFiles({ name: '十一月警情通报.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await expect.poll(() => page.getByTestId('meeting-document').allTextContents()).toEqual([expect.stringContaining('十一月警情通报.pdf')]);

    // the county does its part: its task order is completed
    const county = await server.app.login('yufeng.liaison');
    for (const [step, payload] of [['acknowledge', {}], ['complete', { note: '护网已修复' }]] as const) {
      const res = await server.app.http.inject({ method: 'POST', url: `/api/tasks/${held.decisions[0]!.taskId}/${step}`, headers: { authorization: county }, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }

    // the next meeting: the station's open decision is on its agenda by itself, the done one is not
    const second = await convene('一月路地联席会议', '春运安保部署', 30);
    expect(second).not.toBe(first);
    const carried = page.getByTestId('meeting-carried').getByTestId('meeting-decision');
    await carried.first().waitFor();
    expect(await carried.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).toEqual([held.decisions[1]!.code]);
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'meetings-next.png') });
    // and the first meeting shows its county decision done
    await page.locator(`[data-testid="meeting-row"][data-code="${held.code}"]`).click();
    await expect.poll(() => page.locator(`[data-testid="meeting-decisions"] [data-code="${held.decisions[0]!.code}"]`).getAttribute('data-status')).toBe('done');
    expect(browser.errors).toEqual([]);
  });

  // the same signed-in commander and department: one browser for the governance rooms
  it('ranks the agencies for the month and traces a score to the incident behind it', { timeout: 120_000 }, async () => {
    const { page, server } = browser;
    const dispatcher = await server.app.login('lz.dispatcher1');
    const call = async (url: string, payload?: unknown) => {
      const res = await server.app.http.inject({ method: payload === undefined ? 'GET' : 'POST', url, headers: { authorization: dispatcher }, ...(payload === undefined ? {} : { payload: payload as object }) });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    const incident = await call('/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '石块击打列车，车窗破损' });
    const { recommendations } = await call(`/api/incidents/${incident.id}/recommendations`);
    await call(`/api/incidents/${incident.id}/dispatch`, { units: [recommendations[0].unitId] });

    await page.getByTestId('gov-tab-assessment').click();
    await page.getByTestId('assessment-room').waitFor();
    // the running month, in Beijing time
    await page.getByTestId('assessment-period').selectOption(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7));
    const row = page.getByTestId(`assessment-row-${incident.lead.agencyId}`);
    await expect.poll(() => row.locator('td').first().textContent()).toBe('1');
    await row.click();
    const item = page.getByTestId('assessment-item-reception.dispatch_time');
    await expect.poll(() => item.getByTestId('assessment-explanation').textContent()).toMatch(/^派警用时：.*1 条记录.*目标 120 秒/);
    await item.getByTestId('assessment-records-open').click();
    await item.getByTestId('assessment-records').getByRole('link', { name: new RegExp(incident.code) }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/incidents/${incident.code}`);

    // the SFIC view: the quarter's survey answered once, the indicators charted by component
    await page.getByTestId('nav-governance').click();
    await page.getByTestId('gov-tab-sfic').click();
    await page.getByTestId('sfic-survey').waitFor();
    for (const item of await page.locator('[data-testid^="survey-item-"]').all()) await item.locator('input[value="4"]').check();
    await page.getByTestId('survey-send').click();
    await page.getByTestId('survey-answered').waitFor();
    await page.getByTestId('sfic-chart-reception.dispatch_time').locator('canvas').waitFor();
    expect(await page.getByTestId('sfic-outcomes').locator('canvas').count()).toBeGreaterThan(1);
    expect(browser.errors).toEqual([]);
  });
});

describe('console: an upload stays with its meeting', () => {
  let browser: Console;
  beforeAll(async () => {
    browser = await openConsole();
  });
  afterAll(async () => browser?.close());

  // the three upload lists once shared one state: a file still uploading for meeting A showed (and
  // then landed) under meeting B when the user moved on; each record now keeps its own
  it('keeps a slow upload with the meeting it was made for when the user opens another', { timeout: 300_000 }, async () => {
    const { page, server } = browser;
    await page.goto(server.url);
    await browser.signIn('lz.commander');
    await page.getByTestId('nav-governance').click();
    await page.getByTestId('meetings-room').waitFor();
    const convene = async (title: string, inDays: number) => {
      await page.getByTestId('meeting-new').click();
      await page.getByTestId('meeting-when').fill(new Date(Date.now() + 8 * 3_600_000 + inDays * 86_400_000).toISOString().slice(0, 16));
      await page.getByTestId('meeting-type').selectOption('joint_monthly');
      await page.getByTestId('meeting-title').fill(title);
      for (const a of ['cb-yufeng']) await page.getByTestId(`meeting-invite-${a}`).check();
      await page.getByTestId('meeting-agenda').fill('一');
      await page.getByTestId('meeting-save').click();
      await page.getByTestId('meeting').waitFor();
      return page.getByTestId('meeting').getAttribute('data-code');
    };
    const a = (await convene('甲会议', 1))!;
    const b = (await convene('乙会议', 2))!;
    await page.locator(`[data-testid="meeting-row"][data-code="${a}"]`).click();
    await expect.poll(() => page.getByTestId('meeting').getAttribute('data-code')).toBe(a);
    await page.route('**/api/meetings/*/documents?**', async (route) => {
      await new Promise((r) => setTimeout(r, 3000));
      await route.continue();
    });
    await page.getByTestId('meeting-document-input').setInputFiles({ name: '甲材料.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await expect.poll(() => page.getByTestId('meeting-documents').locator('label').textContent()).toBe('正在上传…');
    await page.locator(`[data-testid="meeting-row"][data-code="${b}"]`).click();
    await expect.poll(() => page.getByTestId('meeting').getAttribute('data-code')).toBe(b);
    const labelB = await page.getByTestId('meeting-documents').locator('label').textContent();
    const disabledB = await page.getByTestId('meeting-document-input').isDisabled();
    await page.waitForTimeout(4500);
    const codeAfter = await page.getByTestId('meeting').getAttribute('data-code');
    const docsB = await page.getByTestId('meeting-document').count();
    await page.locator(`[data-testid="meeting-row"][data-code="${a}"]`).click();
    await expect.poll(() => page.getByTestId('meeting-document').allTextContents()).toEqual([expect.stringContaining('甲材料.pdf')]);
    expect({ labelB, disabledB, codeAfter, docsB }).toEqual({ labelB: '上传材料（PDF 或图片）', disabledB: false, codeAfter: b, docsB: 0 });
  });
});
