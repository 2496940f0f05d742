import fs from 'node:fs';
import path from 'node:path';
import { freePort, portOpen, spawnTracked, stopProcess, waitFor, type Tracked } from '../cluster/processes.js';

/** Debian's nats-server (2.9 on this machine kind); `.ci/run` installs it when missing. */
export const NATS_SERVER = fs.existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server';

export interface NatsNode {
  code: string;
  /** what the node's platform connects with */
  url: string;
  port: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The bureau's server, as docs/federation.md configures it: JetStream in the bureau's domain, one
 * account for the platform and for every department's leaf connection, each department allowed
 * neither to publish nor to receive federation subjects over its leaf connection (only JetStream
 * copies them), so no department can write in another's name or read another's traffic.
 * `advertise` names the address departments dial: nats-server before 2.15 otherwise tells leaf
 * nodes its own listen address even with `no_advertise`, and a cut link would heal around the cut.
 */
export function bureauConfig(o: { code: string; port: number; leafPort: number; advertise: string; store: string; platformPassword: string; departments: Array<{ code: string; password: string }>; prefix?: string }): string {
  const fed = `${o.prefix ?? 'railjoint'}.fed.>`;
  const departments = o.departments.map((d) => `      { user: "${d.code}", password: "${d.password}", permissions: { publish: { deny: ["${fed}"] }, subscribe: { deny: ["${fed}"] } } }`);
  return [
    `server_name: ${o.code}`,
    `listen: 127.0.0.1:${o.port}`,
    `jetstream { store_dir: "${o.store}", domain: ${o.code} }`,
    'accounts {',
    '  RAILJOINT: {',
    '    jetstream: enabled',
    '    users: [',
    `      { user: "platform", password: "${o.platformPassword}" }`,
    ...departments,
    '    ]',
    '  }',
    '}',
    `leafnodes { listen: 127.0.0.1:${o.leafPort}, advertise: "${o.advertise}" }`,
    '',
  ].join('\n');
}

/** A department's server: JetStream in its own domain, a leaf connection to the bureau's. */
export function departmentConfig(o: { code: string; port: number; store: string; bureauLeafUrl: string; password: string }): string {
  const url = new URL(o.bureauLeafUrl);
  url.username = o.code;
  url.password = o.password;
  return [`server_name: ${o.code}`, `listen: 127.0.0.1:${o.port}`, `jetstream { store_dir: "${o.store}", domain: ${o.code} }`, `leafnodes { remotes: [ { url: "${url.toString()}" } ], reconnect: 1 }`, ''].join('\n');
}

export async function startNatsNode(code: string, dir: string, config: (port: number) => string, urlFor: (port: number) => string): Promise<NatsNode> {
  const port = await freePort();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'nats.conf');
  fs.writeFileSync(file, config(port));
  const t: Tracked = spawnTracked(NATS_SERVER, ['-c', file]);
  await waitFor(`nats-server ${code} to listen`, async () => {
    if (t.child.exitCode !== null) throw new Error(`nats-server ${code} exited ${t.child.exitCode}:\n${t.output()}`);
    return portOpen(port);
  }, 30_000);
  return { code, url: urlFor(port), port, output: t.output, stop: () => stopProcess(t, 'SIGTERM', 5000) };
}
