import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt, percentile, type BenchRow } from './report.js';

/**
 * How long the `railjoint` command takes to answer (`mileage parse`, which needs no database),
 * from the compiled bundle and from the TypeScript sources through tsx, against `node -e 0` — the
 * floor no Node program goes below — in the same run, interleaved so machine noise falls on all.
 */
export async function benchCliStart(opts: { log: (line: string) => void; runs?: number }): Promise<{ rows: BenchRow[] }> {
  const runs = opts.runs ?? 15;
  const bin = fileURLToPath(new URL('../server/bin/railjoint.mjs', import.meta.url));
  opts.log('cli start: building the bundle…');
  execFileSync('npm', ['run', 'build', '-w', 'server'], { stdio: 'ignore', cwd: fileURLToPath(new URL('..', import.meta.url)) });
  const time = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    return performance.now() - t;
  };
  const bare: number[] = [];
  const bundle: number[] = [];
  const source: number[] = [];
  opts.log(`cli start: ${runs} runs each…`);
  for (let i = 0; i < runs; i++) {
    bare.push(time(['-e', '0']));
    bundle.push(time([bin, 'mileage', 'parse', 'K123+456']));
    source.push(time([bin, 'mileage', 'parse', 'K123+456'], { RAILJOINT_FROM_SOURCE: '1' }));
  }
  const med = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 0.5);
  return {
    rows: [
      { name: '`railjoint mileage parse` from the bundle, median', value: `${fmt(med(bundle))} ms (node -e 0: ${fmt(med(bare))} ms; ${fmt(med(bundle) - med(bare))} ms above the floor)` },
      { name: 'the same from the TypeScript sources (tsx), median', value: `${fmt(med(source))} ms: the bundle answers in ${fmt(med(bundle) / med(source), 2)}× the time` },
    ],
  };
}
