/**
 * NUL and lone surrogates, from every way text comes in: PostgreSQL refuses U+0000 (it answered
 * 500) and a lone surrogate was stored as different bytes on each engine. Every door refuses both
 * with a 4xx naming the field, alike on SQLite and PostgreSQL, and nothing is written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { zipSync, strToU8 } from 'fflate';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { ENGINES, startApp, type TestApp } from './harness.js';

const NUL = '\u0000';
const LONE = '\uD800';
const REPORT = { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '旅客报称列车车窗被石块击中' };
const here = path.dirname(new URL(import.meta.url).pathname);

describe.each(ENGINES)('NUL and lone surrogates on %s', (engine) => {
  let t: TestApp;
  let dispatcher: string;
  let admin: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    dispatcher = await t.login('lz.dispatcher1');
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, auth?: string, contentType = 'application/json') =>
    t.http.inject({
      method,
      url,
      headers: { ...(auth ? { authorization: auth } : {}), ...(payload === undefined ? {} : { 'content-type': contentType }) },
      // JSON.stringify writes a lone surrogate as the escape \ud800, as any client would send it
      ...(payload === undefined ? {} : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
    });
  const refusedFields = (res: { statusCode: number; json(): any }) => {
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    return (res.json().error.details.fields as Array<{ field: string; message: string }>).map((f) => f.field);
  };
  const incidentCount = async () => {
    const res = await send('GET', '/api/incidents?limit=200', undefined, dispatcher);
    expect(res.statusCode).toBe(200);
    return res.json().incidents.length as number;
  };

  it('refuses them in sign-in, before any account is looked at', async () => {
    expect(refusedFields(await send('POST', '/api/auth/login', { username: `lz.dispatcher1${NUL}`, password: 'x' }))).toEqual(['body.username']);
    expect(refusedFields(await send('POST', '/api/auth/login', { username: 'lz.dispatcher1', password: `a${LONE}b` }))).toEqual(['body.password']);
  });

  it('refuses them in an incident, each field named, keys too, and writes nothing', async () => {
    const before = await incidentCount();
    const res = await send('POST', '/api/incidents', { ...REPORT, description: `石块${NUL}`, reporter: { name: `张${LONE}`, phone: '13800000000' } }, dispatcher);
    expect(refusedFields(res)).toEqual(['body.description', 'body.reporter.name']);
    expect(res.json().error.message).toMatch(/body\.description/);
    // a trailing low surrogate alone is as unstorable as a leading high one
    expect(refusedFields(await send('POST', '/api/incidents', { ...REPORT, description: `\uDC00石块` }, dispatcher))).toEqual(['body.description']);
    const key = await send('POST', '/api/incidents', { ...REPORT, [`x${NUL}`]: 1 }, dispatcher);
    expect(refusedFields(key)).toEqual(['body']);
    expect(key.json().error.details.fields[0].message).toBe('属性名不能包含空字符（U+0000）');
    expect(await incidentCount()).toBe(before);
  });

  it('keeps a well-formed pair (an emoji) as written on both engines', async () => {
    const created = await send('POST', '/api/incidents', { ...REPORT, description: '车窗破损 🚆 旅客受惊' }, dispatcher);
    expect(created.statusCode).toBe(201);
    expect((await send('GET', `/api/incidents/${created.json().id}`, undefined, dispatcher)).json().description).toBe('车窗破损 🚆 旅客受惊');
  });

  it('refuses them in messages, category names, path parameters, query filters and raw text bodies', async () => {
    const inc = (await send('POST', '/api/incidents', REPORT, dispatcher)).json();
    expect(refusedFields(await send('POST', `/api/incidents/${inc.id}/messages`, { text: `到达${NUL}` }, dispatcher))).toEqual(['body.text']);
    expect(refusedFields(await send('PUT', '/api/categories/new_cat', { nameZh: `新${NUL}`, nameEn: 'New', pinyin: 'xin', group: 'other', basePriority: 'P3' }, admin))).toEqual(['body.nameZh']);
    expect(refusedFields(await send('GET', '/api/users/ab%00cd', undefined, admin))).toEqual(['params.id']);
    expect(refusedFields(await send('GET', '/api/incidents?category=stone%00&lineId=a%00', undefined, dispatcher))).toEqual(['query.category', 'query.lineId']);
    expect(refusedFields(await send('POST', '/api/incidents', `description${NUL}`, dispatcher, 'text/plain'))).toEqual(['body']);
    // unauthenticated: refused for what it is before anything else is asked of it
    expect(refusedFields(await send('GET', '/api/incidents?category=%00'))).toEqual(['query.category']);
    // a surrogate's UTF-8 bytes (%ED%A0%80) or a stray % is not UTF-8: the parser would keep the raw
    // text, which the handler would take for a value (a PDF in the default language, found by the fuzz)
    expect(refusedFields(await send('GET', '/api/allocation/effectiveness.pdf?days=56&lang=%ED%A0%80%00', undefined, admin))).toEqual(['query.lang']);
    expect(refusedFields(await send('GET', '/api/incidents?category=50%&limit=5', undefined, dispatcher))).toEqual(['query.category']);
  });

  it('refuses CAP alerts with NUL or surrogate character references (not XML characters) and imports nothing', async () => {
    const alert = fs.readFileSync(path.join(here, 'fixtures/cap/weather.cap'), 'utf8');
    const listed = async () => {
      const res = await send('GET', '/api/bulletins?view=all', undefined, dispatcher);
      expect(res.statusCode).toBe(200);
      return res.json().total as number;
    };
    const before = await listed();
    for (const inject of ['&#0;', '&#xD800;', NUL]) {
      const res = await t.http.inject({ method: 'POST', url: '/api/bulletins/import-cap', headers: { authorization: dispatcher, 'content-type': 'application/cap+xml' }, payload: Buffer.from(alert.replace('<description>', `<description>雨${inject}`)) });
      expect(res.statusCode, inject).toBe(422);
      expect(res.json().error.code).toBe('cap_schema_invalid');
    }
    expect(await listed()).toBe(before);
  });

  it('refuses a GTFS zip whose files hold NUL characters, naming file and line', async () => {
    const zip = zipSync({
      'agency.txt': strToU8('agency_timezone\nAsia/Shanghai\n'),
      'stops.txt': strToU8(`stop_id,stop_name\nLZ,柳州${NUL}\n`),
      'trips.txt': strToU8('trip_id,service_id\nT1,S\n'),
      'stop_times.txt': strToU8('trip_id,stop_id,stop_sequence,arrival_time,departure_time\nT1,LZ,1,07:00:00,07:02:00\n'),
      'calendar_dates.txt': strToU8('service_id,date,exception_type\nS,20261201,1\n'),
    });
    const res = await t.http.inject({ method: 'POST', url: '/api/timetable/import', headers: { authorization: admin, 'content-type': 'application/zip' }, payload: Buffer.from(zip) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.problems).toContainEqual({ file: 'stops.txt', line: 2, message: 'the NUL character (U+0000) is not allowed' });
  });

  it('refuses them in the live channel’s query before the upgrade', async () => {
    await t.http.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.http.server.address() as { port: number }).port;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live?token=x%00y&since=1`);
    // the answer, once the server has also closed the connection it refused to upgrade
    const refused = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c));
        res.socket.on('close', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      ws.on('open', () => reject(new Error('the upgrade was accepted')));
      ws.on('error', () => {});
    });
    expect(refused.status).toBe(400);
    // no Accept-Language: the refusal is in Chinese, the console's default
    expect(JSON.parse(refused.body).error.details.fields).toEqual([{ field: 'query.token', message: '不能包含空字符（U+0000）' }]);
  });

  it('refuses them in files the command line imports (exit 1, the field named, nothing written)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-unsafe-'));
    try {
      const file = path.join(dir, 'network.geojson');
      fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'L1', properties: { kind: 'line', name: `线${LONE}` }, geometry: { type: 'LineString', coordinates: [[109, 24], [109.1, 24]] } }] }));
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['network', 'import', file], { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from(['']), env: { DATABASE_URL: t.databaseUrl } });
      expect(code).toBe(1);
      expect(err.join('\n')).toMatch(/features\[0\]\.properties\.name must not contain a lone UTF-16 surrogate/);
      const lines = await send('GET', '/api/network?kind=line', undefined, dispatcher);
      expect(lines.statusCode).toBe(200);
      expect(lines.json().features.length).toBeGreaterThan(0);
      expect(lines.json().features.map((f: { id: string }) => f.id)).not.toContain('L1');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
