import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, CENTRE_STAFF, type Grant, type ReadPolicy } from './grants.js';
import { centreRelation } from './incidents.js';

/**
 * Civil defence (issue 10): teams, their members' personal data, checkpoints, patrol plans,
 * patrols, findings and patrol alerts. The centre oversees all of it; an agency sees its own and
 * what it shares through a joint plan. Each rule is stated once here; the services evaluate it and
 * the stores' SQL filters (patrols/access.ts) follow the scopes derived from it below.
 */

const ADMIN: Grant<never, Record<string, never>> = { roles: ['admin'], why: 'administrators correct any record' };
const CENTRE = { relation: ['centre'] as const, roles: CENTRE_STAFF, why: 'the coordination centre oversees the department’s joint defence' };

export type TeamRelation = 'centre' | 'owner' | 'plan_partner';
/** A team: its agency, the centre, and the agencies patrolling with it in a joint plan. */
export const TEAM_READ: ReadPolicy<TeamRelation, Record<string, never>> = {
  resource: 'patrol_team',
  summary: 'the centre’s staff and administrators; the team’s agency; agencies whose teams share a patrol plan with it',
  relations: ['centre', 'owner', 'plan_partner'],
  dimensions: {},
  grants: [ADMIN, CENTRE, { relation: ['owner'], roles: CASE_ROLES, why: 'the agency’s own team' }, { relation: ['plan_partner'], roles: CASE_ROLES, why: 'the agency patrols with the team in a joint plan' }],
};

export type MemberRelation = 'centre' | 'owner';
/**
 * A member's personal data (name, phone, identity number): only the team's own agency and the
 * centre. Partners in a joint plan see the team and its members' skills and availability, never who
 * they are.
 */
export const MEMBER_READ: ReadPolicy<MemberRelation, Record<string, never>> = {
  resource: 'patrol_member',
  summary: 'the centre’s staff and administrators; the member’s own agency — never other agencies',
  relations: ['centre', 'owner'],
  dimensions: {},
  grants: [ADMIN, CENTRE, { relation: ['owner'], roles: CASE_ROLES, why: 'the member belongs to a team of the agency' }],
};

export type CheckpointRelation = 'centre' | 'owner' | 'plan_partner';
/** A checkpoint (and its printed code): its agency, the centre, and the agencies of plans that pass it. */
export const CHECKPOINT_READ: ReadPolicy<CheckpointRelation, Record<string, never>> = {
  resource: 'checkpoint',
  summary: 'the centre’s staff and administrators; the checkpoint’s agency; agencies owning or patrolling a plan that passes it',
  relations: ['centre', 'owner', 'plan_partner'],
  dimensions: {},
  grants: [ADMIN, CENTRE, { relation: ['owner'], roles: CASE_ROLES, why: 'the agency set up the checkpoint' }, { relation: ['plan_partner'], roles: CASE_ROLES, why: 'a plan of the agency, or one it patrols, passes the checkpoint' }],
};

export type PlanRelation = 'centre' | 'owner' | 'participant';
/** A patrol plan and its duties: its agency, the agencies whose teams take part, the centre. */
export const PLAN_READ: ReadPolicy<PlanRelation, Record<string, never>> = {
  resource: 'patrol_plan',
  summary: 'the centre’s staff and administrators; the plan’s agency; agencies with a team in it',
  relations: ['centre', 'owner', 'participant'],
  dimensions: {},
  grants: [ADMIN, CENTRE, { relation: ['owner'], roles: CASE_ROLES, why: 'the agency made the plan' }, { relation: ['participant'], roles: CASE_ROLES, why: 'a team of the agency takes part in the plan' }],
};

export type PatrolRelation = 'centre' | 'team' | 'plan';
/** A patrol (its track, check-ins, alerts): the team's agency, the agencies of its plan, the centre. */
export const PATROL_READ: ReadPolicy<PatrolRelation, Record<string, never>> = {
  resource: 'patrol',
  summary: 'the centre’s staff and administrators; the patrolling team’s agency; agencies owning or taking part in the plan of its duty',
  relations: ['centre', 'team', 'plan'],
  dimensions: {},
  grants: [ADMIN, CENTRE, { relation: ['team'], roles: CASE_ROLES, why: 'the agency’s own team is patrolling' }, { relation: ['plan'], roles: CASE_ROLES, why: 'the patrol does a duty of a plan the agency owns or takes part in' }],
};

