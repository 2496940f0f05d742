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
export function canSeeEvent(actor: Actor, audience: readonly string[], strict = false): boolean {
  return (!strict && incidentScope(actor).all) || audience.includes(actor.agencyId);
}

// ---- bulletins and data sharing ------------------------------------------------------------

/** 0 public, 1 internal, 2 restricted, 3 secret. */
export const CLASS_RANK = { public: 0, internal: 1, restricted: 2, secret: 3 } as const;
export type ClassificationName = keyof typeof CLASS_RANK;

/**
 * What decides whether a user sees a bulletin, as facts about the user. The store turns the same
 * facts into SQL (sharing/store.ts `visibleTo`), so lists never load what they must not show; the
 * pure `canSeeBulletin` below states the rule once more for the live channel and the tests, which
 * check both agree.
 */
export interface BulletinAccess {
  agencyId: string;
  roles: readonly string[];
  /** the department's centre oversees everything below secret */
  centreOversight: boolean;
  /** secret bulletins also need this */
  commander: boolean;
}

export function bulletinAccess(actor: Actor): BulletinAccess {
  const centre = actor.agencyType === 'coordination_centre' && actor.roles.some((r) => r === 'dispatcher' || r === 'commander');
  return { agencyId: actor.agencyId, roles: actor.roles, centreOversight: centre, commander: actor.roles.includes('commander') };
}

export interface BulletinFacts {
  classification: ClassificationName;
  senderAgencyId: string;
  /** the distribution's roles; empty for every role */
  roles: readonly string[];
  /** is the user's agency among the recipients */
  recipient: boolean;
  /** does a current data-sharing agreement from the sender to the user's agency cover bulletins at this level */
  agreementCovers: boolean;
}

/**
 * The rule: the sending agency sees its own; everyone signed in sees public ones; a receiving
 * agency sees internal ones, and restricted or secret ones only under a data-sharing agreement
 * from the sender (secret: commanders only); the distribution's roles narrow who in an agency;
 * the coordination centre oversees everything up to restricted.
 */
export function canSeeBulletin(a: BulletinAccess, b: BulletinFacts): boolean {
  const rank = CLASS_RANK[b.classification];
  if (b.senderAgencyId === a.agencyId) return true;
  if (rank === 0) return true;
  if (a.centreOversight && rank <= 2) return true;
  if (!b.recipient) return false;
  if (b.roles.length > 0 && !a.roles.some((r) => b.roles.includes(r))) return false;
  if (rank === 1) return true;
  if (!b.agreementCovers) return false;
  return rank < 3 || a.commander;
}

/** Who may publish bulletins, and who may acknowledge them for their agency. */
export function canPublishBulletin(actor: Actor): boolean {
  return actor.roles.some((r) => r === 'dispatcher' || r === 'commander' || r === 'admin');
}

// ---- response levels, joint command, task orders -----------------------------------------

/** Raising or lowering the level by hand, opening a joint command: the centre's commanders and dispatchers, or the lead agency's commander. */
export function canCommand(actor: Actor, roles: IncidentRole[]): boolean {
  const centre = incidentScope(actor).all && actor.roles.some((r) => r === 'commander' || r === 'dispatcher');
  return centre || (roles.includes('lead') && actor.roles.includes('commander'));
}

/** Situation facts (casualties, line blocked) come from whoever works the incident. */
export function canReportSituation(actor: Actor, roles: IncidentRole[]): boolean {
  return incidentPermissions(actor, roles).act || (roles.length > 0 && actor.roles.some((r) => r === 'officer' || r === 'commander' || r === 'liaison'));
}

/** Issuing task orders: the centre, or a commander of an agency that commands in the joint command. */
export function canIssueTask(actor: Actor, commandRole: 'commander' | 'liaison' | null): boolean {
  const centre = incidentScope(actor).all && actor.roles.some((r) => r === 'commander' || r === 'dispatcher');
  return centre || (commandRole === 'commander' && actor.roles.some((r) => r === 'commander' || r === 'dispatcher'));
}

/** Acknowledging and reporting on a task: the people of the agency it was given to. */
export function canWorkTask(actor: Actor, toAgencyId: string): boolean {
  return actor.agencyId === toAgencyId && actor.roles.some((r) => r === 'officer' || r === 'commander' || r === 'liaison' || r === 'dispatcher' || r === 'volunteer');
}

// ---- sign-in: the second-factor policy ----------------------------------------------------
export * from './auth/mfa-policy.js';
