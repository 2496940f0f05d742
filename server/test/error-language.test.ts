import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './harness.js';
import { smallNetwork } from './fixtures.js';

// The same refusals, asked for without a language (zh-CN, the console's default) and in English.
// Whoever throws words a refusal in both languages; the answer is worded for whoever asked and
// says which language it is in (Content-Language). The language of an answer does not depend on
// the database, so these run on SQLite only.

const NEAR_LIUZHOU = { lon: 109.5125, lat: 24.367 };
const EN = { 'accept-language': 'en-GB,en;q=0.9' };

type Method = 'GET' | 'POST';

function asker(app: () => TestApp, auth: () => string) {
  const send = (method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app().http.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { authorization: auth(), ...headers } });
  /** The same request twice: without Accept-Language, and asking for English. */
  return async (method: Method, url: string, payload?: unknown) => {
    const zh = await send(method, url, payload);
    const en = await send(method, url, payload, EN);
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(en.headers['content-language']).toBe('en');
    expect(zh.statusCode).toBe(en.statusCode);
    return { status: zh.statusCode, zh: zh.json().error, en: en.json().error };
  };
}

describe('refusals in the language of whoever asked (incidents)', () => {
  let t: TestApp;
  let dispatcher: string;
  beforeAll(async () => {
    t = await startApp({ engine: 'sqlite', demo: true });
    dispatcher = await t.login('lz.dispatcher1');
  });
  afterAll(async () => t?.close());

  const both = asker(() => t, () => dispatcher);
  const report = { category: 'stone_throwing', channel: 'hotline', location: NEAR_LIUZHOU, description: '旅客报称列车车窗被石块击中' };

  it('says a thing is not there', async () => {
    const { status, zh, en } = await both('GET', '/api/incidents/no-such-incident');
    expect(status).toBe(404);
    expect(zh).toEqual({ code: 'not_found', message: '警情不存在' });
    expect(en).toEqual({ code: 'not_found', message: 'incident not found' });
  });

  it('names each invalid field in the reader’s language, the paths as they are', async () => {
    const { description: _, ...noDescription } = report;
    const { status, zh, en } = await both('POST', '/api/incidents', { ...noDescription, channel: 'pigeon' });
    expect(status).toBe(400);
    expect(zh.code).toBe('validation_failed');
    expect(zh.details.fields).toEqual([
      { field: 'body.channel', message: '不是可选的值' },
      { field: 'body.description', message: '必填' },
    ]);
    expect(zh.message).toBe('body.channel、body.description 有误：不是可选的值');
    expect(en.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.channel', 'body.description']);
    expect(en.details.fields[1].message).toMatch(/expected string/);
    expect(en.message).toMatch(/^invalid body\.channel, body\.description: /);
  });

  it('words a service’s own field refusals both ways', async () => {
    const inc = await t.http.inject({ method: 'POST', url: '/api/incidents', payload: report, headers: { authorization: dispatcher } });
    expect(inc.statusCode, inc.body).toBe(201);
    const { status, zh, en } = await both('POST', `/api/incidents/${inc.json().id}/merge`, { into: inc.json().id, reason: '重复报警' });
    expect(status).toBe(422);
    expect(zh).toEqual({ code: 'merge_into_itself', message: '警情不能并入其自身', details: { fields: [{ field: 'body.into', message: '同一警情' }] } });
    expect(en).toEqual({ code: 'merge_into_itself', message: 'an incident cannot be merged into itself', details: { fields: [{ field: 'body.into', message: 'same incident' }] } });
  });

  it('refuses an illegal transition in the words of the console', async () => {
    const inc = await t.http.inject({ method: 'POST', url: '/api/incidents', payload: report, headers: { authorization: dispatcher } });
    const { status, zh, en } = await both('POST', `/api/incidents/${inc.json().id}/close`, { outcomeCode: 'resolved_on_scene', summary: '处置完毕' });
    expect(status).toBe(409);
    expect(zh.code).toBe('illegal_transition');
    expect(zh.message).toBe('警情当前待派警，不能结案');
    expect(en.message).toBe('an incident that is received cannot close');
    // the details are data, the same in both
    expect(zh.details).toEqual(en.details);
    expect(zh.details.allowed).toEqual(expect.arrayContaining(['dispatch', 'cancel']));
  });

  it('answers ?lang=en like Accept-Language, and English for a request that asks for it by name', async () => {
    const res = await t.http.inject({ method: 'GET', url: '/api/incidents/no-such-incident?lang=en', headers: { authorization: dispatcher } });
    expect(res.headers['content-language']).toBe('en');
    expect(res.json().error.message).toBe('incident not found');
  });

  it('words the refusals of the HTTP edge too', async () => {
    const { status, zh, en } = await both('GET', '/api/no-such-route');
    expect(status).toBe(404);
    expect(zh.message).toBe('没有接口 GET /api/no-such-route');
    expect(en.message).toBe('no route GET /api/no-such-route');
    const anonymous = await t.http.inject({ method: 'GET', url: '/api/incidents', headers: EN });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error).toEqual({ code: 'unauthorized', message: 'sign in first' });
    expect((await t.http.inject({ method: 'GET', url: '/api/incidents' })).json().error.message).toBe('请先登录');
  });
});

