import { z } from 'zod';
import { CreateTrainRequest, TrainRequest, TrainRequestList } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import type { TrainRequestService } from './service.js';

const IncidentParams = z.object({ id: z.string().uuid() });

export function trainRequestRoutes(requests: TrainRequestService): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/train-requests',
      summary:
        'Ask the railway dispatcher to stop or slow trains near the incident (停车/限速请求): a task order to the railway station answering for the stretch (or the one named), worded in the asker’s language; its acknowledgement and completion with a note are the reply',
      tag: 'trains',
      access: 'signed-in',
      params: IncidentParams,
      body: CreateTrainRequest,
      response: TrainRequest,
      status: 201,
      handler: async ({ actor, params, body, lang }) => requests.create(actor!, params.id, body, lang),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/incidents/:id/train-requests',
      summary: 'The stop and speed-restriction requests of an incident, newest first, each with the railway’s replies (those whose task order the reader may read)',
      tag: 'trains',
      access: 'signed-in',
      reads: { item: { kind: 'incident', param: 'id' }, lists: [{ kind: 'task', at: 'requests.*.taskId' }] },
      params: IncidentParams,
      response: TrainRequestList,
      handler: async ({ actor, params }) => ({ requests: await requests.list(actor!, params.id) }),
    }),
  ];
}
