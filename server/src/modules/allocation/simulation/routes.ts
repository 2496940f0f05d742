import { z } from 'zod';
import { SimulationPolicy, SimulationResult, SimulationScenario } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../../platform/http/route.js';
import { HttpError, said, validationError } from '../../../platform/http/errors.js';
import { authorize } from '../../../platform/policies/actions.js';
import { ScenarioError } from './compile.js';
import { simulateInWorker } from './run-in-worker.js';

// runs at once on this instance: each holds a core until it is done
const RUNNING_AT_MOST = 2;

const Body = z.object({ scenario: SimulationScenario, policy: SimulationPolicy.optional() });

/**
 * `POST /api/allocation/simulate`: a documented scenario (the same JSON as `railjoint simulate`)
 * run in a worker thread, so a long run never holds up the server's other requests; a client that
 * goes away cancels it. Planners only; past a couple of runs at once the answer is 429.
 */
export function simulationRoutes(): RouteSpec[] {
  let running = 0;
  return [
    defineRoute({
      method: 'POST',
      url: '/api/allocation/simulate',
      summary: 'Simulate reception and handling on a scenario (siloed, joint, joint with optimised posts): response times p50/p90 by category and area, share within limits, utilisation, queueing',
      tag: 'allocation',
      access: 'signed-in',
      body: Body,
      response: SimulationResult,
      bodyLimit: 64 * 1024 * 1024,
      handler: async ({ actor, body, reply }) => {
        authorize(actor, 'allocation.plan');
        if (running >= RUNNING_AT_MOST) throw new HttpError(429, 'too_many_requests', said('仿真计算正忙，请稍后再试', 'the simulator is busy; try again shortly'), { retryAfterS: 5 });
        running++;
        const abort = new AbortController();
        // the response closing before it was written means the client went away
        const gone = () => {
          if (!reply.raw.writableFinished) abort.abort();
        };
        reply.raw.once('close', gone);
        try {
          return await simulateInWorker(body.scenario, { ...(body.policy ? { policy: body.policy } : {}), signal: abort.signal });
        } catch (e) {
          if (e instanceof ScenarioError) throw validationError([{ field: `body.scenario.${e.field}`, message: said(e.zh, e.message.replace(`${e.field}: `, '')) }]);
          throw e;
        } finally {
          running--;
          reply.raw.off('close', gone);
        }
      },
    }),
  ];
}
