import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, CENTRE_STAFF, type ReadPolicy } from './grants.js';
import { centreRelation, isCentreOperator } from './incidents.js';

export type CooperationAgreementRelation = 'centre' | 'party';

/**
 * Who reads a cooperation agreement (联防联控协议, 责任书), its signed copies and how its
 * obligations are being met: the centre's staff (who draw them up and follow them), administrators,
 * and the working staff of each party. An agency not party to it does not read what others pledged
 * to each other, nor how well they keep it.
 */
export const COOPERATION_AGREEMENT_READ: ReadPolicy<CooperationAgreementRelation, Record<string, never>> = {
  resource: 'cooperation_agreement',
  summary: 'the centre’s staff and administrators; the agencies party to it',
  relations: ['centre', 'party'],
  dimensions: {},
  grants: [
    { roles: ['admin'], why: 'administrators correct any record' },
    { relation: ['centre'], roles: CENTRE_STAFF, why: 'the coordination centre draws up the agreements and follows them' },
    { relation: ['party'], roles: CASE_ROLES, why: 'the agency is party to the agreement' },
  ],
};

export function canReadCooperationAgreement(actor: Actor, parties: readonly string[]): boolean {
  return allows(COOPERATION_AGREEMENT_READ, actor.roles, { relations: [...centreRelation(actor), ...(parties.includes(actor.agencyId) ? (['party'] as const) : [])], dims: {} });
}

/** Every agreement, or those the reader's agency is party to. */
export function cooperationAgreementScope(actor: Actor): { all: boolean; agencyId: string | null } {
  if (allows(COOPERATION_AGREEMENT_READ, actor.roles, { relations: centreRelation(actor), dims: {} })) return { all: true, agencyId: null };
  return { all: false, agencyId: allows(COOPERATION_AGREEMENT_READ, actor.roles, { relations: ['party'], dims: {} }) ? actor.agencyId : null };
}

/** Drawing agreements up, filing the signed copies and putting them in force: the centre's operators. */
export function canManageCooperationAgreements(actor: Actor): boolean {
  return isCentreOperator(actor);
}
