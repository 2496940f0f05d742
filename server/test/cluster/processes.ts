import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import net from 'node:net';

/**
 * Every process a multi-instance test starts, so that none outlives it: each test stops what it
 * started in afterAll, and whatever is left (a test that threw half-way, a worker exiting) is
 * killed when this process exits.
 */
const children = new Set<ChildProcess>();
const onExit: Array<() => void> = [];

process.once('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const f of onExit) {
    try {
      f();
    } catch {
      // best effort at exit
    }
  }
});

/** Something to undo synchronously if the test process exits without having undone it (a database cluster). */
export function atExit(f: () => void): () => void {
  onExit.push(f);
  return () => {
    const i = onExit.indexOf(f);
    if (i >= 0) onExit.splice(i, 1);
  };
}

export interface Tracked {
  child: ChildProcess;
  /** the last lines it wrote, for the message of a failing test */
  output(): string;
  exited: Promise<number | null>;
}

export function spawnTracked(command: string, args: string[], opts: SpawnOptions = {}): Tracked {
  const child = spawn(command, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const lines: string[] = [];
  const keep = (d: Buffer) => {
    lines.push(...d.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 60) lines.splice(0, lines.length - 60);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    });
    child.once('error', (e) => {
      lines.push(String(e));
      children.delete(child);
      resolve(null);
    });
  });
  return { child, output: () => lines.join('\n'), exited };
}

/** Sends a signal and waits for the process to be gone. */
export async function stopProcess(t: Tracked, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (t.child.exitCode !== null || t.child.signalCode !== null) return;
  t.child.kill(signal);
  const timer = setTimeout(() => t.child.kill('SIGKILL'), graceMs);
  await t.exited;
  clearTimeout(timer);
}

/** A port nobody listens on right now (the kernel's choice), for a server the test starts. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits for a condition, up to a generous bound: a liveness wait, never a measurement. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, boundMs = 60_000, everyMs = 100): Promise<T> {
  const end = Date.now() + boundMs;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await probe();
      if (v !== null && v !== undefined && v !== false) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`gave up waiting for ${what} after ${boundMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Runs a command to completion, throwing with its output when it fails. */
export function run(command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(command, args, { ...opts, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout || r.error}`);
  return r.stdout;
}
