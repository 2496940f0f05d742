/**
 * The 隐患 room on the demo department: the demo's overdue hazard shows flagged; the centre's
 * dispatcher reports a hazard at a mileage on 湘桂线 and it reaches both section chiefs (named on
 * its page); the railway chief's agency starts the work, adds a photo taken after and reports it
 * rectified; the centre, which found it, verifies and closes it (销号), the history naming people,
 * not sign-in names; the ledger counts it and downloads as Excel; the map carries the hazard layer.
 * The browser logs no error. Needs `npm run build -w web` first.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HazardDetail } from '@railjoint/contracts';
import type { Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');

/** A small JPEG as the browser's own camera path makes one: a canvas of one colour. */
const canvasJpeg = async (page: Page, colour: string) =>
  Buffer.from(
    await page.evaluate((fill) => {
      const c = document.createElement('canvas');
      c.width = 64;
      c.height = 48;
      const g = c.getContext('2d')!;
      g.fillStyle = fill;
      g.fillRect(0, 0, 64, 48);
      return c.toDataURL('image/jpeg', 0.8).split(',')[1]!;
    }, colour),
    'base64',
  );

describe('console: hazards under the dual section chief system', () => {
  let browser: Console;
  beforeAll(async () => {
    browser = await openConsole();
  });
  afterAll(async () => browser?.close());

  it('walks a reported hazard to closed between the centre and a section chief, and keeps the ledger', { timeout: 300_000 }, async () => {
    const { page, server } = browser;
    await page.goto(server.url);
    await browser.signIn('lz.dispatcher1');
    // the overdue one escalated to the centre at start: its alert waits on the hazards room's tab
    await page.getByTestId('room-badge-hazards').waitFor();
    await page.getByTestId('nav-hazards').click();
    await page.getByTestId('hazards-table').waitFor();
    expect(new URL(page.url()).pathname).toBe('/hazards/list');

    // the demo's stone-throwing spot is past its three days: flagged in the list
    await page.getByTestId('hazards-view').selectOption('overdue');
    const overdueRow = page.locator('[data-testid="hazard-row"]', { has: page.getByTestId('hazard-overdue') }).first();
    await overdueRow.waitFor();
    expect(await overdueRow.textContent()).toContain('投石多发点');
    await page.getByTestId('hazards-view').selectOption('open');

    // a broken fence found on an inspection at 湘桂线 K500+200, the mileage typed loosely
    await page.getByTestId('hazard-new').click();
    await page.getByTestId('hazard-form-type').selectOption('broken_fence');
    await page.getByTestId('hazard-form-severity').selectOption('major');
    await page.getByTestId('hazard-form-line').selectOption('xianggui');
    await page.getByTestId('hazard-form-mileage').fill('k500+200');
    await page.getByTestId('hazard-form-description').fill('护网被剪开约一米，有人员穿越痕迹');
    await page.getByTestId('hazard-form-submit').click();
    const panel = page.getByTestId('hazard-panel');
    await panel.waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.getByTestId('hazard-status').textContent()).toBe('已上报');
    expect(await page.getByTestId('hazard-place').textContent()).toContain('K500+200');
    const hazard = HazardDetail.parse((await server.app.http.inject({ method: 'GET', url: `/api/hazards/${id}`, headers: { authorization: await server.app.login('lz.dispatcher1') } })).json());
    // both chiefs by agency and name, as the assignment along the line says
    expect(await page.getByTestId('hazard-railway-chief').textContent()).toBe(`${hazard.railwayOwner.agencyName} · ${hazard.railwayOwner.chief}`);
    expect(await page.getByTestId('hazard-local-chief').textContent()).toBe(`${hazard.localOwner.agencyName} · ${hazard.localOwner.chief}`);
    // the centre confirms it to them; it may not start the work itself
    await page.getByTestId('hazard-act-assign').click();
    await expect.poll(() => page.getByTestId('hazard-status').textContent()).toBe('已分派');
    expect(await page.getByTestId('hazard-act-start').count()).toBe(0);

    // a reload keeps the hazard open at its address
    await page.reload();
    await expect.poll(() => page.getByTestId('hazard-panel').getAttribute('data-code')).toBe(hazard.code);

    // the railway chief's agency: starts, adds the photo after, reports it rectified
    const owner = await server.app.app.db.kysely.selectFrom('users').select('username').where('agency_id', '=', hazard.railwayOwner.agencyId).where('username', 'not like', '%auditor%').orderBy('username').executeTakeFirstOrThrow();
    await browser.signOut();
    await browser.signIn(owner.username);
    await page.getByTestId('nav-hazards').click();
    await page.locator(`[data-testid="hazard-row"][data-code="${hazard.code}"]`).click();
    await expect.poll(() => page.getByTestId('hazard-panel').getAttribute('data-code')).toBe(hazard.code);
    await page.getByTestId('hazard-act-start').click();
    await expect.poll(() => page.getByTestId('hazard-status').textContent()).toBe('整改中');
    expect(await page.getByTestId('hazard-act-rectify').isDisabled()).toBe(true);
    // a real picture (drawn by the browser), so the page can show it back
    const jpeg = await canvasJpeg(page, '#3a7d44');
    await page.getByTestId('hazard-photo-input-after').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    const shown = page.getByTestId('hazard-photos-after').getByTestId('hazard-photo');
    await shown.waitFor();
    // shown from the server under the session cookie
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 64), { timeout: 10_000 }).toBe(true);
    // a file that is no photo is refused with the server's reason, and nothing is added
    await browser.expecting(415, async () => {
      await page.getByTestId('hazard-photo-input-after').setInputFiles({ name: 'note.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.4 not a photo') });
      await page.getByRole('alert').filter({ hasText: 'JPEG' }).waitFor();
    });
    expect(await page.getByTestId('hazard-photos-after').getByTestId('hazard-photo').count()).toBe(1);
    await page.getByTestId('hazard-note').fill('已更换护网两跨');
    await page.getByTestId('hazard-act-rectify').click();
    await expect.poll(() => page.getByTestId('hazard-status').textContent()).toBe('已整改');
    // verifying is the finder's part, not the owner's
    expect(await page.getByTestId('hazard-act-verify').count()).toBe(0);

    // the centre found it: verifies, then strikes it off the ledger
    await browser.signOut();
    await browser.signIn('lz.dispatcher1');
    await page.getByTestId('nav-hazards').click();
    await page.getByTestId('hazards-search').fill(hazard.code);
    await page.locator(`[data-testid="hazard-row"][data-code="${hazard.code}"]`).click();
    await page.getByTestId('hazard-act-verify').click();
    await expect.poll(() => page.getByTestId('hazard-status').textContent()).toBe('已验收');
    await page.getByTestId('hazard-act-close').click();
    await expect.poll(() => page.getByTestId('hazard-status').textContent()).toBe('已销号');
    const history = (await page.getByTestId('hazard-history').textContent())!;
    for (const step of ['上报', '确认分派', '开始整改', '添加照片', '报告整改完成', '验收合格', '销号']) expect(history).toContain(step);
    expect(history).not.toContain('lz.dispatcher1');
    expect(history).not.toContain(owner.username);
    expect(history).toContain('已更换护网两跨');
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'hazards-closed.png') });

    // the ledger: counts with the overdue one, and the Excel copy downloads
    await page.getByTestId('hazards-tab-ledger').click();
    await page.getByTestId('ledger-township').waitFor();
    expect(await page.getByTestId('ledger-township').getByTestId('ledger-row').count()).toBeGreaterThan(0);
    const overdue = await page.getByTestId('ledger-owner').getByTestId('ledger-overdue').allTextContents();
    expect(overdue.some((n) => Number(n) > 0)).toBe(true);
    await page.screenshot({ path: path.join(OUT, 'hazards-ledger.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-xlsx').click()]);
    const file = await download.path();
    expect(file).toBeTruthy();
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    // open hazards on the map, ringed when overdue
    await page.getByTestId('nav-map').click();
    await expect
      .poll(() => page.evaluate(() => Boolean((window as unknown as { __railjointMap?: { getLayer(id: string): unknown } }).__railjointMap?.getLayer('hazard-points'))), { timeout: 15_000 })
      .toBe(true);
    expect(browser.errors).toEqual([]);
  });

  it('registers a village patrol’s finding as a hazard that reaches both section chiefs', { timeout: 300_000 }, async () => {
    const { page, server } = browser;
    const volunteer = await server.app.login('vt.luorong.volunteer1');
    const call = async (url: string, payload: object) => {
      const res = await server.app.http.inject({ method: 'POST', url, headers: { authorization: volunteer }, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    const at = new Date().toISOString();
    const patrolId = crypto.randomUUID();
    await call('/api/patrols', { id: patrolId, teamId: 'pt-vt-luorong', at });
    const cp = (await server.app.http.inject({ method: 'GET', url: '/api/checkpoints/cp-vt-luorong-1', headers: { authorization: volunteer } })).json() as { coordinates: [number, number] };
    const findingId = crypto.randomUUID();
    await call(`/api/patrols/${patrolId}/findings`, { id: findingId, category: 'fence_damage', description: '巡防发现护网被剪开约一米', lon: cp.coordinates[0], lat: cp.coordinates[1], at });

    await page.getByTestId('nav-hazards').click();
    await page.getByTestId('hazards-tab-list').click();
    const row = page.locator(`[data-testid="hazard-finding"][data-finding="${findingId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('巡防发现护网被剪开约一米');
    await row.getByTestId('hazard-finding-register').click();
    await row.getByTestId('hazard-finding-type').selectOption('broken_fence');
    await row.getByTestId('hazard-finding-severity').selectOption('critical');
    await row.getByTestId('hazard-finding-save').click();
    await page.getByTestId('hazard-panel').waitFor();
    await expect.poll(() => page.getByTestId('hazard-place').textContent()).toContain('K');
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const h = HazardDetail.parse((await server.app.http.inject({ method: 'GET', url: `/api/hazards/${id}`, headers: { authorization: volunteer } })).json());
    expect(h).toMatchObject({ source: { kind: 'patrol_finding', ref: findingId }, finderAgencyId: 'vt-luorong', severity: 'critical' });
    expect(await page.getByTestId('hazard-railway-chief').textContent()).toContain(h.railwayOwner.agencyName);
    expect(await page.getByTestId('hazard-local-chief').textContent()).toContain(h.localOwner.agencyName);
    // registered once: no longer waiting
    await expect.poll(() => page.locator(`[data-testid="hazard-finding"][data-finding="${findingId}"]`).count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });

  it('scores a station forecourt on the four aspects, shows its weakest and what to do, and issues a plan under a budget', { timeout: 300_000 }, async () => {
    const { page, server } = browser;
    await page.getByTestId('nav-hazards').click();
    await page.getByTestId('hazards-tab-space').click();
    // the demo's assessed sites, weakest first
    await page.getByTestId('space-sites').waitFor();
    expect(await page.getByTestId('space-site-row').count()).toBeGreaterThan(3);

    await page.getByTestId('space-new-site').click();
    await page.getByTestId('space-site-name').fill('柳州站东站前广场');
    await page.getByTestId('space-site-type').selectOption('station_forecourt');
    await page.getByTestId('space-site-line').selectOption('xianggui');
    await page.getByTestId('space-site-mileage').fill('k500+000');
    await page.getByTestId('space-site-save').click();
    await page.getByTestId('space-site').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/hazards\/space\//);
    // what the platform measures there shows before anyone scores
    expect(await page.getByTestId('space-measured').locator('li').count()).toBe(4);

    await page.getByTestId('space-assess').click();
    await page.getByTestId('space-form').waitFor();
    const template = (await (await page.request.get(`${server.url}/api/defensible-space/templates`)).json()) as { templates: Array<{ siteType: string; items: Array<{ id: string; aspect: string; measured: string | null }> }> };
    const items = template.templates.find((x) => x.siteType === 'station_forecourt')!.items;
    // well fenced and kept, but dark and unwatched
    for (const i of items.filter((x) => !x.measured)) await page.getByTestId(`space-score-${i.id}-${i.aspect === 'monitoring' ? 0 : 4}`).click();
    await page.getByTestId('space-form-submit').click();
    await page.getByTestId('space-recommend').waitFor();
    expect(await page.getByTestId('space-weakest').getAttribute('data-aspect')).toBe('monitoring');
    const measures = await page.getByTestId('space-measure').evaluateAll((els) => els.map((e) => e.getAttribute('data-measure')));
    expect(measures.length).toBeGreaterThan(0);
    expect(measures).toContain('lighting');
    // a photo in evidence of an unwatched item, shown beside its score
    const dark = items.find((x) => !x.measured && x.aspect === 'monitoring')!;
    const evidence = await canvasJpeg(page, '#202830');
    await page.getByTestId(`space-evidence-input-${dark.id}`).setInputFiles({ name: 'dark.jpg', mimeType: 'image/jpeg', buffer: evidence });
    await page.getByTestId(`space-evidence-${dark.id}`).getByTestId('space-evidence-photo').waitFor();
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'space-site.png') });

    // a plan for 20 × 10,000 yuan over every assessed site, exact beside greedy, issued as tasks
    await page.getByTestId('space-plan-budget').fill('20');
    await page.getByTestId('space-plan-run').click();
    await page.getByTestId('space-plan-table').waitFor();
    expect(await page.getByTestId('space-plan-row').count()).toBeGreaterThan(0);
    await page.getByTestId('space-plan-issue').click();
    await page.getByTestId('space-plan-issued').waitFor();
    const tasks = await page.getByTestId('space-plan-task').allTextContents();
    expect(tasks.length).toBe(await page.getByTestId('space-plan-row').count());
    expect(tasks.every((x) => /^ZL\d{8}-\d{4} · /.test(x))).toBe(true);
    await page.screenshot({ path: path.join(OUT, 'space-plan.png'), fullPage: true });

    // the map draws the sites coloured by score
    await page.getByTestId('nav-map').click();
    await expect
      .poll(() => page.evaluate(() => Boolean((window as unknown as { __railjointMap?: { getLayer(id: string): unknown } }).__railjointMap?.getLayer('space-sites'))), { timeout: 15_000 })
      .toBe(true);
    expect(browser.errors).toEqual([]);
  });
});
