import { z } from 'zod';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROLES, type Role } from '@railjoint/contracts';
import { federationFromEnv, type FederationConfig } from './federation/config.js';
import { parseSchedule, type BriefingSchedule } from '../modules/briefings/model.js';

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
  /** keeps deployments sharing one NATS server apart: stream <PREFIX>_EVENTS, subjects <prefix>.events.> (default railjoint) */
  natsPrefix?: string;
  /** how often each periodic job (deadline sweeps, reminders, scheduled reports) looks for due work, seconds (default 5) */
  sweepEveryS?: number;
  webDist: string | null;
  /** how long a sign-in token lives */
  sessionTtlS: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  reception: ReceptionConfig;
  /** the instant the platform clock starts at (ms since epoch), or null for the machine's time */
  clockStart?: number | null;
  /** outbound webhooks: whether private addresses are allowed (tests, closed networks), first retry delay */
  webhooks?: { allowPrivate: boolean; baseDelayMs: number };
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses, CIDRs, or proxy-addr's names
   * loopback, linklocal, uniquelocal); absent or empty: none, the peer's address is the client's.
   */
  trustedProxies?: string[];
  /** roles that must sign in with a second factor (TOTP) */
  mfaRoles: Role[];
  /** technical defence: where device messages come in over MQTT, and the heartbeat interval; absent: no MQTT, 60 s */
  devices?: DeviceConfig;
  /** civil defence (issue 10); defaults when absent */
  patrols?: PatrolConfig;
  /**
   * The file of SM4 keys personal data is sealed with (made on first start, owner-only); kept out
   * of the database so its files or a dump reveal nothing. Instances that share a database share it.
   */
  dataKeyFile: string;
  /** audit entries are kept this long in the database before they may be archived (at least 180) */
  auditRetentionDays: number;
  /**
   * An optional basemap that works on a closed network (RAILJOINT_BASEMAP): a PMTiles file this
   * server serves to the console, or the URL of a style on a tile server of the department's own;
   * absent or null: the schematic map drawn from the network only.
   */
  basemap?: BasemapConfig | null;
  /** this node's place among the bureau and its departments (issue 15); absent or null: a node on its own */
  federation?: FederationConfig | null;
  /** when briefings are made by themselves (RAILJOINT_BRIEFING_AT, _KINDS); absent or null: only when the centre asks */
  briefings?: BriefingSchedule | null;
}

export type BasemapConfig = { kind: 'pmtiles'; file: string } | { kind: 'style'; url: string };

export interface DeviceConfig {
  /** an external broker to subscribe to (shared subscription, QoS 1); null runs the embedded broker */
  mqttUrl: string | null;
  /** the embedded broker's port; null for no MQTT at all */
  mqttPort: number | null;
  mqttConnections: number;
  mqttClientId: string;
  heartbeatS: number;
  /** the shared-subscription group (default railjoint) and clean sessions: for tests sharing a broker */
  mqttGroup?: string;
  mqttClean?: boolean;
}

/** The clocks and distances of reception and dispatch that a department tunes. */
export interface ReceptionConfig {
  duplicateDistanceM: number;
  duplicateWindowS: number;
  transferReplyS: number;
  ackTimeoutS: number;
  /** km/h per unit kind, overriding the ETA model's defaults */
  speedsKmh: Record<string, number>;
  /** how long a receiving agency has to acknowledge a bulletin before reminders start (and their interval) */
  bulletinRemindS: number;
}

/** Civil defence: the checkpoint key, how late a check-in may be, when silence raises a welfare alert, public report limits. */
export interface PatrolConfig {
  /** base64 key (≥ 32 bytes) that signs checkpoint codes; null: made on first start and kept in the database */
  checkpointKey: string | null;
  lateGraceS: number;
  welfareS: number;
  /** public reports per address and hour (a device gets half) */
  publicReportsPerHour: number;
}

export const DEFAULT_PATROLS: PatrolConfig = { checkpointKey: null, lateGraceS: 900, welfareS: 1200, publicReportsPerHour: 10 };

