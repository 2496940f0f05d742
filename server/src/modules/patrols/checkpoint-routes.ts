import { z } from 'zod';
import { Checkpoint, CheckpointCode, CheckpointInput, Id } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import type { CheckpointService } from './checkpoints.js';
import { IdParams } from './route-helpers.js';

export function checkpointRoutes(checkpoints: CheckpointService): RouteSpec[] {
  const tag = 'civil defence';
  return [
    defineRoute({
      method: 'GET',
      url: '/api/checkpoints',
      summary: 'Checkpoints and sentinel posts the user may see',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'checkpoint', at: 'checkpoints.*.id' }] },
      query: z.object({ agencyId: Id.optional(), lineId: Id.optional() }),
      response: z.object({ checkpoints: z.array(Checkpoint) }),
      handler: async ({ actor, query }) => ({ checkpoints: await checkpoints.list(actor!, query) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/checkpoints',
      summary: 'Set up a checkpoint at a line and mileage, a station or a point; radius (default 50 m), an NFC tag if any',
      tag,
      access: 'signed-in',
      body: CheckpointInput,
      status: 201,
      response: Checkpoint,
      handler: async ({ actor, body }) => checkpoints.save(actor!, null, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/checkpoints/:id',
      summary: 'A checkpoint',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'checkpoint', param: 'id' } },
      params: IdParams,
      response: Checkpoint,
      handler: async ({ actor, params }) => checkpoints.get(actor!, params.id),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/checkpoints/:id',
      summary: 'Create or change a checkpoint under an id of your own',
      tag,
      access: 'signed-in',
      params: IdParams,
      body: CheckpointInput,
      response: Checkpoint,
      handler: async ({ actor, params, body }) => checkpoints.save(actor!, params.id, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/checkpoints/:id/code',
      summary: 'The label to print: the QR code (SVG drawn on the server) of the checkpoint’s signed token, and the code to type',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'checkpoint', param: 'id' } },
      params: IdParams,
      response: CheckpointCode,
      handler: async ({ actor, params, lang }) => checkpoints.code(actor!, params.id, lang),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/checkpoints/:id/code/rotate',
      summary: 'Replace the checkpoint’s code: every label printed before stops checking in',
      tag,
      access: 'signed-in',
      params: IdParams,
      response: CheckpointCode,
      handler: async ({ actor, params, lang }) => checkpoints.rotateCode(actor!, params.id, lang),
    }),
  ];
}
