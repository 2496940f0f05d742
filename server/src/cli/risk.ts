import fs from 'node:fs';
import type { RiskBacktestResult } from '@railjoint/contracts';
import { RiskBacktestRequest } from '@railjoint/contracts';
import { parse, UsageError, type Io } from './args.js';
import { cliActor, openCliDatabase } from './context.js';
import { Progress, step } from './progress.js';
import { now } from '../platform/clock.js';
import { HttpError } from '../platform/http/errors.js';
import type { Db } from '../platform/db/database.js';
import { NetworkService } from '../modules/network/service.js';
import { OrganisationService } from '../modules/organisation/service.js';
import { RiskService } from '../modules/risk/service.js';
import { parseHistory, type HistoryProblem } from '../modules/risk/history.js';

const IMPORT_USAGE = 'railjoint incidents import-history FILE';
const BACKTEST_USAGE = 'railjoint risk backtest --history FILE --train-until DATE --test-until DATE [--category C] [--cell-m M]';

async function openServices(db: Db) {
  const network = await NetworkService.open(db);
  const org = await OrganisationService.open(db, network);
  return { network, org, risk: new RiskService(db, network, org) };
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function printProblems(io: Io, problems: readonly HistoryProblem[]): void {
  for (const p of problems) io.out(`ERROR   line ${p.line} ${p.field}: ${p.message.en}`);
  io.err(`${problems.length} problem(s); nothing was imported`);
}

export async function incidentsCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'import-history') throw new UsageError(`usage: ${IMPORT_USAGE}`);
  const { positionals } = parse(rest, {}, { min: 1, max: 1, usage: IMPORT_USAGE });
  const file = positionals[0]!;
  const text = readText(file);
  const db = await openCliDatabase(io.env);
  try {
    const { risk } = await openServices(db);
    step(`placing the past incidents of ${file} on the network…`);
    let bar: Progress | null = null;
    try {
      const result = await risk.importHistory(cliActor(), text, 'import', (done, total) => (bar ??= new Progress('history', total)).update(done));
      (bar as Progress | null)?.done();
      io.out(`imported: ${result.imported} past incident(s)`);
      return 0;
    } catch (e) {
      (bar as Progress | null)?.done();
      if (e instanceof HttpError && e.code === 'invalid_import') {
        printProblems(io, (e.details?.errors ?? []) as HistoryProblem[]);
        return 1;
      }
      throw e;
    }
  } finally {
    await db.close();
  }
}

export async function riskCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'backtest') throw new UsageError(`usage: ${BACKTEST_USAGE}`);
  const { values } = parse(rest, { history: { type: 'string' }, 'train-until': { type: 'string' }, 'test-until': { type: 'string' }, category: { type: 'string' }, 'cell-m': { type: 'string' } }, { min: 0, max: 0, usage: BACKTEST_USAGE });
  if (!values.history || !values['train-until'] || !values['test-until']) throw new UsageError(`--history, --train-until and --test-until are needed (usage: ${BACKTEST_USAGE})`);
  const req = RiskBacktestRequest.safeParse({ trainUntil: values['train-until'], testUntil: values['test-until'], category: values.category, cellM: values['cell-m'] === undefined ? undefined : Number(values['cell-m']) });
  if (!req.success) throw new UsageError(req.error.issues.map((i) => `${({ trainUntil: '--train-until', testUntil: '--test-until', category: '--category', cellM: '--cell-m' } as Record<string, string>)[String(i.path[0])] ?? i.path.join('.')}: ${i.message}`).join('; '));
  const text = readText(String(values.history));
  const db = await openCliDatabase(io.env);
  try {
    const { network, org, risk } = await openServices(db);
    if (!network.current().lines().length) throw new Error('the database holds no network: import one first (railjoint network import FILE)');
    if (req.data.category && !org.categories().some((c) => c.id === req.data.category)) throw new UsageError(`--category: unknown incident category "${req.data.category}"`);
    let bar: Progress | null = null;
    const parsed = parseHistory(text, network.current(), new Set(org.categories().map((c) => c.id)), now(), (done, total) => (bar ??= new Progress('history', total)).update(done));
    (bar as Progress | null)?.done();
    if (parsed.problems.length) {
      printProblems(io, parsed.problems);
      return 1;
    }
    step(`backtesting on ${parsed.rows.length} past incident(s)…`);
    let result: RiskBacktestResult;
    try {
      result = await risk.backtestOn(
        parsed.rows.map((r) => ({ lineId: r.lineId, measure: r.measure, t: Date.parse(r.occurredAt), category: r.category })),
        req.data,
      );
    } catch (e) {
      if (e instanceof HttpError) throw new UsageError(e.said.en);
      throw e;
    }
    for (const line of backtestTable(result)) io.out(line);
    return 0;
  } finally {
    await db.close();
  }
}

/** The backtest as a plain table: one row per method and coverage, the baseline marked. */
export function backtestTable(r: RiskBacktestResult): string[] {
  const out = [
    `train ≤ ${r.trainUntil} (${r.trainEvents} incidents), test ≤ ${r.testUntil} (${r.testEvents} incidents), ${r.lengthKm} km in ${r.cellM} m cells${r.category ? `, category ${r.category}` : ''}`,
    '',
    `${'method'.padEnd(26)}${'line'.padStart(4)}  ${'hit rate'.padStart(8)}  ${'PAI'.padStart(6)}  ${'PEI*'.padStart(6)}`,
  ];
  for (const m of r.methods) {
    for (const s of m.scores) {
      out.push(`${(m.method + (m.baseline ? ' (baseline)' : '')).padEnd(26).slice(0, 26)}${`${s.coverage * 100}%`.padStart(4)}  ${s.hitRate.toFixed(3).padStart(8)}  ${s.pai.toFixed(2).padStart(6)}  ${s.pei.toFixed(3).padStart(6)}`);
    }
  }
  out.push('', `near-repeat (Knox, ${r.knox.distanceM} m, ${r.knox.days} days): ${r.knox.observed} pairs against ${r.knox.expected} expected (×${r.knox.ratio}), p = ${r.knox.pValue} over ${r.knox.runs} permutations`);
  out.push(`risk terrain weights: ${r.weights.map((w) => `${w.factor} ×${w.relativeRisk}`).join(', ')}`);
  return out;
}