export const DEFAULT_RECEPTION: ReceptionConfig = { duplicateDistanceM: 500, duplicateWindowS: 1800, transferReplyS: 600, ackTimeoutS: 120, speedsKmh: {}, bulletinRemindS: 1800 };

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
  RAILJOINT_NATS_PREFIX: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'RAILJOINT_NATS_PREFIX is a lower-case name of at most 32 letters, digits, - and _, e.g. railjoint-lz').default('railjoint'),
  RAILJOINT_SWEEP_S: z.coerce.number().int().min(1).max(60).default(5),
  RAILJOINT_WEB_DIST: z.string().optional(),
  MQTT_URL: z.string().regex(/^(mqtts?|tcp|tls|wss?):\/\/[^\s]+$/, 'MQTT_URL looks like mqtt://host:1883 (or mqtts://, ws://, wss://)').optional(),
  /** the embedded broker's port, or off */
  RAILJOINT_MQTT_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65535)]).default(1883),
  RAILJOINT_MQTT_CONNECTIONS: z.coerce.number().int().min(1).max(64).default(64),
  RAILJOINT_MQTT_CLIENT_ID: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'RAILJOINT_MQTT_CLIENT_ID is at most 40 letters, digits, - and _').optional(),
  RAILJOINT_HEARTBEAT_S: z.coerce.number().int().min(5).max(86_400).default(60),
  RAILJOINT_SESSION_TTL_S: z.coerce.number().int().positive().default(12 * 3600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  RAILJOINT_DUPLICATE_DISTANCE_M: z.coerce.number().positive().max(20_000).default(500),
  RAILJOINT_DUPLICATE_WINDOW_S: z.coerce.number().int().positive().max(86_400).default(1800),
  RAILJOINT_TRANSFER_REPLY_S: z.coerce.number().int().min(60).max(86_400).default(600),
  RAILJOINT_ACK_TIMEOUT_S: z.coerce.number().int().min(10).max(3600).default(120),
  RAILJOINT_WEBHOOK_ALLOW_PRIVATE: z.enum(['1', '0', 'true', 'false']).optional(),
  RAILJOINT_BULLETIN_REMIND_S: z.coerce.number().int().min(10).max(7 * 86_400).default(1800),
  /** e.g. patrol_car=50,foot_team=4.5 */
  RAILJOINT_ETA_SPEEDS: z
    .string()
    .regex(/^([a-z_]+=\d+(\.\d+)?)(,[a-z_]+=\d+(\.\d+)?)*$/, 'RAILJOINT_ETA_SPEEDS looks like patrol_car=50,foot_team=4.5')
    .optional(),
  /** e.g. 2026-12-01T09:00:00+08:00: replay a timetable shift at any hour (training, demos, tests) */
  /** e.g. 10.20.0.5,10.20.1.0/24: the reverse proxies in front of the platform */
  RAILJOINT_TRUSTED_PROXIES: z
    .string()
    .refine((v) => v.split(',').every((p) => isProxySpec(p.trim())), 'RAILJOINT_TRUSTED_PROXIES lists addresses or CIDRs, e.g. 10.20.0.5,10.20.1.0/24 (or loopback, linklocal, uniquelocal)')
    .optional(),
  RAILJOINT_DATA_KEY_FILE: z.string().min(1).optional(),
  RAILJOINT_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(180, 'audit entries are kept at least 180 days (MLPS 2.0 level 3)').max(36_500).default(180),
  /** e.g. admin,commander,auditor; empty for none */
  RAILJOINT_MFA_ROLES: z
    .string()
    .refine((v) => v.split(',').map((r) => r.trim()).filter(Boolean).every((r) => (ROLES as readonly string[]).includes(r)), `RAILJOINT_MFA_ROLES lists roles among ${ROLES.join(', ')}`)
    .optional(),
  RAILJOINT_CHECKPOINT_KEY: z
    .string()
    .refine((v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length >= 32, 'RAILJOINT_CHECKPOINT_KEY is base64 of at least 32 random bytes, e.g. from: openssl rand -base64 32')
    .optional(),
  RAILJOINT_PATROL_GRACE_S: z.coerce.number().int().min(0).max(4 * 3600).default(900),
  RAILJOINT_PATROL_WELFARE_S: z.coerce.number().int().min(300).max(24 * 3600).default(1200),
  RAILJOINT_PUBLIC_REPORTS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(10),
  /** /srv/maps/guangxi.pmtiles, or https://tiles.lz.police/styles/basic/style.json */
  RAILJOINT_BASEMAP: z
    .string()
    .refine((v) => /^https?:\/\/[^/\s]+\/\S*$/.test(v) || /\.pmtiles$/i.test(v), 'RAILJOINT_BASEMAP is a PMTiles file (…/guangxi.pmtiles) or a style URL (http(s)://host/…/style.json)')
    .optional(),
  RAILJOINT_CLOCK_START: z
    .string()
    .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)), 'RAILJOINT_CLOCK_START is an ISO 8601 time with an offset, e.g. 2026-12-01T09:00:00+08:00')
    .optional(),
});

export class ConfigError extends Error {}

/** Stable across restarts of this machine, so the broker keeps the session's unacknowledged messages. */
function defaultMqttClientId(): string {
  return `railjoint-${os.hostname().replace(/[^A-Za-z0-9_-]/g, '').slice(0, 30) || 'server'}`;
}

