/**
 * An English session on the demo department shows no Chinese that the server or the console
 * composed: whatever Chinese is left on a page once every name is taken out — agencies, units,
 * lines, stations, sites, places, seats and people, all of which are Chinese proper names in the
 * demo — fails the test, the lines it was on named. The data is entered in English (descriptions,
 * reasons) so that what people typed is not mistaken for the platform's words. Needs
 * `npm run build -w web` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { stationDisplayName } from '@railjoint/contracts';
import { openConsole, type Console } from './browser.js';

const HAN = /[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]/;

/** The lines of a page's text that still hold Chinese once every name is taken out. */
async function strayChinese(page: Page, names: string[]): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return text.split('\n').filter((line) => {
    let rest = line;
    for (const n of names) if (rest.includes(n)) rest = rest.split(n).join(' ');
    return HAN.test(rest);
  });
}

describe('console: an English session', () => {
  let browser: Console;

  beforeAll(async () => {
    browser = await openConsole();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows no Chinese the platform composed, only names', { timeout: 300_000 }, async () => {
    const { page, server } = browser;
    const en = { 'accept-language': 'en' };
    const call = async (user: string, method: 'GET' | 'POST', url: string, payload?: object) => {
      const res = await server.app.http.inject({ method, url, headers: { authorization: await server.app.login(user), ...en }, ...(payload ? { payload } : {}) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    // a case worked in English: units sent, casualties, a response level, a report; a transfer declined; a bulletin
    const inc = await call('lz.dispatcher1', 'POST', '/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lineId: 'xianggui', mileage: 'K499+940' }, description: 'A window broken by a stone, one passenger cut', injured: 2 });
    await call('lz.dispatcher1', 'POST', `/api/incidents/${inc.id}/dispatch`, { units: ['u-ps-liuzhou-car', 'u-yufeng-car'] });
    await call('lz.commander', 'POST', `/api/incidents/${inc.id}/level`, { level: 'II', reason: 'Casualties on a busy line' });
    await call('lz.commander', 'POST', `/api/incidents/${inc.id}/sitreps`, {});
    const other = await call('lz.dispatcher1', 'POST', '/api/incidents', { category: 'fence_damage', channel: 'patrol', location: { lineId: 'xianggui', mileage: 'K505+200' }, description: 'A gap cut in the fence' });
    await call('lz.dispatcher1', 'POST', `/api/incidents/${other.id}/transfer`, { to: 'cb-liubei', reason: 'Outside the fence' });
    await call('liubei.liaison', 'POST', `/api/incidents/${other.id}/decline-transfer`, { reason: 'Not in our area' });
    const bulletin = await call('ps.liuzhou.commander', 'POST', '/api/bulletins', { kind: 'bolo', title: 'Two young men in dark coats', body: 'Seen throwing stones near the line', classification: 'internal', distribution: { agencies: ['lz-centre'] }, validUntil: new Date(Date.now() + 86_400_000).toISOString(), incidentId: inc.id });
    await server.app.app.outbox.flush();
    await server.app.app.services.alertEngine.tick();

    // every name of the demo department, as people read them
    const agencies = (await call('admin', 'GET', '/api/agencies')).agencies.map((a: { name: string }) => a.name);
    const units = (await call('admin', 'GET', '/api/units')).units.map((u: { name: string }) => u.name);
    const people = (await call('admin', 'GET', '/api/users')).users.map((u: { displayName: string }) => u.displayName);
    const features = (await call('admin', 'GET', '/api/network')).features.map((f: { properties: { name?: string } }) => f.properties.name ?? '');
    const centres = (await call('admin', 'GET', '/api/centres')).centres as Array<{ agencyId: string }>;
    const seatLists = await Promise.all(centres.map((c) => call('admin', 'GET', `/api/centres/${c.agencyId}/seats`)));
    const seats = seatLists.flatMap((s: Array<{ name: string }> | { seats: Array<{ name: string }> }) => (Array.isArray(s) ? s : s.seats).map((x) => x.name));
    const places = (await call('admin', 'GET', '/api/organisation/areas')).features.map((f: { properties: { name: string } }) => f.properties.name);
    // a person's name may be shown without its agency's part ("…中心·接警调度员一" as 接警调度员一); the
    // language switch names Chinese in Chinese, as every language switch does
    const parts = people.flatMap((n: string) => n.split(/[·・]/));
    const names = [...new Set([...agencies, ...units, ...people, ...parts, ...features, ...features.map(stationDisplayName), ...seats, ...places, '中文'].filter((n: string) => n && HAN.test(n)))].sort((a, b) => b.length - a.length);

    await page.goto(server.url);
    await browser.signIn('lz.dispatcher1');
    await page.getByTestId('lang-en').click();
    const problems: string[] = [];
    const check = async (label: string) => {
      await page.waitForLoadState('networkidle').catch(() => undefined);
      for (const line of await strayChinese(page, names)) problems.push(`${label}: ${line}`);
    };
    await page.goto(`${server.url}/incidents`);
    await page.getByTestId('incident-queue').waitFor();
    await check('queue');
    await page.goto(`${server.url}/incidents/${inc.code}`);
    await page.getByTestId('incident-detail').and(page.locator('[data-state="done"]')).waitFor({ timeout: 20_000 });
    await page.getByTestId('recommendation').first().waitFor({ timeout: 20_000 });
    await check('incident');
    await page.goto(`${server.url}/incidents/${other.code}`);
    await page.getByTestId('incident-detail').and(page.locator('[data-state="done"]')).waitFor({ timeout: 20_000 });
    await check('declined incident');
    await page.getByTestId('alert-bell').click();
    await page.getByTestId('alert-item').first().waitFor();
    await check('alerts');
    await page.getByTestId('alert-panel-close').click();
    await page.goto(`${server.url}/units`);
    await page.getByTestId('unit-card').first().waitFor();
    await check('units');
    await page.goto(`${server.url}/bulletins/${bulletin.code}`);
    await page.getByTestId('bulletin-detail').waitFor();
    await check('bulletin');
    await page.goto(`${server.url}/map`);
    await page.getByTestId('map').waitFor();
    await check('map');
    expect(problems).toEqual([]);
  });
});
