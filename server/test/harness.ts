import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Role } from '@railjoint/contracts';
import { createApp, type App } from '../src/app.js';
import type { Config } from '../src/platform/config.js';
import { ADMIN_PASSWORD, DEMO_PASSWORD, testConfig, usableTemplate } from './demo-template.js';
import { createTestDatabase } from './pg.js';
import { startClockAt } from '../src/platform/clock.js';

export type EngineName = 'sqlite' | 'postgres';
/** Every API test runs once per engine. */
export const ENGINES: EngineName[] = ['sqlite', 'postgres'];

export { ADMIN_PASSWORD, DEMO_PASSWORD };

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = path.resolve(here, '../../web/dist');

export interface TestApp {
  app: App;
  http: FastifyInstance;
  engine: EngineName;
  /** DATABASE_URL of this app's database, for the CLI */
  databaseUrl: string;
  close(): Promise<void>;
  /** signs in and returns the Authorization header value */
  login(username: string, password?: string): Promise<string>;
}

export interface StartOptions {
  engine?: EngineName;
  demo?: boolean;
  webDist?: string | null;
  /** the platform clock starts at this instant (timetable scenarios); reset on close */
  clockStart?: number;
  /** roles that must sign in with a second factor; none unless a test turns it on */
  mfaRoles?: Role[];
  /** technical defence: MQTT (an external broker or the embedded one) and the heartbeat; none by default */
  devices?: Config['devices'];
  /** reverse proxies whose X-Forwarded-For is believed; none by default, as in production */
  trustedProxies?: string[];
  /** a basemap for the console's map (RAILJOINT_BASEMAP); none by default */
  basemap?: Config['basemap'];
}

export async function startApp(opts: StartOptions = {}): Promise<TestApp> {
  const engine = opts.engine ?? 'sqlite';
  const demo = opts.demo ?? true;
  // a copy of the run's seeded demo, unless this app's clock is its own (see demo-template.ts)
  const template = demo && opts.clockStart === undefined ? usableTemplate() : null;
  let cleanup: () => Promise<void>;
  let database: Config['database'];
  // the data keys live beside the test's database, never in the repository
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-test-'));
  const dataKeyFile = path.join(dir, 'railjoint.keys');
  if (template) fs.copyFileSync(template.keyFile, dataKeyFile);
  if (engine === 'postgres') {
    const tdb = await createTestDatabase(template?.pgDatabase);
    database = { engine: 'postgres', url: tdb.url };
    cleanup = async () => {
      await tdb.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    database = { engine: 'sqlite', file: path.join(dir, 'test.db') };
    if (template) fs.copyFileSync(template.sqliteFile, database.file);
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const config: Config = {
    ...testConfig(database, dataKeyFile, demo),
    webDist: opts.webDist === undefined ? null : opts.webDist,
    mfaRoles: opts.mfaRoles ?? [],
    ...(opts.trustedProxies ? { trustedProxies: opts.trustedProxies } : {}),
    ...(opts.basemap ? { basemap: opts.basemap } : {}),
    ...(opts.devices ? { devices: opts.devices } : {}),
    ...(opts.clockStart !== undefined ? { clockStart: opts.clockStart } : {}),
  };
  const app = await createApp(config, { demoPassword: DEMO_PASSWORD, loginDelay: async () => {} });
  const http = app.http;
  return {
    app,
    http,
    engine,
    databaseUrl: database.engine === 'postgres' ? database.url : `sqlite:${database.file}`,
    async close() {
      await app.close();
      await cleanup();
      if (opts.clockStart !== undefined) startClockAt(null);
    },
    async login(username: string, password?: string) {
      const res = await http.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: password ?? (username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD) },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return `Bearer ${res.json().token as string}`;
    },
  };
}

/** Serves the API and the built console on a free port, for browser tests. */
export async function startServer(opts: Omit<StartOptions, 'webDist'> & { webDist?: string } = {}) {
  const t = await startApp({ ...opts, webDist: opts.webDist ?? WEB_DIST });
  await t.http.listen({ port: 0, host: '127.0.0.1' });
  const address = t.http.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
    app: t,
    close: () => t.close(),
  };
}
