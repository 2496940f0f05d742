import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function start(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'crash.db')}`, RAILJOINT_DATA_KEY_FILE: path.join(dir, 'crash.keys'), PORT: String(port), HOST: '127.0.0.1', RAILJOINT_ADMIN_PASSWORD: 'crash-admin-password', RAILJOINT_DEMO_PASSWORD: 'crash-demo-password', RAILJOINT_DEMO: '1', LOG_LEVEL: 'silent', RAILJOINT_WEB_DIST: '/nonexistent' },
    stdio: 'ignore',
  });
  const end = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * What the server acknowledged from a phone and from the public survives the process being
 * killed right after: a check-in (refused ones too), a finding, a public report.
 */
describe('civil defence durability', () => {
  it('keeps acknowledged check-ins, findings and public reports when the server is killed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-patrol-crash-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const url = (p: string) => `http://127.0.0.1:${port}${p}`;
    let child = await start(dir, port);
    try {
      const login = async () => ((await (await fetch(url('/api/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'vt.luorong.volunteer1', password: 'crash-demo-password' }) })).json()) as { token: string }).token;
      const as = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
      let token = await login();
      const post = async (p: string, body: unknown) => fetch(url(p), { method: 'POST', headers: as(token), body: JSON.stringify(body) });
      const cp = (await (await fetch(url('/api/checkpoints/cp-vt-luorong-1'), { headers: as(token) })).json()) as { coordinates: [number, number] };
      const code = ((await (await fetch(url('/api/checkpoints/cp-vt-luorong-1/code'), { headers: as(token) })).json()) as { token: string }).token;
      const at = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
      const patrol = crypto.randomUUID();
      expect((await post('/api/patrols', { id: patrol, teamId: 'pt-vt-luorong', at: at(-10) })).status).toBe(201);
      const [lon, lat] = cp.coordinates;
      expect((await post(`/api/patrols/${patrol}/check-ins`, { id: crypto.randomUUID(), checkpointId: 'cp-vt-luorong-1', method: 'qr', code, lon, lat, accuracyM: 5, at: at(-5) })).status).toBe(201);
      expect((await post(`/api/patrols/${patrol}/check-ins`, { id: crypto.randomUUID(), checkpointId: 'cp-vt-luorong-1', method: 'qr', code: 'forged', lon, lat, accuracyM: 5, at: at(-4) })).status).toBe(422);
      expect((await post(`/api/patrols/${patrol}/findings`, { id: crypto.randomUUID(), category: 'fence_damage', description: '护网破损', lon, lat, at: at(-3) })).status).toBe(201);
      const report = await fetch(url('/api/public/reports'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ category: 'broken_fence', where: { lon, lat }, description: '护网有缺口' }) });
      expect(report.status).toBe(201);
      const trackingCode = ((await report.json()) as { trackingCode: string }).trackingCode;

      child.kill('SIGKILL'); // no shutdown, no flush: only what was committed survives
      await new Promise((r) => child.once('exit', r));
      child = await start(dir, port);
      token = await login();
      const after = (await (await fetch(url(`/api/patrols/${patrol}`), { headers: as(token) })).json()) as { checkIns: Array<{ accepted: boolean }>; findings: Array<{ incidentId: string | null }> };
      expect(after.checkIns.map((c) => c.accepted)).toEqual([true, false]);
      expect(after.findings).toHaveLength(1);
      expect(after.findings[0]!.incidentId).not.toBeNull();
      expect((await fetch(url(`/api/public/reports/${trackingCode}`))).status).toBe(200);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
