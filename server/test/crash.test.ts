import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Starts the real server process and resolves once it answers. */
async function start(dbFile: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `sqlite:${dbFile}`, PORT: String(port), HOST: '127.0.0.1', RAILJOINT_ADMIN_PASSWORD: 'crash-admin-password', RAILJOINT_DEMO_PASSWORD: 'crash-demo-password', LOG_LEVEL: 'silent', RAILJOINT_WEB_DIST: '/nonexistent' },
    stdio: 'ignore',
  });
  const end = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return child;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function login(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lz.dispatcher1', password: 'crash-demo-password' }) });
  return ((await res.json()) as { token: string }).token;
}

describe('durability', () => {
  it('keeps an incident acknowledged with 201 when the server process is killed right after', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-crash-'));
    const db = path.join(dir, 'crash.db');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    let child = await start(db, port);
    try {
      const token = await login(port);
      const res = await fetch(`http://127.0.0.1:${port}/api/incidents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ category: 'track_intrusion', channel: 'hotline', location: { lineId: 'xianggui', mileage: 'K499+940' }, description: '有人在线路上行走' }),
      });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      child.kill('SIGKILL'); // no shutdown, no flush: only what was committed survives
      await new Promise((r) => child.once('exit', r));
      child = await start(db, port);
      const again = await fetch(`http://127.0.0.1:${port}/api/incidents/${id}`, { headers: { authorization: `Bearer ${await login(port)}` } });
      expect(again.status).toBe(200);
      const body = (await again.json()) as { status: string; timeline: unknown[] };
      expect(body.status).toBe('received');
      expect(body.timeline).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
