import path from 'node:path';
import { expect } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { DEFAULT_RECEPTION, type Config } from '../../src/platform/config.js';
import type { FederationConfig } from '../../src/platform/federation/config.js';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from '../harness.js';

/** One node's platform (its own SQLite database and keys in its own folder), restartable on the same data. */
export class PlatformNode {
  app!: App;
  private readonly tokens = new Map<string, string>();
  /** people the test made, with their passwords (the demo's and the admin's are known) */
  readonly passwords = new Map<string, string>();

  private constructor(
    readonly code: string,
    readonly config: Config,
  ) {}

  static async start(o: { code: string; dir: string; demo: boolean; federation: FederationConfig }): Promise<PlatformNode> {
    const config: Config = {
      port: 0,
      host: '127.0.0.1',
      database: { engine: 'sqlite', file: path.join(o.dir, `${o.code}.db`) },
      adminPassword: ADMIN_PASSWORD,
      demo: o.demo,
      natsUrl: null,
      webDist: null,
      sessionTtlS: 3600,
      logLevel: (process.env.RAILJOINT_TEST_LOG as Config['logLevel'] | undefined) ?? 'silent',
      reception: DEFAULT_RECEPTION,
      mfaRoles: [],
      dataKeyFile: path.join(o.dir, `${o.code}.keys`),
      auditRetentionDays: 180,
      devices: { mqttUrl: null, mqttPort: null, mqttConnections: 1, mqttClientId: `fed-${o.code}`, heartbeatS: 60 },
      federation: o.federation,
    };
    const node = new PlatformNode(o.code, config);
    await node.open();
    return node;
  }

  private async open(): Promise<void> {
    this.app = await createApp(this.config, { demoPassword: DEMO_PASSWORD, loginDelay: async () => {} });
    this.tokens.clear();
  }

  /** Stops the platform and starts it again on the same database, keys and NATS server. */
  async restart(): Promise<void> {
    await this.app.close();
    await this.open();
  }

  async close(): Promise<void> {
    await this.app?.close();
  }

  async auth(username: string, password = this.passwords.get(username) ?? (username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD)): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const res = await this.app.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    expect(res.statusCode, `${this.code}: sign-in of ${username}: ${res.body}`).toBe(200);
    const token = `Bearer ${res.json().token as string}`;
    this.tokens.set(username, token);
    return token;
  }

  /** A request that must succeed; its JSON. */
  async ok<T = any>(username: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<T> {
    const res = await this.app.http.inject({ method, url, payload: payload as never, headers: { authorization: await this.auth(username) } });
    expect(res.statusCode, `${this.code}: ${username} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return (res.body ? res.json() : null) as T;
  }

  /** What the federation jobs last said and what this node knows of the others, for the message of a failing wait. */
  async diagnosis(): Promise<string> {
    const jobs = this.app.jobs
      .states()
      .filter((j) => j.name.startsWith('federation.'))
      .map((j) => `${this.code} ${j.name}: ${j.here ? 'held' : 'not held'}, last ${j.lastRunAt ?? 'never'}${j.lastError ? `, error ${j.lastError}` : ''}`);
    const k = this.app.db.kysely;
    const others = (await k.selectFrom('federation_nodes').selectAll().execute()).map((n) => `${this.code} knows ${n.code} (${n.role}): link ${n.link_state}, ${n.messages} messages, last ${n.last_message_type ?? '-'}`);
    const agencies = (await k.selectFrom('federation_agencies').select(['node', (eb) => eb.fn.countAll().as('n')]).groupBy('node').execute()).map((a) => `${this.code} has ${a.n} agencies of ${a.node}`);
    const inbox = (await k.selectFrom('federation_inbox').select(['type', (eb) => eb.fn.countAll().as('n')]).groupBy('type').execute()).map((a) => `${this.code} imported ${a.n} ${a.type}`);
    return [...jobs, ...others, ...agencies, ...inbox].join('\n');
  }

  async count(table: 'incidents' | 'federation_incidents' | 'federation_bulletins' | 'federation_receipts' | 'federation_inbox' | 'bulletins', where?: [string, string]): Promise<number> {
    let q = this.app.db.kysely.selectFrom(table as 'incidents').select((eb) => eb.fn.countAll().as('n'));
    if (where) q = q.where(where[0] as never, '=', where[1] as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }
}
