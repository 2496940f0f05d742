import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';

/**
 * The optional basemap (RAILJOINT_BASEMAP): none by default; a PMTiles file served by byte ranges
 * to signed-in users (by the console's cookie too, as the map's own requests carry no header); a
 * style URL whose origin, and only it, the content security policy opens to the map.
 */
describe.each(ENGINES)('basemap on %s', (engine) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-basemap-'));
  const file = path.join(dir, 'region.pmtiles');
  const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
  fs.writeFileSync(file, bytes);
  let plain: TestApp;
  let tiles: TestApp;
  let styled: TestApp;
  beforeAll(async () => {
    [plain, tiles, styled] = await Promise.all([
      startApp({ engine, demo: false }),
      startApp({ engine, demo: false, basemap: { kind: 'pmtiles', file } }),
      startApp({ engine, demo: false, basemap: { kind: 'style', url: 'http://tiles.lz.police:8080/styles/basic/style.json' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([plain?.close(), tiles?.close(), styled?.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = async (t: TestApp, url: string, headers: Record<string, string> = {}) => t.http.inject({ method: 'GET', url, headers: { authorization: await t.login('admin'), ...headers } });
  const csp = (res: { headers: Record<string, unknown> }) => String(res.headers['content-security-policy']);

  it('draws the schematic map alone unless told, with the policy unchanged', async () => {
    const res = await get(plain, '/api/map/config');
    expect(res.json()).toEqual({ basemap: null });
    expect(csp(res)).toContain("connect-src 'self';");
    expect((await get(plain, '/api/basemap/tiles.pmtiles')).statusCode).toBe(404);
  });

  it('serves a PMTiles file whole and by ranges, to a signed-in user only', async () => {
    expect((await get(tiles, '/api/map/config')).json()).toEqual({ basemap: { kind: 'pmtiles', url: '/api/basemap/tiles.pmtiles' } });
    const whole = await get(tiles, '/api/basemap/tiles.pmtiles');
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(bytes)).toBe(true);
    const part = await get(tiles, '/api/basemap/tiles.pmtiles', { range: 'bytes=127-1000' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 127-1000/4096');
    expect(part.rawPayload.equals(bytes.subarray(127, 1001))).toBe(true);
    const beyond = await get(tiles, '/api/basemap/tiles.pmtiles', { range: 'bytes=5000-' });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.json().error.code).toBe('range_not_satisfiable');
    expect((await tiles.http.inject({ method: 'GET', url: '/api/basemap/tiles.pmtiles' })).statusCode).toBe(401);
    // the console's map sends the session cookie, not a header
    const login = await tiles.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'admin-test-password' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const byCookie = await tiles.http.inject({ method: 'GET', url: '/api/basemap/tiles.pmtiles', headers: { cookie, range: 'bytes=0-6' } });
    expect(byCookie.statusCode).toBe(206);
    expect(csp(byCookie)).toContain("connect-src 'self';");
  });

  it('opens the content security policy to the style’s origin, and to nothing else', async () => {
    const res = await get(styled, '/api/map/config');
    expect(res.json()).toEqual({ basemap: { kind: 'style', url: 'http://tiles.lz.police:8080/styles/basic/style.json' } });
    expect(csp(res)).toContain("connect-src 'self' http://tiles.lz.police:8080;");
    expect(csp(res)).toContain("img-src 'self' data: blob: http://tiles.lz.police:8080;");
    expect(csp(res)).toContain("script-src 'self';");
  });
});
