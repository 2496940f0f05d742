import { z } from 'zod';
import { CreateShiftRequest, DutyNow, HandoverRequest, Id, Seat, ShiftLog } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import type { DutyService } from './service.js';

const Centre = z.object({ centreId: Id });

export function dutyRoutes(duty: DutyService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/centres/:centreId/seats',
      summary: 'The seats of a coordination centre: dispatch, command, and the member agencies’ liaison seats',
      tag: 'duty',
      access: 'signed-in',
      params: Centre,
      response: z.object({ seats: z.array(Seat) }),
      handler: async ({ params }) => ({ seats: await duty.seats(params.centreId) }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/seats/:id',
      summary: 'Create or change a seat (admins, the centre’s commanders)',
      tag: 'duty',
      access: 'signed-in',
      params: z.object({ id: Id }),
      body: Seat,
      response: Seat,
      handler: async ({ actor, body }) => duty.saveSeat(actor!, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/duty/shifts',
      summary: 'Put someone on a seat for a shift (at most 24 h; no overlaps for the seat or the person)',
      tag: 'duty',
      access: 'signed-in',
      body: CreateShiftRequest,
      status: 201,
      response: z.object({ id: z.string(), seatId: z.string(), userId: z.string(), startsAt: z.string(), endsAt: z.string() }),
      handler: async ({ actor, body }) => duty.addShift(actor!, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/centres/:centreId/duty',
      summary: 'Who is on duty now in each seat, and who comes next',
      tag: 'duty',
      access: 'signed-in',
      params: Centre,
      response: DutyNow,
      handler: async ({ params }) => duty.now(params.centreId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/duty/handover',
      summary: 'Hand the seat over to the next person (交接班) with notes; the log keeps a snapshot of open incidents and tasks',
      tag: 'duty',
      access: 'signed-in',
      body: HandoverRequest,
      status: 201,
      response: ShiftLog,
      handler: async ({ actor, body }) => duty.handover(actor!, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/duty/handover/:id/accept',
      summary: 'The incoming person accepts the handover',
      tag: 'duty',
      access: 'signed-in',
      params: z.object({ id: z.string().uuid() }),
      body: z.object({}).strict().optional(),
      response: ShiftLog,
      handler: async ({ actor, params }) => duty.accept(actor!, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/centres/:centreId/shift-log',
      summary: 'The centre’s shift log, newest first',
      tag: 'duty',
      access: 'signed-in',
      params: Centre,
      response: z.object({ logs: z.array(ShiftLog) }),
      handler: async ({ actor, params }) => duty.logs(actor!, params.centreId),
    }),
  ];
}
