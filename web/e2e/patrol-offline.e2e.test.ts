/**
 * The patrol app on /mobile, offline first, on a 360×740 phone: a 雒容 volunteer starts the
 * morning patrol of the village's stretch, the network goes away halfway, three check-ins (one
 * refused as too far) and a finding with a photo are kept on the phone and shown as waiting, and
 * when the network returns they are sent once — the server holds each exactly once, and the
 * refused check-in's reason is shown. The centre's coverage view then shows the stretch patrolled
 * and the checkpoint nobody reached as a missed-checkpoint alert. Needs `npm run build -w web` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Checkpoint, Patrol, type PatrolDuty } from '@railjoint/contracts';
import { openConsole, type Console } from './browser.js';
import { jpegWithGps } from '../../server/src/modules/patrols/photos.fixtures.js';
import { now as platformNow, startClockAt } from '../../server/src/platform/clock.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'out');
// 09:00 Beijing on the demo day: the village's morning window (08:00–11:00) is open
const START = Date.parse('2026-12-01T09:00:00+08:00');
const VOLUNTEER = 'vt.luorong.volunteer1';
const MINUTE = 60_000;
/** errors a browser logs while it has no network: expected then, and only then */
const OFFLINE_NOISE = /ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|ERR_NAME_NOT_RESOLVED|WebSocket/;

