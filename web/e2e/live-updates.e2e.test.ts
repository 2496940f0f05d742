/**
 * The incident page kept current by live events without reading the whole incident again: after
 * the first read, each change reads only the timeline entries the page lacks, and the parts of the
 * page a change does not touch (messages, response level) are not read again at all; the timeline
 * on screen ends up complete and in order. Needs `npm run build -w web` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type Console } from './browser.js';

describe('console: an incident page kept current by live events', () => {
  let browser: Console;

  beforeAll(async () => {
    browser = await openConsole();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reads only what is new for each change, and nothing of the parts a change does not touch', { timeout: 180_000 }, async () => {
    const { page, server } = browser;
    const dispatcher = await server.app.login('lz.dispatcher1');
    const post = async (url: string, payload: object) => {
      const res = await server.app.http.inject({ method: 'POST', url, headers: { authorization: dispatcher }, payload });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const inc = await post('/api/incidents', { category: 'fence_damage', channel: 'patrol', location: { lineId: 'xianggui', mileage: 'K505+200' }, description: '护网破损' });
    // the panels' reads answered so far, to know when the page has settled
    const answered = new Set<string>();
    page.on('requestfinished', (r) => {
      const u = new URL(r.url());
      if (r.method() === 'GET' && u.pathname.startsWith(`/api/incidents/${inc.id}/`)) answered.add(u.pathname.slice(`/api/incidents/${inc.id}`.length));
    });
    let partReads = 0;
    page.on('request', (r) => {
      if (r.method() === 'GET' && /\/(level|messages)$/.test(new URL(r.url()).pathname)) partReads++;
    });
    const settledParts = () => ['/level', '/messages'].filter((p) => answered.has(p));
    await page.goto(server.url);
    await browser.signIn('lz.dispatcher1');
    await page.goto(`${server.url}/incidents/${inc.code}`);
    await page.getByTestId('incident-detail').and(page.locator('[data-state="done"]')).waitFor({ timeout: 20_000 });
    // Counting starts only once the page is settled: the live channel is up (its first `ready`
    // re-reads everything the page shows, which on a slow machine can land late) and both panels
    // that notes must not touch have answered their reads.
    await page.getByTestId('feed-mode').and(page.locator('[data-mode="live"]')).waitFor({ timeout: 20_000 });
    await expect.poll(() => settledParts(), { timeout: 20_000 }).toEqual(['/level', '/messages']);
    // and a whole second passes without a read of them starting (the re-read can trail the mode)
    for (let seen = -1; seen !== partReads; ) {
      seen = partReads;
      await page.waitForTimeout(1_000);
      await page.waitForLoadState('networkidle');
    }

    const reads: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (r.method() === 'GET' && u.pathname.startsWith(`/api/incidents/${inc.id}`)) reads.push(u.pathname.slice(`/api/incidents/${inc.id}`.length) + u.search);
    });
    // eight notes, one after another, as a busy incident gets them
    for (let n = 1; n <= 8; n++) await post(`/api/incidents/${inc.id}/note`, { text: `现场补充情况 ${n}` });
    await expect.poll(() => page.locator('[data-testid="timeline-entry"][data-action="note"]').count(), { timeout: 20_000 }).toBe(8);
    await page.waitForLoadState('networkidle');

    const detailReads = reads.filter((r) => r === '' || r.startsWith('?'));
    expect(detailReads.length).toBeGreaterThan(0);
    // every read of the incident asked only for the entries after those on screen
    expect(detailReads.every((r) => /^\?timelineAfter=\d+$/.test(r)), detailReads.join(' ')).toBe(true);
    // notes touch neither the messages nor the response level: those are not read again
    expect(reads.filter((r) => r.startsWith('/messages') || r.startsWith('/level'))).toEqual([]);
    // and the timeline is whole and in order
    const texts = await page.locator('[data-testid="timeline-entry"][data-action="note"] .timeline-detail').allTextContents();
    expect(texts).toEqual(Array.from({ length: 8 }, (_, i) => `现场补充情况 ${i + 1}`));
    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
