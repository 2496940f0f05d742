import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { atExit, freePort, portOpen, spawnTracked, stopProcess, waitFor, type Tracked } from './processes.js';

export interface Balancer {
  url: string;
  port: number;
  process: Tracked;
  stop(): Promise<void>;
}

/**
 * HAProxy (Debian's) in front of the instances, as a deployment would have it: round robin,
 * WebSockets tunnelled, an instance taken out when its liveness check fails and a request whose
 * connection was refused sent to another. Health is `/api/health/live`, not `/api/health`: every
 * instance shares the database, and a balancer that took them all out while it restarts would
 * answer with its own page instead of the documented 503.
 */
export function haproxyConfig(port: number, backends: number[]): string {
  return [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  option forwardfor',
    '  option redispatch',
    '  retries 3',
    // only a refused connection is retried elsewhere: a request an instance may have carried out
    // before dying is not sent twice (clients repeat creations with the same externalRef)
    '  retry-on conn-failure',
    '  timeout connect 2s',
    '  timeout client 120s',
    '  timeout server 120s',
    '  timeout tunnel 1h',
    'frontend railjoint',
    `  bind 127.0.0.1:${port}`,
    '  default_backend instances',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /api/health/live',
    '  http-check expect status 200',
    '  default-server inter 500ms fall 2 rise 1',
    ...backends.map((p, i) => `  server i${i + 1} 127.0.0.1:${p} check`),
    '',
  ].join('\n');
}

export async function startBalancer(backends: number[]): Promise<Balancer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-haproxy-'));
  const forget = atExit(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(file, haproxyConfig(port, backends));
  // -db: stay in the foreground, so the test owns the process
  const tracked = spawnTracked('haproxy', ['-db', '-f', file]);
  await waitFor('HAProxy to listen', async () => {
    if (tracked.child.exitCode !== null) throw new Error(`haproxy exited ${tracked.child.exitCode}:\n${tracked.output()}`);
    return portOpen(port);
  }, 30_000);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: tracked,
    async stop() {
      await stopProcess(tracked, 'SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
      forget();
    },
  };
}
