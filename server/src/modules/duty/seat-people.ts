import type { Kysely } from 'kysely';
import type { SeatPeople } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { forbidden, notFound, said } from '../../platform/http/errors.js';

/** Scheduled first, the soonest first (ISO times compare as text); the unscheduled after. */
const order = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/** The roles that sit in a centre's seats; anyone else of the agency is not offered a seat. */
const SEAT_ROLES = ['dispatcher', 'commander', 'liaison'];

/**
 * Who can sit a seat, by name: the handover and roster forms offer these instead of asking for a
 * sign-in name. Only the seat's agency and its centre see them; those the roster has in the seat
 * next come first, then the others by name.
 */
export async function seatPeople(db: Kysely<Database>, actor: Actor, seatId: string): Promise<SeatPeople> {
  const seat = await db.selectFrom('centre_seats').select(['id', 'agency_id', 'centre_agency_id']).where('id', '=', seatId).executeTakeFirst();
  if (!seat) throw notFound('seat');
  if (actor.agencyId !== seat.agency_id && actor.agencyId !== seat.centre_agency_id && !actor.roles.includes('admin')) {
    throw forbidden(said('只有本席位单位和指挥中心的人员可查看席位人选', 'only the seat’s agency and its centre see who can sit it'));
  }
  const at = nowIso();
  const next = await db.selectFrom('duty_shifts').select(['user_id', 'starts_at']).where('seat_id', '=', seat.id).where('starts_at', '>', at).orderBy('starts_at').execute();
  const firstShift = new Map<string, string>();
  for (const s of next) if (!firstShift.has(s.user_id)) firstShift.set(s.user_id, s.starts_at);
  const users = await db.selectFrom('users').select(['id', 'username', 'display_name', 'roles']).where('agency_id', '=', seat.agency_id).where('disabled', '=', 0).execute();
  const people = users
    .filter((u) => (JSON.parse(u.roles) as string[]).some((r) => SEAT_ROLES.includes(r)))
    .map((u) => ({ userId: u.id, username: u.username, displayName: u.display_name, scheduled: firstShift.has(u.id), from: firstShift.get(u.id) ?? null }))
    .sort((a, b) => order(a.from, b.from) || a.displayName.localeCompare(b.displayName, 'zh-CN'));
  return { seatId: seat.id, people };
}
