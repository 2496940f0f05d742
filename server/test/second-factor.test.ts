/**
 * TOTP second factor from the outside: enrolment as an explicit state, sign-in with a code and
 * with single-use recovery codes, throttling of codes, removal and an administrator's reset, and
 * an audit trail that never holds a secret or a code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { totpCode } from '../src/platform/auth/totp.js';

const nowS = () => Math.floor(Date.now() / 1000);

/** A six-digit code that is none of those valid around now. */
async function wrongCode(secret: string): Promise<string> {
  const valid = await Promise.all([-30, 0, 30].map((d) => totpCode(secret, nowS() + d)));
  for (let n = 0; ; n++) {
    const candidate = String((Number(valid[1]) + 1 + n) % 1_000_000).padStart(6, '0');
    if (!valid.includes(candidate)) return candidate;
  }
}

describe.each(ENGINES)('two-factor sign-in on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  // commanders must enrol; the admin is left without, so the suite can manage users
  beforeAll(async () => {
    t = await startApp({ engine, demo: false, mfaRoles: ['commander'] });
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, auth?: string, payload?: object, from = '10.0.0.1') =>
    t.http.inject({ method, url, remoteAddress: from, ...(auth ? { headers: { authorization: auth } } : {}), ...(payload ? { payload } : {}) });
  const login = (username: string, from = '10.0.0.1') => call('POST', '/api/auth/login', undefined, { username, password: 'command-post-lamp' }, from);

  async function commander(username: string): Promise<string> {
    const res = await call('POST', '/api/users', admin, { username, displayName: username, agencyId: 'platform', roles: ['commander'], password: 'command-post-lamp' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  /** Signs in, sets up and confirms: the secret, the recovery codes and the (now full) session. */
  async function enrolled(username: string) {
    await commander(username);
    const auth = `Bearer ${(await login(username)).json().token}`;
    const setup = (await call('POST', '/api/auth/totp/setup', auth)).json();
    const confirm = await call('POST', '/api/auth/totp/confirm', auth, { code: await totpCode(setup.secret) });
    expect(confirm.statusCode, confirm.body).toBe(200);
    return { secret: setup.secret as string, recoveryCodes: confirm.json().recoveryCodes as string[], auth };
  }

  it('lets a commander without a factor do nothing but enrol, then everything', async () => {
    const id = await commander('cmd.enrol');
    const first = await login('cmd.enrol');
    expect(first.statusCode).toBe(200);
    expect(first.json().secondFactor).toEqual({ required: true, enrolled: false });
    const auth = `Bearer ${first.json().token}`;
    const earlier = `Bearer ${(await login('cmd.enrol')).json().token}`;

    expect((await call('GET', '/api/auth/me', auth)).json()).toMatchObject({ username: 'cmd.enrol', secondFactor: { required: true, enrolled: false } });
    for (const [method, url] of [['GET', '/api/network'], ['GET', `/api/users/${id}`], ['GET', '/api/incidents']] as const) {
      const refused = await call(method, url, auth);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().error.code).toBe('mfa_enrolment_required');
    }
    // nor does the live channel hear it
    const live = await t.http.injectWS(`/api/live?token=${first.json().token}`);
    expect(await new Promise((resolve) => live.on('close', resolve))).toBe(4401);

    const setup = await call('POST', '/api/auth/totp/setup', auth);
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri, qrSvg } = setup.json();
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrSvg).toMatch(/^<svg/);

    const wrong = await call('POST', '/api/auth/totp/confirm', auth, { code: await wrongCode(secret) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details.fields[0]).toMatchObject({ field: 'body.code', reason: 'wrong' });
    const confirmed = await call('POST', '/api/auth/totp/confirm', auth, { code: await totpCode(secret) });
    expect(confirmed.statusCode).toBe(200);
    const codes: string[] = confirmed.json().recoveryCodes;
    expect(codes).toHaveLength(10);

    // the session that enrolled goes on; one opened with the password alone meanwhile has ended
    expect((await call('GET', '/api/network', auth)).statusCode).toBe(200);
    expect((await call('GET', '/api/auth/me', auth)).json().secondFactor).toEqual({ required: true, enrolled: true });
    expect((await call('GET', '/api/network', earlier)).statusCode).toBe(401);
    expect((await call('POST', '/api/auth/totp/setup', auth)).json().error.code).toBe('mfa_already_enrolled');

    // neither the secret nor any code reaches the trail
    const trail = await t.app.db.kysely.selectFrom('audit_log').select(['entity', 'action', 'detail']).execute();
    expect(trail.filter((e) => e.entity === 'second_factor').map((e) => e.action)).toEqual(expect.arrayContaining(['setup_started', 'enrolled']));
    const text = JSON.stringify(trail);
    for (const s of [secret, ...codes]) expect(text).not.toContain(s);
  });

  it('asks for a code after the password, accepts it once, and the challenge once', async () => {
    const { secret } = await enrolled('cmd.code');
    const step1 = await login('cmd.code');
    expect(step1.statusCode).toBe(200);
    expect(step1.json()).toEqual({ mfaRequired: true, challenge: expect.any(String), expiresAt: expect.any(String) });
    expect(step1.json()).not.toHaveProperty('token');
    const challenge = step1.json().challenge;

    const wrong = await call('POST', '/api/auth/login/second-factor', undefined, { challenge, code: await wrongCode(secret) });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([401, 'invalid_code']);
    // the enrolment used the current step; the authenticator's next code is accepted
    const code = await totpCode(secret, nowS() + 30);
    const done = await call('POST', '/api/auth/login/second-factor', undefined, { challenge, code });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().secondFactor).toEqual({ required: true, enrolled: true });
    expect((await call('GET', '/api/network', `Bearer ${done.json().token}`)).statusCode).toBe(200);

    expect((await call('POST', '/api/auth/login/second-factor', undefined, { challenge, code })).statusCode).toBe(401);
    const again = (await login('cmd.code')).json().challenge;
    expect((await call('POST', '/api/auth/login/second-factor', undefined, { challenge: again, code })).statusCode).toBe(401);
    const bad = await call('POST', '/api/auth/login/second-factor', undefined, { challenge: again, code, recoveryCode: 'x'.repeat(16) });
    expect(bad.statusCode).toBe(400);
  });

  it('accepts each recovery code once', async () => {
    const { recoveryCodes } = await enrolled('cmd.recover');
    const use = async (recoveryCode: string) => call('POST', '/api/auth/login/second-factor', undefined, { challenge: (await login('cmd.recover')).json().challenge, recoveryCode });
    const first = await use(recoveryCodes[3]!.toUpperCase());
    expect(first.statusCode, first.body).toBe(200);
    const second = await use(recoveryCodes[3]!);
    expect([second.statusCode, second.json().error.code]).toEqual([401, 'invalid_code']);
    expect((await use(recoveryCodes[4]!)).statusCode).toBe(200);
    const used = await t.app.db.kysely.selectFrom('audit_log').select('detail').where('entity', '=', 'second_factor').where('action', '=', 'recovery_code_used').execute();
    expect(used.map((u) => JSON.parse(u.detail).remaining)).toEqual([9, 8]);
  });

  it('throttles wrong codes with 429 and Retry-After', async () => {
    const { secret } = await enrolled('cmd.guess');
    const wrong = await wrongCode(secret);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const challenge = (await login('cmd.guess', `10.7.0.${i + 1}`)).json().challenge;
      statuses.push((await call('POST', '/api/auth/login/second-factor', undefined, { challenge, code: wrong }, `10.7.0.${i + 1}`)).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    const challenge = (await login('cmd.guess', '10.7.1.1')).json().challenge;
    const refused = await call('POST', '/api/auth/login/second-factor', undefined, { challenge, code: await totpCode(secret, nowS() + 30) }, '10.7.1.1');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().error).toMatchObject({ code: 'too_many_attempts', details: { retryAfterS: Number(refused.headers['retry-after']) } });
  });

  it('removes a factor with a current code, and an administrator resets one', async () => {
    const { secret, auth } = await enrolled('cmd.remove');
    expect((await call('DELETE', '/api/auth/totp', auth, { code: await wrongCode(secret) })).statusCode).toBe(422);
    expect((await call('DELETE', '/api/auth/totp', auth, { code: await totpCode(secret, nowS() + 30) })).statusCode).toBe(204);
    // a commander without a factor is back to enrolling
    expect((await call('GET', '/api/network', auth)).json().error.code).toBe('mfa_enrolment_required');

    const other = await enrolled('cmd.lost.phone');
    const me = (await call('GET', '/api/auth/me', other.auth)).json();
    expect((await call('DELETE', `/api/users/${me.id}/totp`, other.auth)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/users/${me.id}/totp`, admin)).statusCode).toBe(204);
    expect((await call('GET', '/api/auth/me', other.auth)).statusCode).toBe(401);
    const next = await login('cmd.lost.phone');
    expect(next.json().secondFactor).toEqual({ required: true, enrolled: false });
    const actions = (await t.app.db.kysely.selectFrom('audit_log').select('action').where('entity', '=', 'second_factor').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['removed', 'reset']));
  });
});
