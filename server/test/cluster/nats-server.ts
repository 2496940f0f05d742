import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from 'nats';
import { atExit, freePort, portOpen, spawnTracked, stopProcess, waitFor, type Tracked } from './processes.js';

/** The NATS server the other tests share (`.ci/run` starts it). */
export const SHARED_NATS_URL = process.env.RAILJOINT_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * A NATS server with JetStream of the test's own (Debian's nats-server, its own port and store),
 * so the test may stop and start it; the store survives a restart as a real one's would.
 */
export interface NatsServer {
  url: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function createNatsServer(): Promise<NatsServer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-nats-'));
  const forget = atExit(() => fs.rmSync(dir, { recursive: true, force: true }));
  let current: Tracked | null = null;
  const start = async () => {
    const t = spawnTracked('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir]);
    current = t;
    await waitFor('nats-server to listen', async () => {
      if (t.child.exitCode !== null) throw new Error(`nats-server exited ${t.child.exitCode}:\n${t.output()}`);
      return portOpen(port);
    }, 30_000);
  };
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (current) await stopProcess(current, signal);
    current = null;
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    stop,
    start,
    async destroy() {
      await stop('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
      forget();
    },
  };
}

/** Removes a test's stream from a shared server (each test uses a prefix of its own). */
export async function deleteStream(url: string, stream: string): Promise<void> {
  const nc = await connect({ servers: url, timeout: 5000 });
  try {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
}
