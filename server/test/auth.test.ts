import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';

describe.each(ENGINES)('sign-in and users on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine, demo: false });
  });
  afterAll(async () => t?.close());

  it('answers health without sign-in', async () => {
    const res = await t.http.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: engine });
  });

  it('rejects requests without a token with a JSON error', async () => {
    const res = await t.http.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('names every invalid field', async () => {
    const res = await t.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 5 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    const fields = body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.username', 'body.password']));
  });

  it('rejects malformed JSON without a stack trace', async () => {
    const res = await t.http.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('refuses oversized bodies', async () => {
    const res = await t.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'x'.repeat(20_000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('body_too_large');
  });

  it('signs in the admin, who sees themself', async () => {
    const auth = await t.login('admin');
    const me = await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: auth } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'admin', roles: ['admin'], agencyId: 'platform' });
  });

  it('lets an admin create a user who can then sign in, and records the change', async () => {
    const auth = await t.login('admin');
    const created = await t.http.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: auth },
      payload: { username: 'analyst1', displayName: '分析员', agencyId: 'platform', roles: ['analyst'], password: 'analyst-password-1' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'analyst1', roles: ['analyst'], disabled: false });
    const analyst = await t.login('analyst1', 'analyst-password-1');

    // an analyst may not manage users
    const list = await t.http.inject({ method: 'GET', url: '/api/users', headers: { authorization: analyst } });
    expect(list.statusCode).toBe(403);

    const dup = await t.http.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: auth },
      payload: { username: 'analyst1', displayName: 'x', agencyId: 'platform', roles: ['analyst'], password: 'another-password' },
    });
    expect(dup.statusCode).toBe(409);

    const changes = await t.app.db.kysely.selectFrom('change_log').selectAll().where('entity', '=', 'user').execute();
    expect(changes.some((c) => c.action === 'create' && JSON.parse(c.detail).username === 'analyst1')).toBe(true);
  });

  it('refuses a user for an unknown agency and writes nothing', async () => {
    const auth = await t.login('admin');
    const res = await t.http.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: auth },
      payload: { username: 'ghost', displayName: 'x', agencyId: 'no-such-agency', roles: ['officer'], password: 'ghost-password-1' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields[0].field).toBe('body.agencyId');
    const row = await t.app.db.kysely.selectFrom('users').select('id').where('username', '=', 'ghost').executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('ends sessions at logout and when a user is disabled', async () => {
    const admin = await t.login('admin');
    const created = await t.http.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: admin },
      payload: { username: 'leaver', displayName: 'x', agencyId: 'platform', roles: ['officer'], password: 'farewell-lantern-1' },
    });
    const id = created.json().id;
    const auth = await t.login('leaver', 'farewell-lantern-1');
    expect((await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: auth } })).statusCode).toBe(200);
    const patch = await t.http.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: { authorization: admin }, payload: { disabled: true } });
    expect(patch.statusCode).toBe(200);
    expect((await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: auth } })).statusCode).toBe(401);

    const again = await t.login('admin');
    const out = await t.http.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: again } });
    expect(out.statusCode).toBe(204);
    expect((await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: again } })).statusCode).toBe(401);
  });

  it('publishes the OpenAPI document and a docs page', async () => {
    const doc = await t.http.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const json = doc.json();
    expect(json.openapi).toBe('3.1.0');
    expect(json.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('username');
    expect(json.paths['/api/network/locate']).toBeDefined();
    const page = await t.http.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/api/network/import');
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.http.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
