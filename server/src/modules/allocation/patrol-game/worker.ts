import { parentPort, workerData } from 'node:worker_threads';
import { PatrolGameInstance, type PatrolGameResult } from '@railjoint/contracts';
import { playPatrolGame } from './solve.js';
import type { WorkerMessage } from '../run-worker.js';

/** The patrol game in a worker thread: one message out, the result or why there is none. */
export type PatrolGameWorkerMessage = WorkerMessage<PatrolGameResult>;

const port = parentPort;
if (port) {
  const send = (m: PatrolGameWorkerMessage) => port.postMessage(m);
  // checked at the edge already; checked again because a worker trusts no caller
  playPatrolGame(PatrolGameInstance.parse((workerData as { instance: unknown }).instance)).then(
    (result) => send({ type: 'result', result }),
    (e: unknown) => send({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
  );
}
