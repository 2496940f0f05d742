/**
 * The auditor's page: verify the SM3 audit chain, search it, and see a tampered entry named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');

describe('console: the auditor verifies the SM3 chain', () => {
  let browser: Console;
  let page: Page;
  beforeAll(async () => {
    browser = await openConsole();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the chain intact, finds refused reads, and names the entry someone rewrote', { timeout: 120_000 }, async () => {
    // a refused look at a restricted bulletin, so there is something to find
    const app = browser.server.app;
    const commander = await app.login('lz.commander');
    const b = await app.http.inject({ method: 'POST', url: '/api/bulletins', headers: { authorization: commander }, payload: { kind: 'bolo', title: '布控', body: '灰色双肩包男子', classification: 'restricted', distribution: { agencies: ['cb-yufeng'] }, validUntil: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(b.statusCode).toBe(201);
    expect((await app.http.inject({ method: 'GET', url: `/api/bulletins/${b.json().id}`, headers: { authorization: await app.login('sanjiang.liaison') } })).statusCode).toBe(404);

    await page.goto(browser.server.url);
    await page.getByTestId('signin-username').fill('lz.auditor');
    await page.getByTestId('signin-password').fill(browser.server.demoPassword);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('audit-page').waitFor({ timeout: 15_000 });
    await page.getByTestId('audit-verify').click();
    const verdict = page.getByTestId('audit-verdict');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.getAttribute('data-ok')).toBe('true');

    await page.getByTestId('audit-entity').fill('bulletin');
    await page.getByTestId('audit-result').selectOption('denied');
    await page.getByTestId('audit-search').click();
    // the search's answer, not the list shown before it (which has denied rows among the rest)
    const rows = page.locator('[data-testid="audit-row"]');
    await expect.poll(async () => ({ denied: await rows.and(page.locator('[data-result="denied"]')).count(), other: await rows.and(page.locator(':not([data-result="denied"])')).count() }), { timeout: 10_000 }).toMatchObject({ other: 0 });
    expect(await rows.and(page.locator('[data-result="denied"]')).count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="audit-row"]').first().textContent()).toContain('sanjiang.liaison');

    // someone with the database keys rewrites entry 3 behind the trigger's back
    const db = app.app.db.kysely;
    await sql`drop trigger audit_log_no_update`.execute(db);
    await db.updateTable('audit_log').set({ username: 'nobody' }).where('seq', '=', 3).execute();
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => verdict.getAttribute('data-ok'), { timeout: 30_000 }).toBe('false');
    expect(await verdict.textContent()).toMatch(/第 3 条/);

    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'audit.png') });
    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
