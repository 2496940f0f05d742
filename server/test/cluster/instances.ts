import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { atExit, freePort, run, spawnTracked, stopProcess, waitFor, type Tracked } from './processes.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const ADMIN_PASSWORD = 'cluster-admin-password';
export const DEMO_PASSWORD = 'cluster-demo-password';

/**
 * The server as production runs it (`node main.js` from the esbuild bundle), built into a folder
 * of the test's own inside the server package: the bundle finds its files from the package, and a
 * rebuild of dist/ by anyone else meanwhile cannot pull it from under the running instances.
 */
export function buildBundle(): { main: string; remove(): void } {
  const dir = path.join(serverDir, 'node_modules', '.cache', `railjoint-cluster-${process.pid}-${crypto.randomBytes(3).toString('hex')}`);
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  // a test that dies before its afterAll leaves no bundle behind
  const forget = atExit(remove);
  run(process.execPath, [path.join(serverDir, 'scripts/build.mjs'), '--outdir', dir]);
  return {
    main: path.join(dir, 'main.js'),
    remove() {
      remove();
      forget();
    },
  };
}

export interface Instance {
  name: string;
  port: number;
  url: string;
  process: Tracked;
  /** SIGKILL: no shutdown, nothing flushed */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface InstanceEnv {
  DATABASE_URL: string;
  NATS_URL?: string;
  RAILJOINT_NATS_PREFIX?: string;
  [key: string]: string | undefined;
}

/** The environment every instance of one test shares (one database, one bus, one key file). */
export function sharedEnv(base: InstanceEnv, keyDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RAILJOINT_ADMIN_PASSWORD: ADMIN_PASSWORD,
    RAILJOINT_DEMO: '1',
    RAILJOINT_DEMO_PASSWORD: DEMO_PASSWORD,
    RAILJOINT_MFA_ROLES: '',
    RAILJOINT_WEB_DIST: '/nonexistent',
    // the balancer is the one proxy whose X-Forwarded-For is believed
    RAILJOINT_TRUSTED_PROXIES: '127.0.0.1',
    RAILJOINT_DATA_KEY_FILE: path.join(keyDir, 'railjoint.keys'),
    ...base,
  };
}

export async function startInstance(name: string, main: string, env: NodeJS.ProcessEnv, port?: number): Promise<Instance> {
  const p = port ?? (await freePort());
  const tracked = spawnTracked(process.execPath, [main], { cwd: os.tmpdir(), env: { ...env, PORT: String(p) } });
  const url = `http://127.0.0.1:${p}`;
  await waitFor(`${name} to answer on ${p}`, async () => {
    if (tracked.child.exitCode !== null) throw new Error(`${name} exited ${tracked.child.exitCode}:\n${tracked.output()}`);
    const res = await fetch(`${url}/api/health`).catch(() => null);
    return res?.ok === true;
  }, 180_000, 200).catch((e: unknown) => {
    tracked.child.kill('SIGKILL');
    throw new Error(`${String(e)}\n${tracked.output()}`);
  });
  return {
    name,
    port: p,
    url,
    process: tracked,
    kill: () => stopProcess(tracked, 'SIGKILL'),
    stop: () => stopProcess(tracked, 'SIGTERM'),
  };
}

export async function signIn(url: string, username: string, password = username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await res.json()) as { token?: string };
  if (res.status !== 200 || !body.token) throw new Error(`sign-in of ${username} at ${url} answered ${res.status}: ${JSON.stringify(body)}`);
  return body.token;
}
