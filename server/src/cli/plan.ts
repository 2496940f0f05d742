import fs from 'node:fs';
import { CoverInstance, MedianInstance, PatrolGameInstance, formatPath } from '@railjoint/contracts';
import { parse, UsageError, type Io } from './args.js';
import { readJsonFile } from './context.js';

const USAGE = 'railjoint plan cover|median|patrols --instance FILE [--exact] [--time-limit SECONDS]';

/**
 * Where posts should be, on a plain file: the maximal covering instance of
 * docs/allocation.md in, the chosen sites with the weight they cover and the bound out. The fast
 * solver by default; `--exact` asks HiGHS instead (small instances: it proves the optimum, or
 * reports its own bound when the time limit stops it). `median` is the p-median problem on the
 * instance with a distance matrix instead of `covers`: `{"chosen", "cost", "bound", "gapPct", "seconds"}`.
 * `patrols` is the randomised-patrol game (targets valued by risk, teams with the targets they
 * reach): the optimal coverage, its expected loss beside fixed and uniform patrols, daily schedules.
 */
export async function planCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'cover' && sub !== 'median' && sub !== 'patrols') throw new UsageError(`usage: ${USAGE}`);
  const { values } = parse(rest, { instance: { type: 'string' }, exact: { type: 'boolean' }, 'time-limit': { type: 'string' } }, { min: 0, max: 0, usage: USAGE });
  const file = values.instance;
  if (typeof file !== 'string') throw new UsageError(`missing --instance FILE (usage: ${USAGE})`);
  const limit = values['time-limit'] === undefined ? 60 : Number(values['time-limit']);
  if (!(limit > 0)) throw new UsageError(`--time-limit takes a number of seconds above 0 (usage: ${USAGE})`);
  let data: unknown;
  try {
    data = readJsonFile(file);
  } catch (e) {
    // a file that is there but is no JSON is bad data, not a bad command line
    if (!(e instanceof UsageError) || !fs.existsSync(file)) throw e;
    io.err(e.message);
    return 1;
  }
  const parsed = sub === 'cover' ? CoverInstance.safeParse(data) : sub === 'median' ? MedianInstance.safeParse(data) : PatrolGameInstance.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 100)) io.err(`${formatPath(issue.path) || '(top level)'}: ${issue.message}`);
    io.err(`${file}: not a ${sub === 'cover' ? 'covering' : sub === 'median' ? 'p-median' : 'patrol game'} instance; see docs/allocation.md`);
    return 1;
  }
  if (sub === 'patrols') {
    const { playPatrolGame } = await import('../modules/allocation/patrol-game/solve.js');
    io.out(JSON.stringify(await playPatrolGame(parsed.data as PatrolGameInstance)));
    return 0;
  }
  if (sub === 'median') {
    const inst = parsed.data as MedianInstance;
    if (values.exact) {
      const { solveMedianExact } = await import('../modules/allocation/cover/exact.js');
      const r = await solveMedianExact(inst, { timeLimitS: limit });
      const bound = Math.min(r.bound, r.cost);
      io.out(JSON.stringify({ chosen: r.chosen, cost: r.cost, bound, gapPct: r.cost > 0 ? ((r.cost - bound) / r.cost) * 100 : 0, seconds: r.seconds, status: r.optimal ? 'optimal' : 'not proved optimal' }));
      return 0;
    }
    const { solveMedian } = await import('../modules/allocation/cover/median.js');
    io.out(JSON.stringify(solveMedian(inst)));
    return 0;
  }
  const cover = parsed.data as CoverInstance;
  if (values.exact) {
    const { solveCoverExact } = await import('../modules/allocation/cover/exact.js');
    const r = await solveCoverExact(cover, { timeLimitS: limit });
    const bound = Math.max(r.bound, r.covered);
    io.out(JSON.stringify({ chosen: r.chosen, covered: r.covered, bound, gapPct: bound > 0 ? ((bound - r.covered) / bound) * 100 : 0, seconds: r.seconds, status: r.status }));
    return 0;
  }
  const { solveCover } = await import('../modules/allocation/cover/solve.js');
  io.out(JSON.stringify(solveCover(cover)));
  return 0;
}
