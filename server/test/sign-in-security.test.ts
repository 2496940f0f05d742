/**
 * Sign-in security from the outside: throttling by address and account with 429 and Retry-After,
 * device cookies that keep the dispatcher in while an attacker is throttled, unknown and real
 * names alike, forged X-Forwarded-For ignored, and the password rules wherever a password is set.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { startClockAt } from '../src/platform/clock.js';

interface Attempt {
  username: string;
  password: string;
  from: string;
  cookie?: string;
  headers?: Record<string, string>;
}

function attempt(t: TestApp, a: Attempt) {
  return t.http.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: a.from,
    payload: { username: a.username, password: a.password },
    headers: { ...(a.cookie ? { cookie: a.cookie } : {}), ...a.headers },
  });
}

/** The device cookie a successful sign-in set, as a Cookie header. */
function deviceCookieOf(res: Awaited<ReturnType<typeof attempt>>): string {
  const c = res.cookies.find((x) => x.name.startsWith('rj_device_'));
  if (!c) throw new Error(`no device cookie in ${JSON.stringify(res.cookies)}`);
  expect(c.httpOnly).toBe(true);
  expect(c.path).toBe('/api/auth');
  return `${c.name}=${c.value}`;
}

async function createUser(t: TestApp, username: string, password: string, roles: string[] = ['dispatcher']) {
  const res = await t.http.inject({
    method: 'POST',
    url: '/api/users',
    headers: { authorization: await t.login('admin') },
    payload: { username, displayName: username, agencyId: 'platform', roles, password },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe.each(ENGINES)('sign-in security on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine, demo: false });
  });
  afterAll(async () => t?.close());
  afterEach(() => startClockAt(null));

  it('answers 429 with Retry-After to an address that keeps failing, whatever names it tries', async () => {
    const from = '192.0.2.10';
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await attempt(t, { username: `guess${i}`, password: 'not-the-password', from })).statusCode);
    expect(codes).toEqual(Array(11).fill(401));
    const refused = await attempt(t, { username: 'admin', password: 'admin-test-password', from });
    expect(refused.statusCode).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(refused.json()).toEqual({ error: { code: 'too_many_attempts', message: expect.any(String), details: { retryAfterS: retryAfter } } });
    // another address is not affected
    expect((await attempt(t, { username: 'admin', password: 'admin-test-password', from: '192.0.2.11' })).statusCode).toBe(200);
    // the wait ends: the address is heard again (and the right password works)
    startClockAt(Date.now() + (retryAfter + 1) * 1000);
    expect((await attempt(t, { username: 'admin', password: 'admin-test-password', from })).statusCode).toBe(200);

    const trail = await t.app.db.kysely.selectFrom('audit_log').selectAll().where('entity', '=', 'sign_in').where('action', '=', 'throttled').execute();
    expect(trail.some((e) => JSON.parse(e.detail).scope === 'address' && e.client?.startsWith(from))).toBe(true);
  });

  it('keeps the dispatcher with a device cookie signing in while an attacker hammers the account, and never locks it', async () => {
    await createUser(t, 'desk.one', 'winter-platform-7');
    const signedIn = await attempt(t, { username: 'desk.one', password: 'winter-platform-7', from: '198.51.100.7' });
    expect(signedIn.statusCode).toBe(200);
    const cookie = deviceCookieOf(signedIn);

    // the attacker spreads guesses over addresses; the account stops hearing cookie-less attempts
    const attacker: number[] = [];
    for (let i = 0; i < 9; i++) attacker.push((await attempt(t, { username: 'desk.one', password: `guess-${i}-password`, from: `203.0.113.${i + 1}` })).statusCode);
    expect(attacker.slice(0, 6)).toEqual(Array(6).fill(401));
    expect(attacker.slice(6)).toEqual([429, 429, 429]);
    expect(attacker).not.toContain(423);
    // even the right password without the cookie waits (it could be the attacker's lucky guess)…
    expect((await attempt(t, { username: 'desk.one', password: 'winter-platform-7', from: '203.0.113.50' })).statusCode).toBe(429);
    // …but the dispatcher's own browser signs in, also after a typing mistake of their own
    expect((await attempt(t, { username: 'desk.one', password: 'winter-platform-8', from: '198.51.100.7', cookie })).statusCode).toBe(401);
    expect((await attempt(t, { username: 'desk.one', password: 'winter-platform-7', from: '198.51.100.7', cookie })).statusCode).toBe(200);
    // the same cookie is worth nothing for another account
    await createUser(t, 'desk.two', 'autumn-platform-3');
    for (let i = 0; i < 6; i++) await attempt(t, { username: 'desk.two', password: `guess-${i}-password`, from: `203.0.113.${100 + i}` });
    expect((await attempt(t, { username: 'desk.two', password: 'autumn-platform-3', from: '198.51.100.7', cookie })).statusCode).toBe(429);
  });

  it('answers unknown and real names alike', async () => {
    await createUser(t, 'real.name', 'spring-platform-4');
    const run = async (username: string, net: number) => {
      const answers: Array<[number, string]> = [];
      for (let i = 0; i < 7; i++) {
        const res = await attempt(t, { username, password: `wrong-${i}-password`, from: `10.${net}.0.${i + 1}` });
        answers.push([res.statusCode, res.json().error.code]);
      }
      return answers;
    };
    const real = await run('real.name', 1);
    const unknown = await run('no.such.name', 2);
    expect(unknown).toEqual(real);
    expect(real.map(([s]) => s)).toEqual([401, 401, 401, 401, 401, 401, 429]);
    // a disabled account is no different
    const id = await createUser(t, 'gone.user', 'summer-platform-5');
    await t.http.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: { authorization: await t.login('admin') }, payload: { disabled: true } });
    const disabled = await attempt(t, { username: 'gone.user', password: 'summer-platform-5', from: '10.3.0.1' });
    expect([disabled.statusCode, disabled.json().error.code]).toEqual([401, 'invalid_credentials']);
  });

  it('records the peer, not a forged X-Forwarded-For, in the audit trail, sessions and throttling', async () => {
    const res = await attempt(t, { username: 'admin', password: 'admin-test-password', from: '192.0.2.50', headers: { 'x-forwarded-for': '203.0.113.99', 'user-agent': 'forger/1' } });
    expect(res.statusCode).toBe(200);
    const entry = await t.app.db.kysely.selectFrom('audit_log').selectAll().where('entity', '=', 'sign_in').where('action', '=', 'signed_in').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry.client).toBe('192.0.2.50 forger/1');
    const sessions = await t.app.db.kysely.selectFrom('sessions').select('client').execute();
    expect(sessions.map((s) => s.client)).toContain('192.0.2.50 forger/1');
    expect(sessions.some((s) => s.client?.includes('203.0.113.99'))).toBe(false);
    // a new forged address on every guess does not escape the address throttle
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await attempt(t, { username: `x${i}`, password: 'wrong-password', from: '192.0.2.60', headers: { 'x-forwarded-for': `198.18.0.${i}` } })).statusCode);
    expect(codes.at(-1)).toBe(429);
  });

  it('refuses common, contextual, repetitive and sequential passwords wherever one is set, naming field and reason', async () => {
    const admin = await t.login('admin');
    const create = (username: string, password: string) =>
      t.http.inject({ method: 'POST', url: '/api/users', headers: { authorization: admin }, payload: { username, displayName: '柳州站 值班员', agencyId: 'platform', roles: ['officer'], password } });
    const cases: Array<[string, string]> = [
      ['woaini1314', 'common'],
      ['Password123!', 'common'],
      ['zhangwei1990', 'common'],
      ['new.officer-2026', 'context'],
      ['railjoint-spring', 'context'],
      ['我是柳州站的值班员啊', 'context'],
      ['zzzzzzzzzzzz', 'repetitive'],
      ['lmnopqrstu', 'sequential'],
    ];
    for (const [password, reason] of cases) {
      const res = await create('new.officer', password);
      expect(res.statusCode, password).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'weak_password', details: { fields: [{ field: 'body.password', reason }] } });
    }
    expect((await create('new.officer', 'short1')).json().error.details.fields[0].field).toBe('body.password');
    // 64 characters and more are fine
    const long = 'the quiet platform at liuzhou before the g1501 arrives at seven!';
    expect(long.length).toBeGreaterThanOrEqual(64);
    const created = await create('new.officer', long);
    expect(created.statusCode).toBe(201);
    const patch = await t.http.inject({ method: 'PATCH', url: `/api/users/${created.json().id}`, headers: { authorization: admin }, payload: { password: '1qaz2wsx3edc' } });
    expect(patch.statusCode).toBe(422);
    expect(patch.json().error.details.fields[0]).toMatchObject({ field: 'body.password', reason: 'common' });
  });

  it('lets a user change their own password, ending their other sessions', async () => {
    await createUser(t, 'self.service', 'first-harbour-light');
    const mine = await t.login('self.service', 'first-harbour-light');
    const other = await t.login('self.service', 'first-harbour-light');
    const change = (body: object) => t.http.inject({ method: 'POST', url: '/api/auth/password', headers: { authorization: mine }, payload: body });

    const wrong = await change({ currentPassword: 'not-my-password', newPassword: 'second-harbour-light' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({ code: 'wrong_password', details: { fields: [{ field: 'body.currentPassword' }] } });
    const weak = await change({ currentPassword: 'first-harbour-light', newPassword: 'self.service-2' });
    expect(weak.json().error).toMatchObject({ code: 'weak_password', details: { fields: [{ field: 'body.newPassword', reason: 'context' }] } });

    expect((await change({ currentPassword: 'first-harbour-light', newPassword: 'second-harbour-light' })).statusCode).toBe(204);
    expect((await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: mine } })).statusCode).toBe(200);
    expect((await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: other } })).statusCode).toBe(401);
    expect((await attempt(t, { username: 'self.service', password: 'first-harbour-light', from: '10.9.0.1' })).statusCode).toBe(401);
    expect((await attempt(t, { username: 'self.service', password: 'second-harbour-light', from: '10.9.0.1' })).statusCode).toBe(200);
    const change_ = await t.app.db.kysely.selectFrom('change_log').selectAll().where('entity', '=', 'user').where('action', '=', 'password_change').execute();
    expect(change_).toHaveLength(1);
    expect(change_[0]!.detail).not.toContain('harbour');
  });
});

describe.each(ENGINES)('behind a trusted proxy on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine, demo: false, trustedProxies: ['192.0.2.1'] });
  });
  afterAll(async () => t?.close());

  it('believes X-Forwarded-For from the configured proxy only', async () => {
    const clientOfLastSignIn = async () =>
      (await t.app.db.kysely.selectFrom('audit_log').select('client').where('action', '=', 'signed_in').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()).client;
    expect((await attempt(t, { username: 'admin', password: 'admin-test-password', from: '192.0.2.1', headers: { 'x-forwarded-for': '203.0.113.99', 'user-agent': 'ua' } })).statusCode).toBe(200);
    expect(await clientOfLastSignIn()).toBe('203.0.113.99 ua');
    expect((await attempt(t, { username: 'admin', password: 'admin-test-password', from: '192.0.2.2', headers: { 'x-forwarded-for': '203.0.113.99', 'user-agent': 'ua' } })).statusCode).toBe(200);
    expect(await clientOfLastSignIn()).toBe('192.0.2.2 ua');
  });
});
