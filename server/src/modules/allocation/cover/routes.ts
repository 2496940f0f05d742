import { CoverInstance, CoverResult } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../../platform/http/route.js';
import { HttpError, said } from '../../../platform/http/errors.js';
import { solveCoverInWorker } from './run-in-worker.js';
import { solveCover } from './solve.js';
import { authorize } from '../../../platform/policies/actions.js';

// runs at once on this instance: each holds a core for its seconds, and the machine has few
const RUNNING_AT_MOST = 2;

/**
 * Below this many cover entries a solve takes a few milliseconds, less than starting a thread
 * (about a second, loading the sources): those are solved in the request itself.
 */
export const INLINE_ENTRIES = 10_000;

/**
 * `POST /api/allocation/cover`: the fast covering solver on a plain instance the caller sends (the
 * same JSON as `railjoint plan cover`). It reads no agency data; the planners (analysts, the
 * centre's commanders and dispatchers, administrators) may ask, since a run holds a core. All but
 * small instances run in a worker thread, and past a couple of runs at once the answer is 429.
 */
export function coverRoutes(): RouteSpec[] {
  let running = 0;
  return [
    defineRoute({
      method: 'POST',
      url: '/api/allocation/cover',
      summary: 'Where posts should be: the maximal covering solver (greedy, interchange, Lagrangian bound) on a plain instance',
      tag: 'allocation',
      access: 'signed-in',
      body: CoverInstance,
      response: CoverResult,
      bodyLimit: 64 * 1024 * 1024,
      handler: async ({ actor, body }) => {
        authorize(actor, 'allocation.plan');
        const entries = Object.values(body.covers).reduce((a, list) => a + list.length, 0);
        if (entries < INLINE_ENTRIES) return solveCover(body);
        if (running >= RUNNING_AT_MOST) throw new HttpError(429, 'too_many_requests', said('选址计算正忙，请稍后再试', 'the covering solver is busy; try again shortly'), { retryAfterS: 5 });
        running++;
        try {
          return await solveCoverInWorker(body);
        } finally {
          running--;
        }
      },
    }),
  ];
}
