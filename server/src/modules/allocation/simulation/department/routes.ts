import { z } from 'zod';
import { WhatIfRequest, WhatIfResult, WhatIfRunStatus, WhatIfSetup } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../../../platform/http/route.js';
import { preferredLang } from '../../../../platform/http/register.js';
import { authorize } from '../../../../platform/policies/actions.js';
import type { WhatIfService } from './service.js';
import type { WhatIfRuns } from './runs.js';

const RunId = z.object({ id: z.string().uuid() });

/**
 * The what-if on the department's own data, planners only. `POST /api/allocation/what-if` answers
 * when every policy is simulated (a client that goes away cancels the runs); `…/what-if/runs`
 * starts the same in the background, to be followed (`GET …/runs/:id`: share done, the policies
 * already simulated) and cancelled (`DELETE`, which ends the worker threads) on any instance: the
 * runs are kept in a table (runs.ts). Either way each policy runs in a worker thread, so the
 * server's other requests go on.
 */
export function whatIfRoutes(whatIf: WhatIfService, runs: WhatIfRuns): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/allocation/what-if',
      summary: 'Simulate the department on its own data (history, responsibility matrix, patrol cars, ETA model) under several policies, with staffing changed and posts moved, with the assumptions behind every figure',
      tag: 'allocation',
      access: 'signed-in',
      body: WhatIfRequest,
      response: WhatIfResult,
      handler: async ({ actor, body, reply, request }) => {
        authorize(actor, 'allocation.plan');
        const release = runs.take();
        const abort = new AbortController();
        const gone = () => {
          if (!reply.raw.writableFinished) abort.abort();
        };
        reply.raw.once('close', gone);
        try {
          return await whatIf.run(actor!, body, preferredLang(request), abort.signal);
        } finally {
          release();
          reply.raw.off('close', gone);
        }
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/allocation/what-if/setup',
      summary: 'What the what-if can change: the patrol cars the model counts (where they stand), the stations and access gates a post can move to, cars per agency, the lines to draw',
      tag: 'allocation',
      access: 'signed-in',
      reads: { action: 'allocation.plan' },
      response: WhatIfSetup,
      handler: async ({ actor, request }) => whatIf.setup(actor!, preferredLang(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/allocation/what-if/runs',
      summary: 'Start a what-if in the background once the request has been checked; follow it with GET …/runs/:id and cancel it with DELETE',
      tag: 'allocation',
      access: 'signed-in',
      body: WhatIfRequest,
      response: WhatIfRunStatus,
      status: 202,
      handler: async ({ actor, body, request }) => {
        authorize(actor, 'allocation.plan');
        return runs.start(actor!, body, preferredLang(request));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/allocation/what-if/runs/:id',
      summary: 'A what-if run of one’s own: its stage, share done, incidents simulated per policy, the policies already done, and at the end the result or why there is none',
      tag: 'allocation',
      access: 'signed-in',
      reads: { action: 'allocation.plan' },
      params: RunId,
      response: WhatIfRunStatus,
      handler: async ({ actor, params, request }) => {
        authorize(actor, 'allocation.plan');
        return runs.get(actor!, params.id, preferredLang(request));
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/allocation/what-if/runs/:id',
      summary: 'Cancel a what-if run of one’s own: its worker threads are ended and it is reported cancelled',
      tag: 'allocation',
      access: 'signed-in',
      params: RunId,
      response: WhatIfRunStatus,
      handler: async ({ actor, params, request }) => {
        authorize(actor, 'allocation.plan');
        return runs.cancel(actor!, params.id, preferredLang(request));
      },
    }),
  ];
}
