import { parentPort, workerData } from 'node:worker_threads';
import { CoverInstance, type CoverResult } from '@railjoint/contracts';
import { solveCover } from './solve.js';
import type { WorkerMessage } from '../run-worker.js';

/** The fast covering solver in a worker thread: one message out, the result or why there is none. */
export type CoverWorkerMessage = WorkerMessage<CoverResult>;

const port = parentPort;
if (port) {
  const send = (m: CoverWorkerMessage) => port.postMessage(m);
  try {
    // checked at the edge already; checked again because a worker trusts no caller
    send({ type: 'result', result: solveCover(CoverInstance.parse((workerData as { instance: unknown }).instance)) });
  } catch (e) {
    send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}
