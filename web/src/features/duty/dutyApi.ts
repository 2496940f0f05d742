import { z } from 'zod';
import { DutyNow, OnDutyPeople, SeatPeople, ShiftLog, User } from '@railjoint/contracts';
import { request } from '../../api/client';

export type DutyNowData = z.infer<typeof DutyNow>;
export type ShiftLogData = z.infer<typeof ShiftLog>;

export const dutyApi = {
  now: (centreId: string, signal?: AbortSignal) => request('GET', `/api/centres/${encodeURIComponent(centreId)}/duty`, { schema: DutyNow, signal }),
  log: (centreId: string, signal?: AbortSignal) => request('GET', `/api/centres/${encodeURIComponent(centreId)}/shift-log`, { schema: z.object({ logs: z.array(ShiftLog) }), signal }),
  handover: (seatId: string, toUserId: string, notes: string) => request('POST', '/api/duty/handover', { body: { seatId, toUserId, notes }, schema: ShiftLog }),
  accept: (id: string) => request('POST', `/api/duty/handover/${encodeURIComponent(id)}/accept`, { body: {}, schema: ShiftLog }),
  /** who can sit a seat, by name, those the roster has next first */
  seatPeople: (seatId: string, signal?: AbortSignal) => request('GET', `/api/seats/${encodeURIComponent(seatId)}/people`, { schema: SeatPeople, signal }),
  me: (signal?: AbortSignal) => request('GET', '/api/auth/me', { schema: User, signal }),
  /** whom each agency can send now: its roster's people on duty first, then its commanders and liaisons */
  people: (agencyIds: string[], signal?: AbortSignal) => request('GET', '/api/duty/people', { query: { agencies: agencyIds.join(',') }, schema: OnDutyPeople, signal }),
};