describe('refusals in the language of whoever asked (mileage)', () => {
  let t: TestApp;
  let admin: string;
  const net = smallNetwork();
  beforeAll(async () => {
    t = await startApp({ engine: 'sqlite', demo: false });
    admin = await t.login('admin');
    const imported = await t.http.inject({ method: 'POST', url: '/api/network/import', payload: net.doc, headers: { authorization: admin } });
    expect(imported.statusCode, imported.body).toBe(200);
  });
  afterAll(async () => t?.close());

  const both = asker(() => t, () => admin);

  it('explains a mileage inside a short chain, naming both ends of the gap', async () => {
    const { status, zh, en } = await both('GET', '/api/network/position?lineId=T2&mileage=K8%2B100');
    expect(status).toBe(422);
    expect(zh.code).toBe('short_chain_gap');
    expect(zh.message).toMatch(/K8\+100 落在 K\d+\+\d+ 与 K\d+\+\d+ 之间的短链内/);
    expect(zh.message).toContain('本线不存在 K8+100');
    expect(en.message).toMatch(/K8\+100 falls in a short chain \(短链\) between K\d+\+\d+ and K\d+\+\d+/);
  });

  it('says what is wrong with a mileage that is no mileage, and which line is unknown', async () => {
    const bad = await both('GET', '/api/network/position?lineId=T1&mileage=K1%2B2000');
    expect(bad.status).toBe(400);
    expect(bad.zh.details.fields[0]).toEqual({ field: 'query.mileage', message: '里程「K1+2000」有误：米数「2000」须小于 1000（至多三位）' });
    expect(bad.en.details.fields[0]).toEqual({ field: 'query.mileage', message: 'bad mileage "K1+2000": metres part "2000" must be below 1000 (three digits at most)' });
    // a contract's own rule words itself in Chinese too (params.zh)
    const half = await both('GET', '/api/jurisdiction/resolve?lineId=T1');
    expect(half.status).toBe(400);
    expect(half.zh.details.fields).toEqual([{ field: 'query.mileage', message: '线路和里程须同时填写' }]);
    expect(half.en.details.fields).toEqual([{ field: 'query.mileage', message: 'lineId and mileage go together' }]);
    const unknown = await both('GET', '/api/network/position?lineId=NOPE&mileage=K1%2B000');
    expect(unknown.status).toBe(404);
    expect(unknown.zh).toEqual({ code: 'unknown_line', message: '线路 NOPE 不存在' });
    expect(unknown.en).toEqual({ code: 'unknown_line', message: 'line NOPE not found' });
  });
});
