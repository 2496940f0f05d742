import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, type ReadPolicy } from './grants.js';

export type AlertAddressRelation = 'addressee';
export type AlertSubjectFact = 'readable' | 'unreadable';

/**
 * Who reads an alert of the alert centre: the people of an agency it is addressed to, and only
 * while they may read what it is about — asked of that resource's own read rule (the incident's,
 * the bulletin's, the task's…). An alert never tells anyone more than the resource would: a
 * bulletin alert for an agency whose commanders alone may read the bulletin reaches its commanders.
 */
export const ALERT_READ: ReadPolicy<AlertAddressRelation, { subject: AlertSubjectFact }> = {
  resource: 'alert',
  summary: 'people of the agencies it is addressed to who may read what it is about',
  relations: ['addressee'],
  dimensions: { subject: ['readable', 'unreadable'] },
  grants: [{ relation: ['addressee'], roles: CASE_ROLES, when: { subject: ['readable'] }, why: 'the alert is addressed to the agency and the reader may read what it is about' }],
};

export function canReadAlert(actor: Actor, addressee: boolean, subjectReadable: boolean): boolean {
  return allows(ALERT_READ, actor.roles, { relations: addressee ? ['addressee'] : [], dims: { subject: subjectReadable ? 'readable' : 'unreadable' } });
}

/**
 * For SQL: the agency whose alerts the reader may be shown (each then checked against its
 * subject), or null when no alert could ever be theirs (an auditor).
 */
export function alertAgency(actor: Actor): string | null {
  return canReadAlert(actor, true, true) ? actor.agencyId : null;
}
