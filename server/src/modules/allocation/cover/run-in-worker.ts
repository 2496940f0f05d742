import type { CoverInstance, CoverResult } from '@railjoint/contracts';
import { runWorker } from '../run-worker.js';

/** The covering solver off the event loop: a national instance takes seconds of CPU. */
export function solveCoverInWorker(instance: CoverInstance): Promise<CoverResult> {
  return runWorker<CoverResult>('src/modules/allocation/cover/worker-entry.mjs', { instance }, 'covering');
}
