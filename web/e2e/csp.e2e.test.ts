/**
 * The console satisfies its content security policy: every room (the map with MapLibre's worker,
 * incidents, units, bulletins, 巡防 with its coverage map and QR labels, the auditor's page), the
 * patrol app on /mobile/patrol, the public /report page, the readable API page and an exported HTML
 * situation report, with any `securitypolicyviolation` event or CSP message in the browser
 * failing the test. Needs `npm run build -w web` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';

declare global {
  interface Window {
    __cspViolation?: (text: string) => void;
  }
}

const REPORT = { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '旅客报称列车车窗被石块击中' };

describe('console: the content security policy', () => {
  let browser: Console;
  let page: Page;
  const violations: string[] = [];
  beforeAll(async () => {
    browser = await openConsole();
    page = browser.page;
    await browser.context.exposeFunction('__cspViolation', (text: string) => violations.push(text));
    // in every document before its own scripts run, including pages opened later
    await browser.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation?.(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber}`));
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const cspMessages = () => browser.errors.filter((e) => /Content Security Policy|Refused to/i.test(e));

  it('is sent with the console and kept by every room, the API page and an exported report', { timeout: 180_000 }, async () => {
    const first = await page.goto(browser.server.url);
    const csp = first!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");

    await browser.signIn('lz.dispatcher1', 'incidents');
    await page.getByTestId('nav-map').click();
    // the map has drawn the network: its worker ran and its canvas took images
    await page.waitForFunction(() => (window as unknown as { __railjointMap?: { loaded(): boolean } }).__railjointMap?.loaded() === true, undefined, { timeout: 30_000 });
    await page.getByTestId('nav-units').click();
    await page.getByTestId('units-board').waitFor();
    await page.getByTestId('nav-bulletins').click();
    await page.getByTestId('bulletins-room').waitFor();
    await page.getByTestId('nav-incidents').click();
    await page.getByTestId('incident-queue').waitFor();

    // 巡防: the coverage map, and a checkpoint's QR code (the server's SVG as a data: image)
    await page.getByTestId('nav-patrols').click();
    await page.getByTestId('coverage-room').waitFor();
    await page.getByTestId('coverage-map').waitFor({ timeout: 30_000 });
    await page.getByTestId('patrols-tab-checkpoints').click();
    await page.getByTestId('checkpoint-show-code').first().click();
    await page.getByTestId('checkpoint-qr').waitFor();
    await expect.poll(() => page.getByTestId('checkpoint-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 10_000 }).toBe(true);
    await page.getByTestId('checkpoints-print').click();
    await page.getByTestId('print-label-qr').first().waitFor();

    // an exported HTML situation report opens in the browser, sandboxed, and is still styled
    const app = browser.server.app;
    const dispatcher = await app.login('lz.dispatcher1');
    const incident = (await app.http.inject({ method: 'POST', url: '/api/incidents', headers: { authorization: dispatcher }, payload: REPORT })).json();
    const sitrep = (await app.http.inject({ method: 'POST', url: `/api/incidents/${incident.id}/sitreps`, headers: { authorization: dispatcher }, payload: {} })).json();
    const report = await page.goto(`${browser.server.url}/api/sitreps/${sitrep.id}/export?format=html`);
    expect(report!.headers()['content-security-policy']).toMatch(/^sandbox/);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).textAlign)).toBe('center');

    // the readable API page: its one inline style is allowed by its hash
    await page.goto(`${browser.server.url}/api/docs`);
    await page.getByRole('heading', { name: 'RailJoint API' }).waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.body).maxWidth)).toBe('960px');

    await page.goto(browser.server.url);
    await page.getByTestId('signout').waitFor();
    await browser.signOut();
    await page.getByTestId('signin-username').fill('lz.auditor');
    await page.getByTestId('signin-password').fill(browser.server.demoPassword);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('audit-page').waitFor({ timeout: 15_000 });
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verdict').waitFor({ timeout: 30_000 });

    // the patrol app on /mobile/patrol (its service worker registered from a bundled module)
    await browser.signOut();
    await page.goto(`${browser.server.url}/mobile/patrol`);
    await page.getByTestId('signin-username').fill('vt.luorong.volunteer1');
    await page.getByTestId('signin-password').fill(browser.server.demoPassword);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('patrol-app').waitFor({ timeout: 15_000 });
    await page.getByTestId('patrol-duty').first().waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle').catch(() => undefined);

    // the public report page, outside any session
    await page.goto(`${browser.server.url}/report`);
    await page.getByTestId('report-form').waitFor();
    await page.waitForLoadState('networkidle').catch(() => undefined);

    expect(violations).toEqual([]);
    expect(cspMessages()).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
