import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, CENTRE_STAFF, type ReadPolicy } from './grants.js';
import { centreRelation } from './incidents.js';

export type MeetingRelation = 'centre' | 'invited';

/**
 * Who reads a joint meeting (联席会议), its minutes and decisions: the coordination centre's staff
 * (it convenes them), administrators, and the working staff of every agency invited to it — an
 * agency not at the table does not read what was said there.
 */
export const MEETING_READ: ReadPolicy<MeetingRelation, Record<string, never>> = {
  resource: 'meeting',
  summary: 'the centre’s staff and administrators; the agencies invited to the meeting',
  relations: ['centre', 'invited'],
  dimensions: {},
  grants: [
    { roles: ['admin'], why: 'administrators correct any record' },
    { relation: ['centre'], roles: CENTRE_STAFF, why: 'the coordination centre convenes the joint meetings' },
    { relation: ['invited'], roles: CASE_ROLES, why: 'the agency was invited to the meeting' },
  ],
};

export function canReadMeeting(actor: Actor, invited: readonly string[]): boolean {
  return allows(MEETING_READ, actor.roles, { relations: [...centreRelation(actor), ...(invited.includes(actor.agencyId) ? (['invited'] as const) : [])], dims: {} });
}

/** Every meeting, or those the reader's agency was invited to. */
export function meetingScope(actor: Actor): { all: boolean; agencyId: string | null } {
  if (allows(MEETING_READ, actor.roles, { relations: centreRelation(actor), dims: {} })) return { all: true, agencyId: null };
  return { all: false, agencyId: allows(MEETING_READ, actor.roles, { relations: ['invited'], dims: {} }) ? actor.agencyId : null };
}
