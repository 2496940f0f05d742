/**
 * Two-factor sign-in in the console: a commander enrols (QR code, the key read from the page,
 * a first code, recovery codes shown once), signs out, signs in with a code from the app, then
 * with a recovery code, and that recovery code is refused the second time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');

describe('console: two-factor sign-in', () => {
  let browser: Console;
  let page: Page;
  beforeAll(async () => {
    browser = await openConsole({ mfaRoles: ['commander'] });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
  });

  const password = async () => {
    await page.getByTestId('signin-username').fill('lz.commander');
    await page.getByTestId('signin-password').fill(browser.server.demoPassword);
    await page.getByTestId('signin-submit').click();
  };

  it('enrols a commander, then signs in with a code and with a recovery code, once', { timeout: 120_000 }, async () => {
    await page.goto(browser.server.url);
    await password();

    // an enrolment session: the console stays closed until the second factor is set up
    await page.getByTestId('enrolment-page').waitFor({ timeout: 15_000 });
    await page.getByTestId('totp-start').click();
    const secret = await page.getByTestId('totp-secret').getAttribute('data-secret');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.getByTestId('totp-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    await page.getByTestId('totp-code').fill(await generate({ secret: secret! }));
    await page.getByTestId('totp-confirm').click();
    await page.getByTestId('recovery-codes').waitFor();
    const codes = await page.getByTestId('recovery-code').allTextContents();
    expect(codes).toHaveLength(10);
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'second-factor-codes.png') });
    await page.getByTestId('recovery-done').click();
    await page.getByTestId('signout').waitFor();
    await page.getByTestId('account-menu').waitFor();
    await browser.signOut();

    // with a code from the app (the next one: the enrolment spent the current step)
    await password();
    await page.getByTestId('second-factor').waitFor();
    await page.getByTestId('second-factor-code').fill(await generate({ secret: secret!, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByTestId('second-factor-submit').click();
    await page.getByTestId('account-menu').waitFor({ timeout: 15_000 });

    // the account menu: the factor is on; a common new password is refused with its reason by the field
    await page.getByTestId('account-menu').click();
    expect(await page.getByTestId('mfa-section').getAttribute('data-enrolled')).toBe('true');
    await page.getByTestId('password-current').fill(browser.server.demoPassword);
    await page.getByTestId('password-new').fill('woaini1314');
    await page.getByTestId('password-again').fill('woaini1314');
    await browser.expecting(422, async () => {
      await page.getByTestId('password-save').click();
      await page.getByTestId('password-error').waitFor();
    });
    expect(await page.getByTestId('password-error').textContent()).toContain('常见密码');
    await page.screenshot({ path: path.join(OUT, 'second-factor-account.png') });
    await page.getByTestId('account-close').click();
    await browser.signOut();

    // with a recovery code
    await password();
    await page.getByTestId('second-factor-switch').click();
    await page.getByTestId('second-factor-recovery').fill(codes[0]!);
    await page.getByTestId('second-factor-submit').click();
    await page.getByTestId('account-menu').waitFor({ timeout: 15_000 });
    await browser.signOut();

    // the same recovery code again: refused
    await password();
    await page.getByTestId('second-factor-switch').click();
    await page.getByTestId('second-factor-recovery').fill(codes[0]!);
    await browser.expecting(401, async () => {
      await page.getByTestId('second-factor-submit').click();
      await page.getByTestId('second-factor-error').waitFor();
    });
    expect(await page.getByTestId('second-factor-error').getAttribute('data-code')).toBe('invalid_code');
    expect(await page.getByTestId('second-factor-error').textContent()).toContain('恢复码');
    await page.screenshot({ path: path.join(OUT, 'second-factor-refused.png') });

    const trail = await browser.server.app.app.db.kysely.selectFrom('audit_log').select(['entity', 'action', 'result']).where('entity', 'in', ['sign_in', 'second_factor']).execute();
    const actions = trail.map((e) => `${e.entity}.${e.action}.${e.result}`);
    expect(actions).toEqual(expect.arrayContaining(['second_factor.enrolled.ok', 'second_factor.recovery_code_used.ok', 'sign_in.failed.denied']));
    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
