import { SimulationPolicy, SimulationScenario, SIMULATION_POLICIES, formatPath } from '@railjoint/contracts';
import { parse, UsageError, type Io } from './args.js';
import { readJsonFile } from './context.js';
import { Progress } from './progress.js';
import { compileScenario, ScenarioError } from '../modules/allocation/simulation/compile.js';
import { simulate } from '../modules/allocation/simulation/simulate.js';

const USAGE = `railjoint simulate --scenario FILE [--policy ${SIMULATION_POLICIES.join('|')}]`;
// below this many incidents a run takes well under a second: no progress line
const PROGRESS_FROM = 1_000_000;

/**
 * Runs a simulation scenario file (docs/allocation.md, "Simulation") and prints the results as
 * JSON; `--policy` overrides the file's, so one file compares siloed and joint working. A bad
 * scenario is refused naming each field, before anything runs.
 */
export async function simulateCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { scenario: { type: 'string' }, policy: { type: 'string' } }, { min: 0, max: 0, usage: USAGE });
  if (!values.scenario) throw new UsageError(`missing --scenario FILE (usage: ${USAGE})`);
  let policy: SimulationPolicy | undefined;
  if (values.policy !== undefined) {
    const p = SimulationPolicy.safeParse(values.policy);
    if (!p.success) throw new UsageError(`--policy must be one of ${SIMULATION_POLICIES.join(', ')} (usage: ${USAGE})`);
    policy = p.data;
  }
  const file = String(values.scenario);
  const parsed = SimulationScenario.safeParse(readJsonFile(file));
  if (!parsed.success) {
    const issues = parsed.error.issues;
    for (const issue of issues.slice(0, 100)) io.err(`${formatPath(issue.path) || '(top level)'}: ${issue.message}`);
    if (issues.length > 100) io.err(`… and ${issues.length - 100} more`);
    io.err(`FAILED: ${issues.length} problem(s) in ${file}; nothing was simulated`);
    return 1;
  }
  let compiled;
  try {
    compiled = compileScenario(parsed.data, { policy });
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    io.err(e.message);
    io.err(`FAILED: ${file} cannot be simulated under the ${policy ?? parsed.data.policy} policy`);
    return 1;
  }
  const expected = compiled.arrivals.kind === 'rates' ? compiled.arrivals.expected : compiled.arrivals.atS.length;
  const progress = expected >= PROGRESS_FROM ? new Progress(`simulating (${compiled.policy})`, Math.round(expected)) : null;
  const started = performance.now();
  const result = simulate(compiled, { onProgress: progress ? (done) => progress.update(Math.min(done, Math.round(expected))) : undefined });
  const seconds = (performance.now() - started) / 1000;
  progress?.done(`${result.counts.generated} incidents in ${seconds.toFixed(1)} s`);
  io.out(JSON.stringify(result, null, 2));
  return 0;
}
