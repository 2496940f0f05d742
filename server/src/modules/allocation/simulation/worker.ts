import { parentPort, workerData } from 'node:worker_threads';
import { SimulationScenario, type SimulationPolicy } from '@railjoint/contracts';
import { compileScenario, ScenarioError } from './compile.js';
import { simulate } from './simulate.js';

/** The simulation in a worker thread: messages out are progress, then the result or the refusal. */
export type WorkerMessage =
  | { type: 'progress'; done: number; expected: number }
  | { type: 'result'; result: ReturnType<typeof simulate> }
  | { type: 'invalid'; field: string; message: string; zh: string }
  | { type: 'error'; message: string };

const port = parentPort;
if (port) {
  const { scenario, policy } = workerData as { scenario: unknown; policy?: SimulationPolicy };
  const send = (m: WorkerMessage) => port.postMessage(m);
  try {
    const parsed = SimulationScenario.parse(scenario);
    const compiled = compileScenario(parsed, policy ? { policy } : {});
    const result = simulate(compiled, { onProgress: (done, expected) => send({ type: 'progress', done, expected }) });
    send({ type: 'result', result });
  } catch (e) {
    if (e instanceof ScenarioError) send({ type: 'invalid', field: e.field, message: e.message, zh: e.zh });
    else send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}
