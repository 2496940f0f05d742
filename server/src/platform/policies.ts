import type { Role } from '@railjoint/contracts';
import type { Actor } from './auth/actor.js';
import { forbidden, unauthorized } from './http/errors.js';

/**
 * Who may do what: the one place access is decided. Routes name an action; resource-level rules
 * (agency, jurisdiction, classification) are added here as their modules arrive, and queries that
 * list things take their filters from here too.
 */
export type Action =
  | 'network.read'
  | 'network.import'
  | 'organisation.read'
  | 'organisation.import'
  | 'jurisdiction.resolve'
  | 'categories.read'
  | 'responsibility.edit'
  | 'users.manage'
  | 'changes.read'
  | 'timetable.import'
  | 'trains.read'
  | 'incident.create'
  | 'audit.read';

const RULES: Record<Action, (actor: Actor) => boolean> = {
  'network.read': signedIn,
  'network.import': hasRole('admin'),
  'organisation.read': signedIn,
  'organisation.import': hasRole('admin'),
  'jurisdiction.resolve': signedIn,
  'categories.read': signedIn,
  'responsibility.edit': hasRole('admin'),
  'users.manage': hasRole('admin'),
  'changes.read': hasRole('admin', 'analyst'),
  'timetable.import': hasRole('admin'),
  'trains.read': signedIn,
  // Reports come from every channel: call-takers, officers on the ground, liaisons, patrols.
  'incident.create': hasRole('admin', 'dispatcher', 'commander', 'officer', 'liaison', 'volunteer'),
  // auditors only: not even an administrator reads the trail of what administrators did
  'audit.read': hasRole('auditor'),
};

function signedIn(): boolean {
  return true;
}

function hasRole(...roles: Role[]) {
  return (actor: Actor) => actor.roles.some((r) => roles.includes(r));
}

export function can(actor: Actor | null, action: Action): boolean {
  return actor !== null && RULES[action](actor);
}

export function authorize(actor: Actor | null, action: Action): asserts actor is Actor {
  if (!actor) throw unauthorized();
  if (!RULES[action](actor)) throw forbidden(`your role may not ${action.replace('.', ' ')}`);
}

/** A user may read their own account; admins read all. */
export function canReadUser(actor: Actor, userId: string): boolean {
  return actor.userId === userId || actor.roles.includes('admin');
}

/**
 * The coordination centre's staff (and admins) see and act on every incident of the department;
 * everyone else sees an incident only through their agency's part in it (lead, support, informed,
 * transfer). Queries use this to choose their filter, so what a user may not see is never loaded.
 */
export function incidentScope(actor: Actor): { all: true } | { all: false; agencyId: string } {
  if (actor.roles.includes('admin') || actor.agencyType === 'coordination_centre') return { all: true };
  return { all: false, agencyId: actor.agencyId };
}

export type IncidentRole = 'lead' | 'support' | 'inform' | 'transfer';

/** What a user may do to an incident they can see, given their agency's roles in it. */
export function incidentPermissions(actor: Actor, roles: IncidentRole[]): { act: boolean; steer: boolean; note: boolean } {
  const centre = incidentScope(actor).all;
  const operational = actor.roles.some((r) => r === 'dispatcher' || r === 'commander' || r === 'admin');
  const field = actor.roles.some((r) => r === 'officer' || r === 'commander' || r === 'liaison');
  return {
    // status changes on the ground: the centre, or the lead agency's people
    act: (centre && operational) || (roles.includes('lead') && field),
    // priority overrides, merges, cancellations: the centre's dispatchers and commanders
    steer: centre && operational,
    // notes: anyone with a part in it (informed agencies may add what they know)
    note: centre || roles.length > 0,
  };
}

/**
 * Standing a unit down: whoever steers or leads the incident, or the unit's own agency (its
 * officers and commanders, who may need their people elsewhere).
 */
export function canReleaseUnit(actor: Actor, roles: IncidentRole[], unitAgencyId: string): boolean {
  const p = incidentPermissions(actor, roles);
  const ownUnit = unitAgencyId === actor.agencyId && actor.roles.some((r) => r === 'officer' || r === 'commander' || r === 'dispatcher');
  return p.steer || (p.act && (incidentScope(actor).all || roles.includes('lead'))) || ownUnit;
}

/** Whether a live event may reach this user: the same rule as reading the incident. */
export function canSeeEvent(actor: Actor, audience: readonly string[]): boolean {
  return incidentScope(actor).all || audience.includes(actor.agencyId);
}
