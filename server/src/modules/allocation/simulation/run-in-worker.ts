import { Worker } from 'node:worker_threads';
import type { SimulationPolicy, SimulationResult, SimulationScenario } from '@railjoint/contracts';
import { serverFile } from '../../../platform/assets.js';
import { ScenarioError } from './compile.js';
import { SimulationCancelled } from './simulate.js';
import type { WorkerMessage } from './worker.js';

let live = 0;
/** Simulation threads started and not yet exited: a cancelled run must leave none behind. */
export const liveSimulationWorkers = () => live;

/**
 * A simulation off the event loop, in a worker thread of its own: a run of minutes must not hold up
 * the server's other requests. Progress comes back as messages; cancelling ends the thread at once
 * (the run holds nothing that needs tidying up). The scenario is checked by the caller at the edge
 * and again in the worker, which refuses with ScenarioError like the synchronous path.
 */
export function simulateInWorker(
  scenario: SimulationScenario,
  opts: { policy?: SimulationPolicy; onProgress?: (done: number, expected: number) => void; signal?: AbortSignal } = {},
): Promise<SimulationResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new SimulationCancelled());
      return;
    }
    const worker = new Worker(serverFile('src/modules/allocation/simulation/worker-entry.mjs'), { workerData: { scenario, policy: opts.policy } });
    live++;
    worker.once('exit', () => live--);
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => settle(() => reject(new SimulationCancelled()));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') opts.onProgress?.(m.done, m.expected);
      else if (m.type === 'result') settle(() => resolve(m.result));
      else if (m.type === 'invalid') settle(() => reject(new ScenarioError(m.field, m.message.replace(`${m.field}: `, ''), m.zh)));
      else settle(() => reject(new Error(m.message)));
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the simulation worker stopped (exit code ${code})`))));
  });
}
