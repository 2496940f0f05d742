import type { PatrolGameInstance, PatrolGameResult } from '@railjoint/contracts';
import { runWorker } from '../run-worker.js';

/** The patrol game off the event loop: one linear programme per target adds up to seconds on a department's instance. */
export function playPatrolGameInWorker(instance: PatrolGameInstance): Promise<PatrolGameResult> {
  return runWorker<PatrolGameResult>('src/modules/allocation/patrol-game/worker-entry.mjs', { instance }, 'patrol-game');
}