export type FindingRelation = 'centre' | 'team' | 'incident';
/** A finding on patrol (and its photos): the finder's agency, the agencies of the incident it became, the centre. */
export const FINDING_READ: ReadPolicy<FindingRelation, Record<string, never>> = {
  resource: 'finding',
  summary: 'the centre’s staff and administrators; the finding team’s agency; agencies with a part in the incident it became',
  relations: ['centre', 'team', 'incident'],
  dimensions: {},
  grants: [ADMIN, CENTRE, { relation: ['team'], roles: CASE_ROLES, why: 'the agency’s team found it' }, { relation: ['incident'], roles: CASE_ROLES, why: 'the agency has a part in the incident it became' }],
};

export type AlertRelation = 'centre' | 'addressee';
/** A missed, late or welfare alert: raised to the team's agency and the centre, no one else. */
export const PATROL_ALERT_READ: ReadPolicy<AlertRelation, Record<string, never>> = {
  resource: 'patrol_alert',
  summary: 'the centre’s staff and administrators; the agency of the team it is about',
  relations: ['centre', 'addressee'],
  dimensions: {},
  grants: [ADMIN, CENTRE, { relation: ['addressee'], roles: CASE_ROLES, why: 'the alert is about the agency’s team' }],
};

/** For SQL: every row, the rows one agency stands in some relation to, or none (an auditor). */
export type AgencyScope = { all: true } | { all: false; agencyId: string | null };

export function scopeOf(policy: ReadPolicy<string, Record<string, never>>, actor: Actor, someRelation: string): AgencyScope {
  if (allows(policy, actor.roles, { relations: centreRelation(actor), dims: {} })) return { all: true };
  // every non-centre grant of these rules needs a relation and lets the same roles in: one probe decides
  return { all: false, agencyId: allows(policy, actor.roles, { relations: [someRelation], dims: {} }) ? actor.agencyId : null };
}

export function canRead<R extends string>(policy: ReadPolicy<R, Record<string, never>>, actor: Actor, relations: readonly R[]): boolean {
  return allows(policy, actor.roles, { relations: [...(centreRelation(actor) as R[]), ...relations], dims: {} });
}

/**
 * Writing civil-defence data of an agency (teams, members, checkpoints, plans): administrators,
 * the centre's dispatchers and commanders, and the agency's own commanders, officers and liaisons.
 * Volunteers patrol and report; they do not reorganise their team.
 */
export function canManageFor(actor: Actor, agencyId: string): boolean {
  if (actor.roles.includes('admin')) return true;
  if (actor.agencyType === 'coordination_centre' && actor.roles.some((r) => r === 'dispatcher' || r === 'commander')) return true;
  return actor.agencyId === agencyId && actor.roles.some((r) => r === 'commander' || r === 'officer' || r === 'liaison');
}

/**
 * Writing the randomised patrol duties the patrol game draws (issue 13) for an agency's team:
 * whoever plans that agency's patrols, and the centre's analysts, whose risk analysis the draw
 * follows (the game itself is the planners', `allocation.plan`).
 */
export function canRandomisePatrolsFor(actor: Actor, agencyId: string): boolean {
  return canManageFor(actor, agencyId) || (actor.agencyType === 'coordination_centre' && actor.roles.includes('analyst'));
}

/** Patrolling for a team (start, check in, report, finish): the team's agency's people in the field. */
export function canPatrolFor(actor: Actor, teamAgencyId: string): boolean {
  return actor.agencyId === teamAgencyId && actor.roles.some((r) => r === 'officer' || r === 'commander' || r === 'liaison' || r === 'volunteer');
}

/** Acknowledging a patrol alert: the centre's operators, or the addressed agency's commanders and liaisons. */
export function canAcknowledgePatrolAlert(actor: Actor, agencyId: string): boolean {
  if (actor.roles.includes('admin')) return true;
  if (actor.agencyType === 'coordination_centre') return actor.roles.some((r) => r === 'dispatcher' || r === 'commander');
  return actor.agencyId === agencyId && actor.roles.some((r) => r === 'commander' || r === 'liaison' || r === 'officer');
}
