import { benchLocate } from './locate.bench.js';
import { benchResolve } from './resolve.bench.js';
import { benchRecommend } from './recommend.bench.js';
import { benchAudit } from './audit.bench.js';
import { benchPatrols } from './patrols.bench.js';
import { benchCliStart } from './cli-start.bench.js';
import { benchConsole } from './console.bench.js';
import { benchRisk } from './risk.bench.js';
import { benchSimulate } from './simulate.bench.js';
import { benchCover } from './cover.bench.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { markdownTable, type BenchRow } from './report.js';

/**
 * `npm run bench`: every benchmark, each compared with a baseline measured in the same run; the
 * table it prints goes into the README.
 */
const log = (line: string) => console.error(line);
// `npm run bench -- devices reception`: only the benches whose name or file holds one of the words
const only = process.argv.slice(2).map((a) => a.toLowerCase());
const all: Array<{ bench: string; file: string; run: () => Promise<{ rows: BenchRow[] }> }> = [
  { bench: 'network locate', file: 'locate', run: () => benchLocate({ log }) },
  { bench: 'jurisdiction resolve', file: 'resolve', run: () => benchResolve({ log }) },
  { bench: 'dispatch recommend', file: 'recommend', run: () => benchRecommend({ log }) },
  { bench: 'audit chain', file: 'audit', run: () => benchAudit({ log }) },
  { bench: 'civil defence', file: 'patrols', run: () => benchPatrols({ log }) },
  { bench: 'cli start', file: 'cli-start', run: () => benchCliStart({ log }) },
  { bench: 'console', file: 'console', run: () => benchConsole({ log }) },
  { bench: 'risk along the line', file: 'risk', run: () => benchRisk({ log }) },
  { bench: 'response simulation', file: 'simulate', run: () => benchSimulate({ log }) },
  { bench: 'where posts should be', file: 'cover', run: () => benchCover({ log }) },
  // In a process of its own: its memory figure is the server's, not what the benches above left behind.
  { bench: 'reception', file: 'reception', run: () => receptionInChild() },
  { bench: 'technical defence', file: 'devices', run: () => inChild('./devices.bench.ts') },
  // it sets the platform clock to the month's end: in a process of its own, so the others keep theirs
  { bench: 'indicators', file: 'indicators', run: () => inChild('./indicators.bench.ts') },
  // it sets the platform clock to the morning after the day it briefs: in a process of its own too
  { bench: 'briefings', file: 'briefings', run: () => inChild('./briefings.bench.ts') },
  // servers of its own (PostgreSQL, NATS, HAProxy, three instances): in a process of its own too
  { bench: 'several instances', file: 'cluster', run: () => inChild('./cluster.bench.ts') },
];
const sections: Array<{ bench: string; rows: BenchRow[] }> = [];
for (const b of all) {
  if (only.length && !only.some((w) => b.file.includes(w) || b.bench.includes(w))) continue;
  sections.push({ bench: b.bench, ...(await b.run()) });
}
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
