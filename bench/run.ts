import { benchLocate } from './locate.bench.js';
import { benchResolve } from './resolve.bench.js';
import { benchRecommend } from './recommend.bench.js';
import { benchAudit } from './audit.bench.js';
import { benchPatrols } from './patrols.bench.js';
import { benchCliStart } from './cli-start.bench.js';
import { benchConsole } from './console.bench.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { markdownTable, type BenchRow } from './report.js';

/**
 * `npm run bench`: every benchmark, each compared with a baseline measured in the same run; the
 * table it prints goes into the README.
 */
const log = (line: string) => console.error(line);
const sections = [
  { bench: 'network locate', ...(await benchLocate({ log })) },
  { bench: 'jurisdiction resolve', ...(await benchResolve({ log })) },
  { bench: 'dispatch recommend', ...(await benchRecommend({ log })) },
  { bench: 'audit chain', ...(await benchAudit({ log })) },
  { bench: 'civil defence', ...(await benchPatrols({ log })) },
  { bench: 'cli start', ...(await benchCliStart({ log })) },
  { bench: 'console', ...(await benchConsole({ log })) },
  // In a process of its own: its memory figure is the server's, not what the benches above left behind.
  { bench: 'reception', ...(await receptionInChild()) },
  { bench: 'technical defence', ...(await inChild('./devices.bench.ts')) },
  // servers of its own (PostgreSQL, NATS, HAProxy, three instances): in a process of its own too
  { bench: 'several instances', ...(await inChild('./cluster.bench.ts')) },
];
console.log(`\n${markdownTable(sections)}\n`);
console.log(`measured ${new Date().toISOString().slice(0, 10)} on ${process.platform} ${process.arch}, Node ${process.version}`);

async function inChild(file: string): Promise<{ rows: BenchRow[] }> {
  const script = fileURLToPath(new URL(file, import.meta.url));
  const child = promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', script], { maxBuffer: 16 * 1024 * 1024 });
  child.child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
  const { stdout } = await child;
  return JSON.parse(stdout) as { rows: BenchRow[] };
}

async function receptionInChild(): Promise<{ rows: BenchRow[] }> {
  const script = fileURLToPath(new URL('./reception.bench.ts', import.meta.url));
  const child = promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', script], { maxBuffer: 16 * 1024 * 1024 });
  child.child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
  const { stdout } = await child;
  return JSON.parse(stdout) as { rows: BenchRow[] };
}
