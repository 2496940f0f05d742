import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, CENTRE_STAFF, type Facts, type ReadPolicy } from './grants.js';

export type IncidentRole = 'lead' | 'support' | 'inform' | 'transfer';
export type IncidentRelation = 'centre' | IncidentRole | 'agreement';

/**
 * Who reads an incident: the coordination centre's staff (and administrators) every one of the
 * department; any other agency through its part in it, or read-only under a data-sharing
 * agreement from the lead agency. A refused read is a 404, as for an unknown incident.
 */
export const INCIDENT_READ: ReadPolicy<IncidentRelation, Record<string, never>> = {
  resource: 'incident',
  summary: 'the centre’s staff and administrators: all; agencies with a part (lead, support, informed, transfer offered) or a data-sharing agreement from the lead agency',
  relations: ['centre', 'lead', 'support', 'inform', 'transfer', 'agreement'],
  dimensions: {},
  grants: [
    { roles: ['admin'], why: 'administrators correct any record' },
    { relation: ['centre'], roles: CENTRE_STAFF, why: 'the coordination centre oversees every incident of the department' },
    { relation: ['lead', 'support', 'inform', 'transfer'], roles: CASE_ROLES, why: 'the agency has a part in the incident' },
    { relation: ['agreement'], roles: CASE_ROLES, why: 'a data-sharing agreement from the lead agency covers incidents' },
  ],
};

/** A joint command's view (objectives, members, units, tasks) is read by the readers of its incident. */
export const COMMAND_READ: ReadPolicy<IncidentRelation, Record<string, never>> = {
  ...INCIDENT_READ,
  resource: 'command',
  summary: 'the readers of its incident (its tasks each by the task rule)',
};

/** The relation an agency has to everything by being the coordination centre. */
export function centreRelation(actor: Actor): 'centre'[] {
  return actor.agencyType === 'coordination_centre' ? ['centre'] : [];
}

export function canReadIncident(actor: Actor, relations: readonly IncidentRelation[]): boolean {
  return allows(INCIDENT_READ, actor.roles, { relations: [...centreRelation(actor), ...relations], dims: {} } as Facts<IncidentRelation, Record<string, never>>);
}

/**
 * How a query must filter incidents for this reader: everything (the grants that need no part in
 * the incident), the incidents an agency has a part in or an agreement for, or nothing at all (an
 * auditor). Stated from INCIDENT_READ, so the SQL (incidents/store.ts) follows the same rule.
 */
export type IncidentScope = { all: true } | { all: false; agencyId: string } | { all: false; agencyId: null };

export function incidentScope(actor: Actor): IncidentScope {
  if (canReadIncident(actor, [])) return { all: true };
  // any relation at all lets the reader in?  then lists filter by the agency's parts and agreements
  if (canReadIncident(actor, ['lead']) && canReadIncident(actor, ['agreement'])) return { all: false, agencyId: actor.agencyId };
  return { all: false, agencyId: null };
}

/** The centre's staff who act on incidents (not its analysts). */
export function isCentreOperator(actor: Actor): boolean {
  return (actor.agencyType === 'coordination_centre' || actor.roles.includes('admin')) && actor.roles.some((r) => r === 'dispatcher' || r === 'commander' || r === 'admin');
}

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
    note: centre || (roles.length > 0 && actor.roles.some((r) => CASE_ROLES.includes(r))),
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

/** Raising or lowering the level by hand, opening a joint command: the centre's commanders and dispatchers, or the lead agency's commander. */
export function canCommand(actor: Actor, roles: IncidentRole[]): boolean {
  const centre = incidentScope(actor).all && actor.roles.some((r) => r === 'commander' || r === 'dispatcher');
  return centre || (roles.includes('lead') && actor.roles.includes('commander'));
}

/** Situation facts (casualties, line blocked) come from whoever works the incident. */
export function canReportSituation(actor: Actor, roles: IncidentRole[]): boolean {
  return incidentPermissions(actor, roles).act || (roles.length > 0 && actor.roles.some((r) => r === 'officer' || r === 'commander' || r === 'liaison'));
}
