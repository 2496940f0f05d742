import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, type ReadPolicy } from './grants.js';
import { centreRelation } from './incidents.js';

export type AgreementRelation = 'centre' | 'party';

/**
 * Who reads a data-sharing agreement: it says which agency may see which of another's data, so
 * it is the business of its two parties, of the centre's dispatchers and commanders (who route
 * information between agencies and must know what may go where) and of administrators, who write
 * them. Other agencies do not learn who shares what with whom.
 */
export const AGREEMENT_READ: ReadPolicy<AgreementRelation, Record<string, never>> = {
  resource: 'agreement',
  summary: 'administrators; the centre’s dispatchers and commanders; the two agencies party to it',
  relations: ['centre', 'party'],
  dimensions: {},
  grants: [
    { roles: ['admin'], why: 'administrators write agreements' },
    { relation: ['centre'], roles: ['dispatcher', 'commander'], why: 'the centre routes information between agencies' },
    { relation: ['party'], roles: CASE_ROLES, why: 'the agency gives or receives under it' },
  ],
};

export function canReadAgreement(actor: Actor, a: { fromAgencyId: string; toAgencyId: string }): boolean {
  const relations: AgreementRelation[] = [...centreRelation(actor)];
  if (a.fromAgencyId === actor.agencyId || a.toAgencyId === actor.agencyId) relations.push('party');
  return allows(AGREEMENT_READ, actor.roles, { relations, dims: {} });
}
