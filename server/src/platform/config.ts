import { z } from 'zod';
import path from 'node:path';

/**
 * The environment, read and validated once at start. Everything else receives a Config and never
 * looks at process.env, so tests and the CLI can build one explicitly.
 */
export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  adminPassword: string | null;
  demo: boolean;
  natsUrl: string | null;
  webDist: string | null;
  /** how long a sign-in token lives */
  sessionTtlS: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
}

export type DatabaseConfig =
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; url: string };

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().default('sqlite:./data/railjoint.db'),
  RAILJOINT_ADMIN_PASSWORD: z.string().min(10, 'RAILJOINT_ADMIN_PASSWORD needs at least 10 characters').optional(),
  RAILJOINT_DEMO: z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off']).optional(),
  NATS_URL: z.string().optional(),
  RAILJOINT_WEB_DIST: z.string().optional(),
  RAILJOINT_SESSION_TTL_S: z.coerce.number().int().positive().default(12 * 3600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
});

export class ConfigError extends Error {}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { engine: 'postgres', url };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (!file) throw new ConfigError('DATABASE_URL sqlite: needs a path, e.g. sqlite:./data/railjoint.db');
    return { engine: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  throw new ConfigError(`DATABASE_URL must start with postgres:// or sqlite: (got "${url.slice(0, 20)}…")`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaults: { demo?: boolean } = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`bad configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const demo = e.RAILJOINT_DEMO === undefined ? (defaults.demo ?? false) : ['1', 'true', 'yes', 'on'].includes(e.RAILJOINT_DEMO);
  return {
    port: e.PORT,
    host: e.HOST,
    database: parseDatabaseUrl(e.DATABASE_URL),
    adminPassword: e.RAILJOINT_ADMIN_PASSWORD ?? null,
    demo,
    natsUrl: e.NATS_URL ?? null,
    webDist: e.RAILJOINT_WEB_DIST ?? null,
    sessionTtlS: e.RAILJOINT_SESSION_TTL_S,
    logLevel: e.LOG_LEVEL,
  };
}
