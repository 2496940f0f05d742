import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, CENTRE_STAFF, type ReadPolicy } from './grants.js';
import { centreRelation } from './incidents.js';

/** owner: either section chief's agency; county: the county bureau where it lies; finder: the agency that found it */
export type HazardRelation = 'centre' | 'owner' | 'county' | 'finder';

/**
 * Who reads a hazard (安全隐患): the two agencies of its section chiefs (双段长: the railway one
 * and the county or township one), the county bureau where it lies (the county is told when it is
 * overdue and oversees its townships), the agency that found it (which verifies the
 * rectification), the coordination centre's staff and administrators. A township sees the
 * hazards it owns, nothing else.
 */
export const HAZARD_READ: ReadPolicy<HazardRelation, Record<string, never>> = {
  resource: 'hazard',
  summary: 'the centre’s staff and administrators; both section chiefs’ agencies and the county where it lies; the finder’s agency',
  relations: ['centre', 'owner', 'county', 'finder'],
  dimensions: {},
  grants: [
    { roles: ['admin'], why: 'administrators correct any record' },
    { relation: ['centre'], roles: CENTRE_STAFF, why: 'the coordination centre oversees every hazard of the department' },
    { relation: ['owner', 'county'], roles: CASE_ROLES, why: 'the agency owns the stretch (双段长) or is the county where it lies' },
    { relation: ['finder'], roles: CASE_ROLES, why: 'the agency found it and verifies its rectification' },
  ],
};

export interface HazardParties {
  railwayAgencyId: string;
  localAgencyId: string;
  countyId: string | null;
  finderAgencyId: string;
}

export function hazardRelations(actor: Actor, h: HazardParties): HazardRelation[] {
  const out: HazardRelation[] = [...centreRelation(actor)];
  if (h.railwayAgencyId === actor.agencyId || h.localAgencyId === actor.agencyId) out.push('owner');
  if (h.countyId === actor.agencyId) out.push('county');
  if (h.finderAgencyId === actor.agencyId) out.push('finder');
  return out;
}

export function canReadHazard(actor: Actor, h: HazardParties): boolean {
  return allows(HAZARD_READ, actor.roles, { relations: hazardRelations(actor, h), dims: {} });
}

/** How a list filters for this reader: everything, the hazards of the reader's agency (any relation), or none. */
export function hazardScope(actor: Actor): { all: true } | { all: false; agencyId: string | null } {
  if (allows(HAZARD_READ, actor.roles, { relations: centreRelation(actor), dims: {} })) return { all: true };
  const rel = (r: HazardRelation) => allows(HAZARD_READ, actor.roles, { relations: [r], dims: {} });
  return { all: false, agencyId: rel('owner') && rel('county') && rel('finder') ? actor.agencyId : null };
}
