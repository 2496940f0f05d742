import { z } from 'zod';
import { CancelWindowRequest, MaintenanceWindow, MaintenanceWindowInput, MaintenanceWindowQuery } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import type { MaintenanceService } from './service.js';

const Params = z.object({ id: z.string().uuid() });

export function maintenanceRoutes(windows: MaintenanceService): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/maintenance-windows',
      summary: 'Declare a maintenance window (天窗): line, mileage range, start, end, crew and agency; alarms in it are annotated as authorised work and not escalated',
      tag: 'maintenance',
      access: 'signed-in',
      body: MaintenanceWindowInput,
      status: 201,
      response: MaintenanceWindow,
      handler: async ({ actor, body }) => windows.create(actor!, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/maintenance-windows',
      summary: 'Maintenance windows the user may see, by time (for the map and the calendar)',
      tag: 'maintenance',
      access: 'signed-in',
      reads: { lists: [{ kind: 'maintenance_window', at: 'windows.*.id' }] },
      query: MaintenanceWindowQuery,
      response: z.object({ windows: z.array(MaintenanceWindow) }),
      handler: async ({ actor, query }) => windows.list(actor!, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/maintenance-windows/:id',
      summary: 'One maintenance window',
      tag: 'maintenance',
      access: 'signed-in',
      reads: { item: { kind: 'maintenance_window', param: 'id' } },
      params: Params,
      response: MaintenanceWindow,
      handler: async ({ actor, params }) => windows.get(actor!, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/maintenance-windows/:id/cancel',
      summary: 'Cancel a maintenance window, with a reason',
      tag: 'maintenance',
      access: 'signed-in',
      params: Params,
      body: CancelWindowRequest,
      response: MaintenanceWindow,
      handler: async ({ actor, params, body }) => windows.cancel(actor!, params.id, body.reason),
    }),
  ];
}
