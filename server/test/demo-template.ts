import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.js';
import { DEFAULT_RECEPTION, type Config } from '../src/platform/config.js';
import { createTestDatabase } from './pg.js';

/**
 * The demo department seeded once per test run and copied for every app that asks for it, instead
 * of seeded again by each test file: a file copy on SQLite, CREATE DATABASE … TEMPLATE on
 * PostgreSQL, with the key file its personal data is sealed under. Seeding takes seconds (on
 * PostgreSQL about three), copying a fraction of one, and some 150 apps start in a run.
 *
 * The demo is seeded relative to the clock (the current and next twelve-hour shift, the past
 * year's incidents), so a copy serves only while it reads as a fresh seed would: within the same
 * shift block and half an hour. Past that, or for an app on a clock of its own, startApp seeds as
 * before.
 */
export interface DemoTemplate {
  madeAt: number;
  sqliteFile: string;
  pgDatabase: string;
  keyFile: string;
}

const ENV = 'RAILJOINT_TEST_DEMO_TEMPLATE';
const SHIFT_MS = 12 * 3600_000;
const FRESH_MS = 30 * 60_000;
export const ADMIN_PASSWORD = 'admin-test-password';
export const DEMO_PASSWORD = 'demo-test-password';

/** The run's template when a copy of it would read as a fresh seed now, else null. */
export function usableTemplate(now = Date.now()): DemoTemplate | null {
  const raw = process.env[ENV];
  if (!raw) return null;
  const t = JSON.parse(raw) as DemoTemplate;
  if (now - t.madeAt > FRESH_MS || Math.floor(now / SHIFT_MS) !== Math.floor(t.madeAt / SHIFT_MS)) return null;
  return t;
}

/** The config of an app in a test; the harness and the template share it so a copy matches. */
export function testConfig(database: Config['database'], dataKeyFile: string, demo: boolean): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    database,
    adminPassword: ADMIN_PASSWORD,
    demo,
    natsUrl: null,
    webDist: null,
    sessionTtlS: 3600,
    // TEST_LOG_LEVEL=error shows what a test's 500 was (the answer only says it was logged)
    logLevel: (process.env.TEST_LOG_LEVEL as Config['logLevel'] | undefined) ?? 'silent',
    reception: DEFAULT_RECEPTION,
    // tests receive webhooks on 127.0.0.1 and do not wait long between retries
    webhooks: { allowPrivate: true, baseDelayMs: 100 },
    mfaRoles: [],
    dataKeyFile,
    auditRetentionDays: 180,
  };
}

/** Seeds both templates (SQLite first, which makes the key file PostgreSQL's copy shares). */
export async function makeTemplate(): Promise<{ template: DemoTemplate; drop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-template-'));
  const keyFile = path.join(dir, 'railjoint.keys');
  const sqliteFile = path.join(dir, 'demo.db');
  const madeAt = Date.now();
  const sqlite = await createApp(testConfig({ engine: 'sqlite', file: sqliteFile }, keyFile, true), { demoPassword: DEMO_PASSWORD, loginDelay: async () => {} });
  await sqlite.close();
  const pgDatabase = await createTestDatabase();
  const postgres = await createApp(testConfig({ engine: 'postgres', url: pgDatabase.url }, keyFile, true), { demoPassword: DEMO_PASSWORD, loginDelay: async () => {} });
  await postgres.close();
  // a file left beside the database (a WAL not checkpointed) would be lost by copying the file alone
  const leftovers = fs.readdirSync(dir).filter((f) => f.startsWith('demo.db-') && fs.statSync(path.join(dir, f)).size > 0);
  if (leftovers.length) throw new Error(`the SQLite template was not closed cleanly: ${leftovers.join(', ')}`);
  const template = { madeAt, sqliteFile, pgDatabase: new URL(pgDatabase.url).pathname.slice(1), keyFile };
  process.env[ENV] = JSON.stringify(template);
  return {
    template,
    async drop() {
      await pgDatabase.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
