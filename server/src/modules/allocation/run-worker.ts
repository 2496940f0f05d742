import { Worker } from 'node:worker_threads';
import { serverFile } from '../../platform/assets.js';

/** What a solver's worker posts back: its one result, or why there is none. */
export type WorkerMessage<T> = { type: 'result'; result: T } | { type: 'error'; message: string };

/**
 * One solver run off the event loop: a thread started for it from its entry file (relative to the
 * server package), given `workerData`, ended when it answers. A department's run takes seconds of
 * CPU that must not hold up the server's other requests.
 */
export function runWorker<T>(entry: string, workerData: unknown, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(serverFile(entry), { workerData });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage<T>) => settle(() => (m.type === 'result' ? resolve(m.result) : reject(new Error(m.message)))));
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the ${what} worker stopped (exit code ${code})`))));
  });
}
