import { PatrolGameInstance, PatrolGameResult } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../../platform/http/route.js';
import { HttpError, said } from '../../../platform/http/errors.js';
import { authorize } from '../../../platform/policies/actions.js';
import { playPatrolGameInWorker } from './run-in-worker.js';
import { playPatrolGame } from './solve.js';

const RUNNING_AT_MOST = 2;
/** below this many team–target pairs and targets a game solves in milliseconds: in the request */
const INLINE = { pairs: 200, targets: 20 };

/**
 * `POST /api/allocation/patrol-game`: randomised patrols on a plain instance (targets valued by
 * risk, teams with the targets they reach): the defender's optimal coverage, its expected loss
 * against an attacker who watches, beside patrols fixed by rank and uniform ones, and daily
 * schedules drawn from it. Planners only; larger games run in a worker thread.
 */
export function patrolGameRoutes(): RouteSpec[] {
  let running = 0;
  return [
    defineRoute({
      method: 'POST',
      url: '/api/allocation/patrol-game',
      summary: 'Randomised patrols (Stackelberg security game): optimal coverage by linear programming, compared with fixed and uniform patrols, and sampled daily schedules',
      tag: 'allocation',
      access: 'signed-in',
      body: PatrolGameInstance,
      response: PatrolGameResult,
      bodyLimit: 4 * 1024 * 1024,
      handler: async ({ actor, body }) => {
        authorize(actor, 'allocation.plan');
        const pairs = body.teams.reduce((a, t) => a + t.reach.length, 0);
        if (pairs <= INLINE.pairs && body.targets.length <= INLINE.targets) return playPatrolGame(body);
        if (running >= RUNNING_AT_MOST) throw new HttpError(429, 'too_many_requests', said('巡逻博弈计算正忙，请稍后再试', 'the patrol game solver is busy; try again shortly'), { retryAfterS: 5 });
        running++;
        try {
          return await playPatrolGameInWorker(body);
        } finally {
          running--;
        }
      },
    }),
  ];
}
