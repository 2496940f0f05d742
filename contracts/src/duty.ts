import { z } from 'zod';
import { Id } from './common.js';

export const SEAT_KINDS = ['dispatch', 'command', 'liaison'] as const;

export const Seat = z.object({ id: Id, centreAgencyId: Id, agencyId: Id, name: z.string().trim().min(1).max(100), kind: z.enum(SEAT_KINDS), position: z.number().int().min(0).max(999) }).strict();
export type Seat = z.infer<typeof Seat>;

export const CreateShiftRequest = z
  .object({
    seatId: Id,
    userId: z.string().min(1).max(64),
    startsAt: z.string().datetime({ offset: true }),
    endsAt: z.string().datetime({ offset: true }),
  })
  .strict();

export const DutyNow = z.object({
  centreAgencyId: z.string(),
  at: z.string(),
  seats: z.array(
    z.object({
      seatId: z.string(),
      name: z.string(),
      kind: z.enum(SEAT_KINDS),
      agencyId: z.string(),
      agencyName: z.string(),
      onDuty: z.object({ userId: z.string(), username: z.string(), displayName: z.string(), until: z.string() }).nullable(),
      next: z.object({ username: z.string(), displayName: z.string(), from: z.string() }).nullable(),
    }),
  ),
});

/** Whom an agency can send now (a joint command's commander or liaison): on duty first, then its commanders. */
export const OnDutyQuery = z.object({ agencies: z.string().trim().min(1).max(2000) });
export const OnDutyPeople = z.object({
  people: z.array(
    z.object({
      agencyId: z.string(),
      userId: z.string(),
      displayName: z.string(),
      /** in a seat of the roster right now (else one of the agency's commanders or liaisons) */
      onDuty: z.boolean(),
      seat: z.string().nullable(),
      until: z.string().nullable(),
    }),
  ),
});
export type OnDutyPeople = z.infer<typeof OnDutyPeople>;

export const HandoverRequest = z.object({ seatId: Id, toUserId: z.string().min(1).max(64), notes: z.string().trim().min(2).max(10_000) }).strict();

export const ShiftLog = z.object({
  id: z.string(),
  centreAgencyId: z.string(),
  seatId: z.string(),
  fromUser: z.string(),
  toUser: z.string(),
  /** the two people by display name */
  fromUserName: z.string(),
  toUserName: z.string(),
  handedAt: z.string(),
  notes: z.string(),
  snapshot: z.object({
    openIncidents: z.array(z.object({ code: z.string(), status: z.string(), priority: z.string(), level: z.string().nullable() })),
    openTasks: z.array(z.object({ code: z.string(), title: z.string(), status: z.string(), deadline: z.string(), overdue: z.boolean() })),
  }),
  acceptedAt: z.string().nullable(),
});

export const CENTRE_LEVELS = ['bureau', 'department'] as const;

export const CentreInput = z.object({ level: z.enum(CENTRE_LEVELS), parentAgencyId: Id.nullable().default(null) }).strict();

export const Centre = z.object({
  agencyId: z.string(),
  name: z.string(),
  level: z.enum(CENTRE_LEVELS),
  parentAgencyId: z.string().nullable(),
  /** the member agencies: those with a seat in the centre */
  members: z.array(z.object({ agencyId: z.string(), name: z.string(), type: z.string() })),
  seats: z.number(),
});

/** Who can sit a seat (hand it over to, put on the roster): the seat's agency's own people, those scheduled first. */
export const SeatPeople = z.object({
  seatId: z.string(),
  people: z.array(
    z.object({
      userId: z.string(),
      username: z.string(),
      displayName: z.string(),
      /** the roster has them in this seat next */
      scheduled: z.boolean(),
      /** when their shift in this seat begins, if scheduled */
      from: z.string().nullable(),
    }),
  ),
});
export type SeatPeople = z.infer<typeof SeatPeople>;
