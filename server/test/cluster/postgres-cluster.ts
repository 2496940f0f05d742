import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { atExit, freePort, run } from './processes.js';

/**
 * A PostgreSQL cluster of the test's own (Debian's binaries, a data folder under /tmp, its own
 * port), so a test may stop and start it without disturbing the shared server other test files
 * use. As root the server runs as the `postgres` user, as it refuses root.
 */
export interface PostgresCluster {
  url: string;
  port: number;
  /** a fast shutdown (sessions ended, as a restart does), without blocking the test's load */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): void;
}

function binDir(): string {
  const versions = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)) return `/usr/lib/postgresql/${v}/bin`;
  throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
}

export async function createPostgresCluster(): Promise<PostgresCluster> {
  const bin = binDir();
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-pgcluster-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) run('chown', ['postgres:postgres', dir]);
  const pgRun = (tool: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args));
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c shared_buffers=32MB -c max_connections=100`;
  const pgCtl = async (args: string[]) => {
    const [command, all] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...args]] : [path.join(bin, 'pg_ctl'), args];
    await promisify(execFile)(command as string, all as string[]);
  };
  const start = () => pgCtl(['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  const stop = () => pgCtl(['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
    spawnSync(asRoot ? 'runuser' : path.join(bin, 'pg_ctl'), asRoot ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...args] : args, { stdio: 'ignore' });
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const forget = atExit(destroy);
  try {
    pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    await start();
  } catch (e) {
    destroy();
    forget();
    throw e;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop,
    start,
    destroy() {
      destroy();
      forget();
    },
  };
}
