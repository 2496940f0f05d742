import { z } from 'zod';
import { CreateUnitRequest, Id, Unit, UnitPositionRequest, UnitStatusRequest } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { authorize } from '../../platform/policies.js';
import type { UnitService } from './service.js';

export function unitRoutes(units: UnitService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/units',
      summary: 'Units the user may see (the coordination centre: all; an agency: its own and those working on its incidents), with status and last position',
      tag: 'units',
      access: 'signed-in',
      reads: { lists: [{ kind: 'unit', at: 'units.*.id' }] },
      response: z.object({ units: z.array(Unit) }),
      handler: async ({ actor }) => ({ units: await units.list(actor!) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/units/:id',
      summary: 'One unit with its recent positions',
      tag: 'units',
      access: 'signed-in',
      reads: { item: { kind: 'unit', param: 'id' } },
      params: z.object({ id: Id }),
      handler: async ({ actor, params }) => {
        const unit = await units.get(actor!, params.id);
        const track = await units.store.positions(params.id, 50);
        return { ...unit, track: track.map((p) => ({ at: p.at, position: [p.lon, p.lat], source: p.source })) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/units',
      summary: 'Create a unit (admin)',
      tag: 'units',
      access: 'signed-in',
      status: 201,
      body: CreateUnitRequest,
      response: Unit,
      handler: async ({ actor, body }) => {
        authorize(actor, 'users.manage');
        await units.createMany(actor, [body]);
        return units.get(actor, body.id);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/units/:id/position',
      summary: "A position fix from the unit's mobile client or an AVL feed (history kept)",
      tag: 'units',
      access: 'signed-in',
      params: z.object({ id: Id }),
      body: UnitPositionRequest,
      response: Unit,
      handler: async ({ actor, params, body }) => units.reportPosition(actor!, params.id, [body.lon, body.lat], body.at, body.source),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/units/:id/status',
      summary: 'Set a unit available, busy, off duty … (the unit itself or the coordination centre)',
      tag: 'units',
      access: 'signed-in',
      params: z.object({ id: Id }),
      body: UnitStatusRequest,
      response: Unit,
      handler: async ({ actor, params, body }) => units.setStatus(actor!, params.id, body.status, body.train),
    }),
  ];
}
