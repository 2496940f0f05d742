import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, type ReadPolicy } from './grants.js';
import { centreRelation, INCIDENT_READ, type IncidentRelation } from './incidents.js';

/**
 * A report from the public becomes an incident; the report itself (what was said, the photos,
 * the public notes) is read by whoever reads that incident, by the same grants.
 */
export const PUBLIC_REPORT_READ: ReadPolicy<IncidentRelation, Record<string, never>> = {
  ...INCIDENT_READ,
  resource: 'public_report',
  summary: 'the readers of the incident it became',
};

export type ContactRelation = 'centre' | 'handler';

/**
 * The reporter's contact details: only the agency handling the report (its incident's lead) and
 * the centre's call-takers and commanders, who call reporters back. Not administrators, analysts
 * or supporting agencies: a member of the public left a number for the people dealing with it.
 */
export const REPORTER_CONTACT_READ: ReadPolicy<ContactRelation, Record<string, never>> = {
  resource: 'reporter_contact',
  summary: 'the handling (lead) agency; the centre’s dispatchers and commanders — nobody else',
  relations: ['centre', 'handler'],
  dimensions: {},
  grants: [
    { relation: ['centre'], roles: ['dispatcher', 'commander'], why: 'the centre’s call-takers call reporters back' },
    { relation: ['handler'], roles: CASE_ROLES.filter((r) => r !== 'analyst' && r !== 'admin'), why: 'the agency handles the report' },
  ],
};

export function canReadReporterContact(actor: Actor, handler: boolean): boolean {
  return allows(REPORTER_CONTACT_READ, actor.roles, { relations: [...centreRelation(actor), ...(handler ? ['handler' as const] : [])], dims: {} });
}
