import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, CENTRE_STAFF, type ReadPolicy } from './grants.js';
import { centreRelation } from './incidents.js';

export type UnitRelation = 'centre' | 'owner' | 'on_my_incident';

/**
 * Who sees a unit (its status and position): the centre; its own agency; and an agency with a
 * part in an incident the unit is working (a county liaison sees the railway car sent to the same
 * case). The list and the item follow the same rule.
 */
export const UNIT_READ: ReadPolicy<UnitRelation, Record<string, never>> = {
  resource: 'unit',
  summary: 'the centre’s staff and administrators; the unit’s agency; agencies with a part in an incident the unit is assigned to',
  relations: ['centre', 'owner', 'on_my_incident'],
  dimensions: {},
  grants: [
    { roles: ['admin'], why: 'administrators manage units' },
    { relation: ['centre'], roles: CENTRE_STAFF, why: 'the coordination centre dispatches every unit' },
    { relation: ['owner'], roles: CASE_ROLES, why: 'the agency’s own unit' },
    { relation: ['on_my_incident'], roles: CASE_ROLES, why: 'the unit works an incident the agency has a part in' },
  ],
};

export function unitRelations(actor: Actor, u: { agencyId: string; onMyIncident: boolean }): UnitRelation[] {
  const out: UnitRelation[] = [...centreRelation(actor)];
  if (u.agencyId === actor.agencyId) out.push('owner');
  if (u.onMyIncident) out.push('on_my_incident');
  return out;
}

export function canReadUnit(actor: Actor, u: { agencyId: string; onMyIncident: boolean }): boolean {
  return allows(UNIT_READ, actor.roles, { relations: unitRelations(actor, u), dims: {} });
}

export function unitScope(actor: Actor): { all: true } | { all: false; agencyId: string | null } {
  if (allows(UNIT_READ, actor.roles, { relations: centreRelation(actor), dims: {} })) return { all: true };
  return { all: false, agencyId: allows(UNIT_READ, actor.roles, { relations: ['owner'], dims: {} }) ? actor.agencyId : null };
}