describe('console: the patrol app offline on a 360-px phone', () => {
  let browser: Console;
  beforeAll(async () => {
    browser = await openConsole({ clockStart: START });
  });
  afterAll(async () => {
    startClockAt(null);
    await browser?.close();
  });

  it('queues check-ins and a finding with a photo offline, sends them once, and the centre sees coverage and the missed checkpoint', { timeout: 240_000 }, async () => {
    const { page, server, context } = browser;
    const volunteer = await server.app.login(VOLUNTEER);
    const get = async (url: string, auth = volunteer) => {
      const res = await server.app.http.inject({ method: 'GET', url, headers: { authorization: auth } });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const cps = await Promise.all(['cp-vt-luorong-1', 'cp-vt-luorong-2', 'cp-vt-luorong-3'].map(async (id) => Checkpoint.parse(await get(`/api/checkpoints/${id}`))));
    const codes = await Promise.all(cps.map(async (c) => (await get(`/api/checkpoints/${c.id}/code`)).typedCode as string));
    const duty = ((await get('/api/patrol-duties?teamId=pt-vt-luorong&date=2026-12-01')).duties as PatrolDuty[]).find((d) => d.planId === 'pp-vt-luorong' && Date.parse(d.slotStart) <= START && Date.parse(d.slotEnd) > START)!;
    expect(duty.checkpoints.map((c) => c.id)).toEqual(cps.map((c) => c.id));

    const at = async (lonLat: readonly [number, number], northM = 0) => context.setGeolocation({ longitude: lonLat[0], latitude: lonLat[1] + northM / 111_320, accuracy: 8 });
    // both clocks move on together: the walk between checkpoints takes its time
    const walk = async (ms: number) => {
      startClockAt(platformNow() + ms);
      await page.clock.fastForward(ms);
    };

    await context.grantPermissions(['geolocation'], { origin: server.url });
    await at(cps[0]!.coordinates, 300);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}/mobile`);
    await page.getByTestId('signin-username').fill(VOLUNTEER);
    await page.getByTestId('signin-password').fill(server.demoPassword);
    await page.getByTestId('signin-submit').click();
    // the village team is a unit too (it can be dispatched): its phone has both, as tabs
    await page.getByTestId('mobile-page').waitFor();
    await page.getByTestId('mobile-tab-patrol').click();
    await page.getByTestId('patrol-app').waitFor({ timeout: 15_000 });
    await page.waitForURL(/\/mobile\/patrol$/);

    const dutyCard = page.locator(`[data-testid="patrol-duty"][data-duty-id="${duty.id}"]`);
    await dutyCard.waitFor();
    expect(await dutyCard.getAttribute('data-status')).toBe('open');
    await dutyCard.getByTestId('patrol-start').click();
    const active = page.getByTestId('patrol-active');
    await active.waitFor();
    const patrolId = (await active.getAttribute('data-patrol-id'))!;
    // online, the start goes at once
    await expect.poll(() => page.getByTestId('patrol-waiting').getAttribute('data-count'), { timeout: 15_000 }).toBe('0');
    expect((await get(`/api/patrols/${patrolId}`)).dutyId).toBe(duty.id);

    // the installed app: its service worker holds the shell, so /mobile opens with no signal
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null), { timeout: 30_000 }).toBe(`${server.url}/sw.js`);

    // halfway: no signal from here on
    const errorsBefore = browser.errors.length;
    await context.setOffline(true);
    await expect.poll(() => page.getByTestId('patrol-network').getAttribute('data-online'), { timeout: 10_000 }).toBe('false');

    const checkpoint = (id: string) => page.locator(`[data-testid="patrol-checkpoint"][data-checkpoint-id="${id}"]`);
    const checkIn = async (i: number) => {
      await checkpoint(cps[i]!.id).getByTestId('patrol-checkin').click();
      await page.getByTestId('patrol-code').fill(codes[i]!);
      await page.getByTestId('patrol-code-submit').click();
      await checkpoint(cps[i]!.id).getByTestId('patrol-verdict').waitFor();
    };

    await walk(10 * MINUTE);
    await at(cps[0]!.coordinates);
    await checkIn(0);
    expect(await checkpoint(cps[0]!.id).getAttribute('data-verdict')).toBe('waiting');

    // the next checkpoint, but 400 m off it: the phone cannot know, the server will refuse it
    await walk(14 * MINUTE);
    await at(cps[1]!.coordinates, 400);
    await checkIn(1);
    await walk(4 * MINUTE);
    await at(cps[1]!.coordinates);
    await checkIn(1);

    // a cut fence on the way, with a photo
    await walk(2 * MINUTE);
    await page.getByTestId('patrol-finding').click();
    await page.getByTestId('patrol-finding-category').selectOption('fence_damage');
    await page.getByTestId('patrol-finding-description').fill('护网被剪开约一米缺口');
    await page.getByTestId('patrol-finding-photo').setInputFiles({ name: 'fence.jpg', mimeType: 'image/jpeg', buffer: jpegWithGps(6) });
    await page.getByTestId('patrol-finding-photos').waitFor();
    await page.getByTestId('patrol-finding-submit').click();
    await page.getByTestId('patrol-notice').waitFor();

    // all of it waits on the phone, and says so
    const waiting = async (kind: string) => page.locator(`[data-testid="patrol-queue-item"][data-kind="${kind}"][data-state="waiting"]`).count();
    expect(await waiting('check_in')).toBe(3);
    expect(await waiting('finding')).toBe(1);
    expect(await waiting('photo')).toBe(1);
    expect(Number(await page.getByTestId('patrol-waiting').getAttribute('data-count'))).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId('patrol-waiting').textContent()).toMatch(/\d+ 项待发送/);
    expect((await get(`/api/patrols/${patrolId}`)).checkIns).toEqual([]);
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'patrol-offline-360.png'), fullPage: true });

    // the phone restarts the app with no signal: the shell comes from the service worker, the
    // account, the patrol under way and everything waiting from the phone's own store
    await page.reload();
    await page.getByTestId('patrol-active').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('patrol-active').getAttribute('data-patrol-id')).toBe(patrolId);
    expect(await waiting('check_in')).toBe(3);
    expect(await waiting('photo')).toBe(1);
    expect(await checkpoint(cps[1]!.id).getAttribute('data-verdict')).toBe('waiting');

    // in reach of a glove, and nothing wider than the phone
    const small = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.patrol-app button, .patrol-app select, .patrol-app input:not([type=file]), .mobile-tabs a'))
        .map((e) => ({ text: e.textContent || (e.getAttribute('data-testid') ?? ''), r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.height < 44 || r.right > 360))
        .map(({ text, r }) => `${text} ${Math.round(r.width)}×${Math.round(r.height)} at ${Math.round(r.left)}`),
    );
    expect(small).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // the network comes back: everything goes, once
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/(patrol-sync|findings\/)/.test(r.url())) sent.push(`${r.url()} ${r.postData() ?? ''}`);
    });
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('patrol-waiting').getAttribute('data-count'), { timeout: 60_000 }).toBe('0');
    browser.errors.splice(errorsBefore, browser.errors.length - errorsBefore, ...browser.errors.slice(errorsBefore).filter((e) => !OFFLINE_NOISE.test(e)));

    // the refused check-in is shown with its reason, the accepted ones as accepted
    const refused = page.locator('[data-testid="patrol-queue-item"][data-kind="check_in"][data-state="refused"]');
    expect(await refused.count()).toBe(1);
    expect(await refused.textContent()).toContain('距离巡防点太远');
    expect(await checkpoint(cps[0]!.id).getAttribute('data-verdict')).toBe('accepted');
    expect(await checkpoint(cps[1]!.id).getAttribute('data-verdict')).toBe('accepted');

    const patrol = Patrol.parse(await get(`/api/patrols/${patrolId}`));
    expect(patrol.checkIns.map((c) => [c.checkpointId, c.accepted, c.reason])).toEqual([
      [cps[0]!.id, true, null],
      [cps[1]!.id, false, 'too_far'],
      [cps[1]!.id, true, null],
    ]);
    expect(new Set(patrol.checkIns.map((c) => c.id)).size).toBe(3);
    // the phone's time is kept beside the server's receipt, which came later
    for (const c of patrol.checkIns) expect(Date.parse(c.receivedAt)).toBeGreaterThan(Date.parse(c.clientAt));
    expect(patrol.findings).toHaveLength(1);
    expect(patrol.findings[0]!.photos).toHaveLength(1);
    expect(patrol.findings[0]!.incidentCode).toMatch(/^JQ/);
    // each write went in one request, never twice
    for (const c of patrol.checkIns) expect(sent.filter((s) => s.includes(c.id))).toHaveLength(1);
    expect(sent.filter((s) => s.includes(patrol.findings[0]!.id))).toHaveLength(2); // the finding, then its photo
    const photoPosts = sent.filter((s) => s.includes(`/api/findings/${patrol.findings[0]!.id}/photos`));
    expect(photoPosts).toHaveLength(1);

    // the patrol ends; the third checkpoint was never reached
    await page.getByTestId('patrol-finish').click();
    await page.getByTestId('patrol-finish-confirm').click();
    await page.getByTestId('patrol-duties').waitFor();
    await expect.poll(() => page.getByTestId('patrol-waiting').getAttribute('data-count'), { timeout: 30_000 }).toBe('0');
    expect(Patrol.parse(await get(`/api/patrols/${patrolId}`)).finishReason).toBe('finished');

    // past the slot and its grace, the platform's sweep finds the missed checkpoint
    await server.app.app.services.civil.sweep(Date.parse(duty.slotEnd) + 16 * MINUTE);

    // the centre
    await browser.signOut();
    await page.setViewportSize({ width: 1440, height: 900 });
    // signed out on /mobile/patrol, the sign-in page would lead back there: the centre starts at the console
    await page.goto(`${server.url}/signin`);
    await browser.signIn('lz.dispatcher1');
    await page.getByTestId('nav-patrols').click();
    await page.getByTestId('coverage-room').waitFor();
    const row = page.locator(`[data-testid="coverage-row"][data-section="${cps[0]!.sectionId}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-freshness')).toBe('fresh');
    const alert = page.locator('[data-testid="coverage-alert"][data-kind="missed_checkpoint"][data-team="pt-vt-luorong"]');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain('漏巡');
    // the map draws the stretch in the colour of "patrolled within 4 hours"
    await page.getByTestId('coverage-map').waitFor();
    await expect
      .poll(
        () =>
          page.evaluate((sectionId) => {
            const map = (window as unknown as { __railjointCoverageMap?: { getStyle(): { sources: Record<string, { data?: { features?: Array<{ properties: { sectionId: string; colour: string } }> } }> } } }).__railjointCoverageMap;
            return map?.getStyle().sources.sections?.data?.features?.find((f) => f.properties.sectionId === sectionId)?.properties.colour ?? null;
          }, cps[0]!.sectionId),
        { timeout: 20_000 },
      )
      .toBe('#2e7d32');
    await page.screenshot({ path: path.join(OUT, 'patrol-coverage.png') });

    expect(browser.errors).toEqual([]);
  });
});