export const DEFAULT_MFA_ROLES: Role[] = ['admin', 'commander', 'auditor'];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a CIDR with a prefix that fits it, or one of proxy-addr's names. */
export function isProxySpec(spec: string): boolean {
  if (PROXY_NAMES.has(spec)) return true;
  const [address, prefix, extra] = spec.split('/');
  const family = net.isIP(address ?? '');
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

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
  const federation = federationFromEnv(env, e.NATS_URL ?? null);
  if (federation.problems.length) throw new ConfigError(`bad configuration:\n  ${federation.problems.join('\n  ')}`);
  const database = parseDatabaseUrl(e.DATABASE_URL);
  const demo = e.RAILJOINT_DEMO === undefined ? (defaults.demo ?? false) : ['1', 'true', 'yes', 'on'].includes(e.RAILJOINT_DEMO);
  let briefings: BriefingSchedule;
  try {
    briefings = parseSchedule(env.RAILJOINT_BRIEFING_AT, env.RAILJOINT_BRIEFING_KINDS);
  } catch (err) {
    throw new ConfigError(`bad configuration:\n  ${(err as Error).message}`);
  }
  return {
    briefings,
    port: e.PORT,
    host: e.HOST,
    database,
    auditRetentionDays: e.RAILJOINT_AUDIT_RETENTION_DAYS,
    dataKeyFile: e.RAILJOINT_DATA_KEY_FILE ? path.resolve(e.RAILJOINT_DATA_KEY_FILE) : defaultKeyFile(database),
    adminPassword: e.RAILJOINT_ADMIN_PASSWORD ?? null,
    demo,
    natsUrl: e.NATS_URL ?? null,
    // a node's own events must not reach the other nodes' event streams over the leaf connection
    natsPrefix: env.RAILJOINT_NATS_PREFIX === undefined && federation.config ? `railjoint-${federation.config.code}` : e.RAILJOINT_NATS_PREFIX,
    federation: federation.config,
    sweepEveryS: e.RAILJOINT_SWEEP_S,
    webDist: e.RAILJOINT_WEB_DIST ?? null,
    devices: {
      mqttUrl: e.MQTT_URL ?? null,
      mqttPort: e.RAILJOINT_MQTT_PORT === 'off' ? null : e.RAILJOINT_MQTT_PORT,
      mqttConnections: e.RAILJOINT_MQTT_CONNECTIONS,
      mqttClientId: e.RAILJOINT_MQTT_CLIENT_ID ?? defaultMqttClientId(),
      heartbeatS: e.RAILJOINT_HEARTBEAT_S,
    },
    sessionTtlS: e.RAILJOINT_SESSION_TTL_S,
    logLevel: e.LOG_LEVEL,
    clockStart: e.RAILJOINT_CLOCK_START ? Date.parse(e.RAILJOINT_CLOCK_START) : null,
    basemap: e.RAILJOINT_BASEMAP ? parseBasemap(e.RAILJOINT_BASEMAP) : null,
    trustedProxies: (e.RAILJOINT_TRUSTED_PROXIES ?? '').split(',').map((p) => p.trim()).filter(Boolean),
    mfaRoles: e.RAILJOINT_MFA_ROLES === undefined ? [...DEFAULT_MFA_ROLES] : [...new Set(e.RAILJOINT_MFA_ROLES.split(',').map((r) => r.trim()).filter(Boolean) as Role[])],
    patrols: { checkpointKey: e.RAILJOINT_CHECKPOINT_KEY ?? null, lateGraceS: e.RAILJOINT_PATROL_GRACE_S, welfareS: e.RAILJOINT_PATROL_WELFARE_S, publicReportsPerHour: e.RAILJOINT_PUBLIC_REPORTS_PER_HOUR },
    webhooks: { allowPrivate: e.RAILJOINT_WEBHOOK_ALLOW_PRIVATE === '1' || e.RAILJOINT_WEBHOOK_ALLOW_PRIVATE === 'true', baseDelayMs: 5000 },
    reception: {
      duplicateDistanceM: e.RAILJOINT_DUPLICATE_DISTANCE_M,
      duplicateWindowS: e.RAILJOINT_DUPLICATE_WINDOW_S,
      transferReplyS: e.RAILJOINT_TRANSFER_REPLY_S,
      ackTimeoutS: e.RAILJOINT_ACK_TIMEOUT_S,
      bulletinRemindS: e.RAILJOINT_BULLETIN_REMIND_S,
      speedsKmh: Object.fromEntries((e.RAILJOINT_ETA_SPEEDS ?? '').split(',').filter(Boolean).map((kv) => {
        const [k, v] = kv.split('=');
        return [k!, Number(v)];
      })),
    },
  };
}

/** Beside an SQLite file; for PostgreSQL in ./data of the working folder (the server's, not the database's). */
function defaultKeyFile(database: DatabaseConfig): string {
  return database.engine === 'sqlite' && database.file !== ':memory:' ? path.join(path.dirname(path.resolve(database.file)), 'railjoint.keys') : path.resolve('data', 'railjoint.keys');
}

/** A style URL as given; a PMTiles file must be there and readable when the server starts. */
export function parseBasemap(value: string): BasemapConfig {
  if (/^https?:\/\//.test(value)) return { kind: 'style', url: new URL(value).href };
  const file = path.resolve(value);
  try {
    fs.accessSync(file, fs.constants.R_OK);
    if (!fs.statSync(file).isFile()) throw new Error('not a file');
  } catch {
    throw new ConfigError(`RAILJOINT_BASEMAP: cannot read the PMTiles file ${file}`);
  }
  return { kind: 'pmtiles', file };
}

