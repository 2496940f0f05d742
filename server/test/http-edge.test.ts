/**
 * The HTTP edge from the outside: security headers on every answer, and the documented error
 * shape `{"error":{"code","message","details?"}}` for what the HTTP layer itself refuses —
 * broken URLs, over-long path parameters, oversized headers, malformed JSON, wrong content types,
 * unknown routes, plain requests to the WebSocket, refused handshakes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';

const REPORT = { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '旅客报称列车车窗被石块击中' };

/** A console build in miniature: the server only needs index.html and hashed assets. */
function fakeConsole(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-dist-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>RailJoint</title><script type="module" src="/assets/index-BA4jC51J.js"></script>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-BA4jC51J.js'), 'console.log(1)');
  return dir;
}

/** Sends raw bytes to a listening server and returns what came back, split into head and body. */
async function raw(port: number, request: string): Promise<{ status: number; headers: string; body: string }> {
  const socket = net.connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (c) => chunks.push(c));
  socket.on('error', () => {});
  socket.write(request);
  await new Promise((resolve) => socket.on('close', resolve));
  const text = Buffer.concat(chunks).toString('utf8');
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head.toLowerCase(), body };
}

const shaped = (body: string) => ErrorBody.safeParse(JSON.parse(body)).success;

describe.each(ENGINES)('the HTTP edge on %s', (engine) => {
  let t: TestApp;
  let dist: string;
  let port: number;
  let dispatcher: string;
  beforeAll(async () => {
    dist = fakeConsole();
    t = await startApp({ engine, demo: true, webDist: dist });
    dispatcher = await t.login('lz.dispatcher1');
    await t.http.listen({ port: 0, host: '127.0.0.1' });
    port = (t.http.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });
  const inject = (opts: InjectOptions) => t.http.inject(opts);

  it('sends the security headers on answers and errors, and no-store on API answers', async () => {
    for (const res of [await inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: dispatcher } }), await inject({ method: 'GET', url: '/api/auth/me' })]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain("object-src 'none'");
      // plain HTTP on a closed network must keep working
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('lets hashed console assets be cached and makes the page that names them revalidate', async () => {
    const asset = await inject({ method: 'GET', url: '/assets/index-BA4jC51J.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/incidents/abc']) {
      const page = await inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    }
  });

  it('serves /api/docs under the policy with its one inline style allowed by hash', async () => {
    const res = await inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    const style = /<style>([\s\S]*?)<\/style>/.exec(res.body)![1]!;
    const hash = crypto.createHash('sha256').update(style).digest('base64');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toContain("script-src 'self'");
    expect(res.body).not.toMatch(/<script|style="/);
  });

  it('serves an exported HTML situation report sandboxed, so it cannot script the console', async () => {
    const inc = (await inject({ method: 'POST', url: '/api/incidents', headers: { authorization: dispatcher }, payload: REPORT })).json();
    const sitrep = await inject({ method: 'POST', url: `/api/incidents/${inc.id}/sitreps`, headers: { authorization: dispatcher }, payload: {} });
    expect(sitrep.statusCode).toBe(201);
    const html = await inject({ method: 'GET', url: `/api/sitreps/${sitrep.json().id}/export?format=html`, headers: { authorization: dispatcher } });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(String(html.headers['content-security-policy'])).toMatch(/^sandbox;.*default-src 'none'/);
    expect(html.headers['cache-control']).toBe('no-store');
  });

  it('answers what the router refuses in the documented shape', async () => {
    const cases: Array<[string, InjectOptions, number, string]> = [
      ['bad percent-encoding', { method: 'GET', url: '/api/incidents/%E0%A4%A' }, 400, 'bad_url'],
      ['over-long path parameter', { method: 'GET', url: `/api/incidents/${'a'.repeat(300)}` }, 414, 'path_parameter_too_long'],
      ['malformed JSON', { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' }, 400, 'invalid_json'],
      ['empty JSON body', { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '' }, 400, 'validation_failed'],
      ['wrong content type', { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' }, 415, 'unsupported_media_type'],
      ['unknown route', { method: 'GET', url: '/api/nothing-here' }, 404, 'not_found'],
      ['unknown method', { method: 'OPTIONS', url: '/api/health' }, 404, 'not_found'],
      ['a plain GET of the WebSocket', { method: 'GET', url: '/api/live', headers: { authorization: dispatcher } }, 426, 'upgrade_required'],
    ];
    for (const [what, request, status, code] of cases) {
      const res = await inject(request);
      expect(res.statusCode, what).toBe(status);
      expect(shaped(res.body), `${what}: ${res.body}`).toBe(true);
      expect(res.json().error.code, what).toBe(code);
      expect(res.headers['x-content-type-options'], what).toBe('nosniff');
    }
    const head = await inject({ method: 'HEAD', url: '/api/nothing-here' });
    expect(head.statusCode).toBe(404);
    expect(head.body).toBe('');
  });

  it('answers what Node’s HTTP parser refuses in the documented shape', async () => {
    const huge = await raw(port, `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.body).error.code).toBe('headers_too_large');
    const garbage = await raw(port, 'GET /api/health HTTP/1.1\r\nHost x\r\n\r\n');
    expect(garbage.status).toBe(400);
    expect(shaped(garbage.body)).toBe(true);
    expect(garbage.headers).toContain('x-content-type-options: nosniff');
  });

  it('answers a WebSocket handshake it refuses in the documented shape', async () => {
    const res = await raw(port, 'GET /api/live HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: not-a-key\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'bad_websocket_handshake', message: expect.stringMatching(/Sec-WebSocket-Key/) });
  });
});
