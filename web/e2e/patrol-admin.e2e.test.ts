/**
 * The 巡防 room's management tabs on the demo department, as the centre's dispatcher: a
 * checkpoint set up at a mileage shows the QR code the server drew (the image loads) and its
 * printable label sheet, and a new code voids the old; a plan with teams of two agencies is marked
 * a joint patrol (联勤联巡); a village team's members show by name with phone, skills, certificates
 * (one due to expire flagged) and availability; the month's statement shows the points of a patrol
 * walked that morning. Nothing is wider than a 1366-px window, in Chinese or in English, and the
 * browser logs no error. Needs `npm run build -w web` first.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Checkpoint, type PatrolDuty } from '@railjoint/contracts';
import { openConsole, type Console } from './browser.js';
import { overflowing } from './overflowing.js';
import { now as platformNow, startClockAt } from '../../server/src/platform/clock.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'out');
// 09:00 Beijing on the demo day: the 雒容 village team's morning window (08:00–11:00) is open
const START = Date.parse('2026-12-01T09:00:00+08:00');
const MINUTE = 60_000;

/** An <img> that has loaded a picture (an SVG the browser could not read has no width). */
const imageLoaded = (page: Page, selector: string) => page.locator(selector).first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);

describe('console: patrol teams, checkpoints, plans and points', () => {
  let browser: Console;
  beforeAll(async () => {
    browser = await openConsole({ clockStart: START });
  });
  afterAll(async () => {
    startClockAt(null);
    await browser?.close();
  });

  it('sets up a checkpoint with its printed code, plans a joint patrol, shows a team and its month of points', { timeout: 300_000 }, async () => {
    const { page, server } = browser;
    const volunteer = await server.app.login('vt.luorong.volunteer1');
    const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const res = await server.app.http.inject({ method, url, headers: { authorization: volunteer }, ...(payload ? { payload } : {}) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    // the village volunteer has walked the morning round and checked in at the first checkpoint on time
    const cp = Checkpoint.parse(await call('GET', '/api/checkpoints/cp-vt-luorong-1'));
    const typed = (await call('GET', `/api/checkpoints/${cp.id}/code`)).typedCode as string;
    const duty = ((await call('GET', '/api/patrol-duties?teamId=pt-vt-luorong&date=2026-12-01')).duties as PatrolDuty[]).find((d) => d.planId === 'pp-vt-luorong' && Date.parse(d.slotStart) <= START && Date.parse(d.slotEnd) > START)!;
    const iso = (ms: number) => new Date(ms).toISOString();
    const patrolId = crypto.randomUUID();
    await call('POST', '/api/patrols', { id: patrolId, teamId: 'pt-vt-luorong', dutyId: duty.id, at: iso(platformNow() - 40 * MINUTE) });
    const checkIn = await call('POST', `/api/patrols/${patrolId}/check-ins`, { id: crypto.randomUUID(), checkpointId: cp.id, method: 'typed', code: typed, lon: cp.coordinates[0], lat: cp.coordinates[1], accuracyM: 8, at: iso(platformNow() - 20 * MINUTE) });
    expect(checkIn.accepted).toBe(true);
    await call('POST', `/api/patrols/${patrolId}/finish`, { id: crypto.randomUUID(), at: iso(platformNow() - MINUTE) });

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(server.url);
    await browser.signIn('lz.dispatcher1');
    await page.getByTestId('nav-patrols').click();
    // coverage stays the room's first tab, at its own address
    await page.getByTestId('coverage-room').waitFor();
    expect(new URL(page.url()).pathname).toBe('/patrols');

    // a checkpoint of the 柳州站 police station at a mileage on 湘桂线, typed loosely
    await page.getByTestId('patrols-tab-checkpoints').click();
    await page.getByTestId('checkpoints-tab').waitFor();
    expect(new URL(page.url()).pathname).toBe('/patrols/checkpoints');
    await page.getByTestId('checkpoint-new').click();
    await page.getByTestId('checkpoint-agency').selectOption('lz-ps-liuzhou');
    await page.getByTestId('checkpoint-name').fill('湘桂线K501+300测试巡防点');
    await page.getByTestId('checkpoint-by').selectOption('mileage');
    await page.getByTestId('checkpoint-line').selectOption('xianggui');
    await page.getByTestId('checkpoint-mileage').fill('k501+300');
    await page.getByTestId('checkpoint-radius').fill('60');
    await page.getByTestId('checkpoint-save').click();
    await page.getByTestId('checkpoint-notice').waitFor();
    expect(await page.getByTestId('checkpoint-notice').textContent()).toContain('K501+300');
    const row = page.locator('[data-testid="checkpoint-row"]', { hasText: '湘桂线K501+300测试巡防点' });
    await row.waitFor();
    const cpId = (await row.getAttribute('data-checkpoint'))!;
    expect(await row.getByTestId('checkpoint-place').textContent()).toMatch(/湘桂.*K501\+300/);
    expect(await row.textContent()).toContain('60 米');

    // its QR code, drawn by the server, loads as an image; the code to type goes with it
    const panel = page.locator(`[data-testid="checkpoint-code"][data-checkpoint="${cpId}"]`);
    await panel.getByTestId('checkpoint-qr').waitFor();
    await expect.poll(() => imageLoaded(page, '[data-testid="checkpoint-qr"]'), { timeout: 10_000 }).toBe(true);
    expect(await panel.getAttribute('data-version')).toBe('1');
    const firstTyped = (await panel.getByTestId('checkpoint-typed').textContent())!.trim();
    expect(firstTyped.replace('-', '')).toMatch(/^[0-9A-Z]{10}$/);

    // a label was lost: a new code, and the old one stops working
    page.once('dialog', (d) => void d.accept());
    await row.getByTestId('checkpoint-rotate').click();
    await expect.poll(() => panel.getAttribute('data-version'), { timeout: 10_000 }).toBe('2');
    await expect.poll(async () => (await panel.getByTestId('checkpoint-typed').textContent())?.trim(), { timeout: 10_000 }).not.toBe(firstTyped);

    // the printable sheet: name, place and the QR code, and on paper nothing of the console
    await panel.getByTestId('checkpoint-print-one').click();
    await page.getByTestId('print-sheet').waitFor();
    expect(new URL(page.url()).pathname).toBe('/patrols/checkpoints/print');
    const label = page.locator(`[data-testid="print-label"][data-checkpoint="${cpId}"]`);
    await label.getByTestId('print-label-qr').waitFor();
    expect(await label.textContent()).toContain('湘桂线K501+300测试巡防点');
    expect(await label.getByTestId('print-label-place').textContent()).toContain('K501+300');
    await expect.poll(() => imageLoaded(page, `[data-testid="print-label"][data-checkpoint="${cpId}"] img`), { timeout: 10_000 }).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.getByTestId('print-now').isVisible()).toBe(false);
    expect(await label.isVisible()).toBe(true);
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'patrol-print.png') });
    await page.emulateMedia({ media: 'screen' });

    // a plan walked by the 雒容 village team and the 鱼峰 county bureau's patrol: a joint patrol
    await page.getByTestId('patrols-tab-plans').click();
    await page.getByTestId('plans-tab').waitFor();
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-name').fill('湘桂线雒容段联勤联巡（测试）');
    await page.getByTestId('plan-line').selectOption('xianggui');
    await page.getByTestId('plan-from').fill('K500+000');
    await page.getByTestId('plan-to').fill('k503+0');
    await page.getByTestId('plan-checkpoint-pick').selectOption(cpId);
    await page.getByTestId('plan-checkpoint-add').click();
    expect(await page.getByTestId('plan-points').textContent()).toContain('湘桂线K501+300测试巡防点');
    await page.getByTestId('plan-day-6').uncheck();
    await page.getByTestId('plan-day-7').uncheck();
    await page.getByTestId('plan-window-add').click();
    await page.locator('[data-testid="plan-team"][data-team="pt-vt-luorong"]').check();
    await page.locator('[data-testid="plan-team"][data-team="pt-cb-yufeng"]').check();
    await page.getByTestId('plan-joint-preview').waitFor();
    await page.getByTestId('plan-save').click();
    await page.getByTestId('plan-notice').waitFor();
    const plan = page.locator('[data-testid="plan-row"]', { hasText: '湘桂线雒容段联勤联巡（测试）' });
    await plan.waitFor();
    expect(await plan.getAttribute('data-joint')).toBe('true');
    const joint = (await plan.getByTestId('plan-joint').textContent())!;
    expect(joint).toContain('联勤联巡');
    expect(joint).toContain('鱼峰');
    expect(await plan.getByTestId('plan-stretch').textContent()).toMatch(/K500\+000–K503\+000/);
    expect(await plan.getByTestId('plan-teams').textContent()).toContain('鱼峰分局护路巡逻队');
    expect(await plan.textContent()).toContain('周一、二、三、四、五');
    // a plan of one agency is not
    expect(await page.locator('[data-testid="plan-row"][data-plan="pp-vt-luorong"]').getAttribute('data-joint')).toBe('false');

    // the village team: its members by name, phone, skills, certificates with the one due flagged, availability
    await page.getByTestId('patrols-tab-teams').click();
    await page.getByTestId('teams-tab').waitFor();
    await page.getByTestId('teams-kind').selectOption('township_team');
    await page.locator('[data-testid="team-row"][data-team="pt-vt-luorong"]').click();
    const detail = page.locator('[data-testid="team-detail"][data-team="pt-vt-luorong"]');
    await detail.waitFor();
    const members = detail.getByTestId('member-row');
    expect(await members.count()).toBe(5);
    const first = members.first();
    const firstText = (await first.textContent())!;
    expect(firstText).not.toMatch(/队员\s*\d/);
    expect(firstText).toMatch(/170\d{8}/);
    expect(await first.locator('[data-testid="member-cert"]').getAttribute('data-state')).toBe('expiring');
    expect(await members.last().getByTestId('member-availability').getAttribute('data-availability')).toBe('limited');

    // the month's statement: the morning's check-in earned the volunteer points
    await page.getByTestId('patrols-tab-statements').click();
    await page.getByTestId('statements-tab').waitFor();
    expect(await page.getByTestId('statement-month').inputValue()).toBe('2026-12');
    await page.locator('[data-testid="statement-team"][data-team="pt-vt-luorong"]').getByTestId('statement-team-open').click();
    const statement = page.locator('[data-testid="statement-detail"][data-team="pt-vt-luorong"]');
    await statement.waitFor();
    const mine = statement.locator('[data-testid="statement-member"][data-member="pt-vt-luorong-m1"]');
    await expect.poll(async () => Number(await mine.getByTestId('statement-points').textContent()), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(await mine.textContent()).not.toMatch(/队员\s*\d/);

    // nothing overflows at 1366 px, in either language
    const problems: string[] = [];
    const check = async (label: string) => {
      await page.waitForLoadState('networkidle').catch(() => undefined);
      for (const p of await overflowing(page)) problems.push(`${label}: ${p}`);
    };
    for (const lang of ['zh-CN', 'en'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      await page.getByTestId('patrols-tab-coverage').click();
      await page.getByTestId('coverage-table').waitFor();
      await check(`${lang} coverage`);
      await page.getByTestId('patrols-tab-teams').click();
      await page.locator('[data-testid="team-row"][data-team="pt-vt-luorong"]').click();
      await page.getByTestId('member-row').first().waitFor();
      await page.getByTestId('member-new').click();
      await page.getByTestId('cert-add').click();
      await check(`${lang} teams`);
      await page.screenshot({ path: path.join(OUT, `patrol-teams-${lang}.png`) });
      await page.getByTestId('patrols-tab-checkpoints').click();
      await page.locator(`[data-testid="checkpoint-row"][data-checkpoint="${cpId}"]`).getByTestId('checkpoint-show-code').click();
      await page.getByTestId('checkpoint-qr').waitFor();
      await page.getByTestId('checkpoint-new').click();
      await check(`${lang} checkpoints`);
      await page.screenshot({ path: path.join(OUT, `patrol-checkpoints-${lang}.png`) });
      await page.getByTestId('checkpoints-print').click();
      await page.getByTestId('print-label').first().waitFor();
      await check(`${lang} print sheet`);
      await page.getByTestId('patrols-tab-plans').click();
      await page.getByTestId('plan-row').first().waitFor();
      await page.getByTestId('plan-new').click();
      await check(`${lang} plans`);
      await page.screenshot({ path: path.join(OUT, `patrol-plans-${lang}.png`) });
      await page.getByTestId('patrols-tab-statements').click();
      await page.locator('[data-testid="statement-team"][data-team="pt-vt-luorong"]').getByTestId('statement-team-open').click();
      await page.getByTestId('statement-detail').waitFor();
      await check(`${lang} statements`);
    }
    expect(problems).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
