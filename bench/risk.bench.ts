import { pathToFileURL } from 'node:url';
import { NetworkModel } from '../server/src/modules/network/network-model.js';
import { generateDemo } from '../server/src/demo/generate.js';
import { createRng } from '../server/src/demo/prng.js';
import { CellSet } from '../server/src/modules/risk/cells.js';
import { backtest, scoreMethod } from '../server/src/modules/risk/engine.js';
import { nkdeFast, nkdeNaive, type RiskEvent } from '../server/src/modules/risk/methods.js';
import { generateDemoHistory } from '../server/src/modules/risk/demo.js';
import { terrainAt } from '../server/src/modules/risk/terrain.js';
import { fmt } from './report.js';

export interface BenchRiskOptions {
  log: (s: string) => void;
  /** incidents spread over the national network (default 1 000 000) */
  incidents?: number;
  /** the naive computation runs on lines of the national network until it has covered this many incident × cell pairs (default 1e9) */
  naivePairs?: number;
}

const DAY = 86_400_000;

/**
 * Risk along the line: network kernel density of a million incidents on the national network by
 * the two-sweep method against the naive sum of every incident against every cell — the naive
 * one on a sample of lines (all of them would take hours), the fast one timed on the same sample
 * and on the whole network, with the worst disagreement of the densities — and a backtest of the
 * demo department's three years of history, against the retrospective map alone.
 */
export async function benchRisk(opts: BenchRiskOptions): Promise<{ rows: Array<{ name: string; value: string }> }> {
  const { log } = opts;
  const n = opts.incidents ?? 1_000_000;
  const naiveBudget = opts.naivePairs ?? 1e9;
  const rows: Array<{ name: string; value: string }> = [];
  const row = (name: string, value: string) => {
    rows.push({ name, value });
    log(`  ${name}: ${value}`);
  };

  log('risk: building the national-scale network…');
  const national = NetworkModel.build(generateDemo({ scale: 'national', seed: 7 }).network);
  let t = performance.now();
  const cells = new CellSet(national.lines(), 100);
  row('national network in 100 m cells', `${fmt(cells.cells.length)} cells over ${fmt(cells.lengthM / 1000)} km, cut in ${secs(t).toFixed(2)} s`);

  // incidents in proportion to line length, over three years
  const rng = createRng(31);
  const lines = national.lines();
  const total = lines.reduce((s, l) => s + l.ref.lengthM, 0);
  const cumulative = Float64Array.from(lines.map((_, i) => lines.slice(0, i + 1).reduce((s, l) => s + l.ref.lengthM, 0)));
  const at = Date.parse('2026-12-01T00:00:00Z');
  const events: RiskEvent[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.next() * total;
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    const line = lines[lo]!;
    events.push({ lineId: line.id, measure: rng.next() * line.ref.lengthM, t: at - rng.next() * 3 * 365 * DAY, category: 'track_intrusion' });
  }
  const o = { bandwidthM: 300, halfLifeDays: 365, at };
  const memory = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const before = memory();
  t = performance.now();
  const fastAll = nkdeFast(cells, events, o);
  const fastAllS = secs(t);
  // what the densities and the per-line sorted copies leave behind (garbage included: an upper bound)
  row(`NKDE, ${fmt(n)} incidents, every cell (two sweeps)`, `${fastAllS.toFixed(2)} s, memory +${((memory() - before) / 1048576).toFixed(0)} MB (heap and buffers, without gc)`);

  // the sample: whole lines, in order, until the naive pairs reach the budget
  const perLine = new Map<string, number>();
  for (const e of events) perLine.set(e.lineId, (perLine.get(e.lineId) ?? 0) + 1);
  const sampleIds = new Set<string>();
  let pairs = 0;
  for (const l of lines) {
    const r = cells.range(l.id)!;
    const p = (perLine.get(l.id) ?? 0) * (r.to - r.from);
    if (pairs + p > naiveBudget && sampleIds.size) break;
    sampleIds.add(l.id);
    pairs += p;
  }
  const sampleLines = lines.filter((l) => sampleIds.has(l.id));
  const sampleCells = new CellSet(sampleLines, 100);
  const sampleEvents = events.filter((e) => sampleIds.has(e.lineId));
  t = performance.now();
  const fast = nkdeFast(sampleCells, sampleEvents, o);
  const fastS = secs(t);
  t = performance.now();
  const naive = nkdeNaive(sampleCells, sampleEvents, o);
  const naiveS = secs(t);
  let worst = 0;
  for (let i = 0; i < fast.length; i++) worst = Math.max(worst, Math.abs(fast[i]! - naive[i]!) / Math.max(Math.abs(naive[i]!), 1e-300));
  row('naive sample', `${sampleLines.length} lines, ${fmt(sampleCells.cells.length)} cells, ${fmt(sampleEvents.length)} incidents, ${fmt(pairs / 1e6)} M incident × cell pairs`);
  row('NKDE naive (every incident × every cell of its line), sample', `${naiveS.toFixed(2)} s`);
  row('NKDE two sweeps, same sample', `${(fastS * 1000).toFixed(1)} ms — ${fmt(naiveS / fastS)}× faster, worst relative difference ${worst.toExponential(1)}`);
  // the whole network naive, by the sample's pairs per second (not run: hours)
  let allPairs = 0;
  for (const l of lines) {
    const r = cells.range(l.id)!;
    allPairs += (perLine.get(l.id) ?? 0) * (r.to - r.from);
  }
  row('NKDE naive, every cell (estimated from the sample’s rate)', `≈ ${fmt((allPairs / pairs) * naiveS)} s against ${fastAllS.toFixed(2)} s measured`);
  if (!fastAll.length) throw new Error('no cells');

  log('risk: the demo department’s three years of history…');
  const department = NetworkModel.build(generateDemo({ scale: 'department' }).network);
  const history = generateDemoHistory(department, at);
  const demoEvents = history.map((h) => ({ lineId: h.lineId, measure: h.measure, t: Date.parse(h.occurredAt), category: h.category }));
  const demoCells = new CellSet(department.lines(), 100);
  const terrain = terrainAt(department, [], []);
  const trainUntil = Date.parse('2026-06-01T00:00:00+08:00');
  t = performance.now();
  for (let i = 0; i < 5; i++) scoreMethod('retrospective', demoCells, terrain(trainUntil), demoEvents, trainUntil);
  const retroS = secs(t) / 5;
  t = performance.now();
  let result = backtest(demoCells, terrain, demoEvents, trainUntil, at);
  for (let i = 0; i < 4; i++) result = backtest(demoCells, terrain, demoEvents, trainUntil, at);
  const backtestS = secs(t) / 5;
  row('demo history', `${fmt(history.length)} incidents, ${fmt(demoCells.cells.length)} cells; ${result.trainEvents} to train, ${result.testEvents} to test`);
  row('backtest, four methods + Knox (99 permutations)', `${(backtestS * 1000).toFixed(0)} ms (${fmt(backtestS / retroS)}× the retrospective map alone, ${(retroS * 1000).toFixed(1)} ms)`);
  for (const m of result.methods) row(`PAI at 1 / 5 / 10% of line: ${m.method}${m.baseline ? ' (baseline)' : ''}`, m.scores.map((s) => s.pai.toFixed(2)).join(' / '));
  return { rows };
}

function secs(since: number): number {
  return (performance.now() - since) / 1000;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows } = await benchRisk({ log: (s) => console.error(s) });
  console.log(rows.map((r) => `| ${r.name} | ${r.value} |`).join('\n'));
}
