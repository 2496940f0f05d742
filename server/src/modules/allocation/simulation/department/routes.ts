import { WhatIfRequest, WhatIfResult } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../../../platform/http/route.js';
import { HttpError, said } from '../../../../platform/http/errors.js';
import { preferredLang } from '../../../../platform/http/register.js';
import { authorize } from '../../../../platform/policies/actions.js';
import type { WhatIfService } from './service.js';

// what-ifs at once on this instance: each holds up to three cores until it is done
const RUNNING_AT_MOST = 2;

/**
 * `POST /api/allocation/what-if`: the department's own data simulated under the chosen policies,
 * each in a worker thread, so the server's other requests go on; a client that goes away cancels
 * the runs. Planners only.
 */
export function whatIfRoutes(whatIf: WhatIfService): RouteSpec[] {
  let running = 0;
  return [
    defineRoute({
      method: 'POST',
      url: '/api/allocation/what-if',
      summary: 'Simulate the department on its own data (history, responsibility matrix, patrol cars, ETA model) under several policies and staffing changes, with the assumptions behind every figure',
      tag: 'allocation',
      access: 'signed-in',
      body: WhatIfRequest,
      response: WhatIfResult,
      handler: async ({ actor, body, reply, request }) => {
        authorize(actor, 'allocation.plan');
        if (running >= RUNNING_AT_MOST) throw new HttpError(429, 'too_many_requests', said('仿真计算正忙，请稍后再试', 'the simulator is busy; try again shortly'), { retryAfterS: 5 });
        running++;
        const abort = new AbortController();
        const gone = () => {
          if (!reply.raw.writableFinished) abort.abort();
        };
        reply.raw.once('close', gone);
        try {
          return await whatIf.run(actor!, body, preferredLang(request), abort.signal);
        } finally {
          running--;
          reply.raw.off('close', gone);
        }
      },
    }),
  ];
}
