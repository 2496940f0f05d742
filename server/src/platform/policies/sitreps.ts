import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, CENTRE_STAFF, type ReadPolicy } from './grants.js';
import { centreRelation, incidentScope, type IncidentRelation, type IncidentRole } from './incidents.js';

/**
 * Who reads a situation report (情况报告): a draft is work in progress of those working the
 * incident (the centre, the lead and supporting agencies); once a commander releases it, every
 * reader of the incident. Tasks inside a report follow the task rule, reader by reader.
 */
export const SITREP_READ: ReadPolicy<IncidentRelation, { status: 'draft' | 'released' }> = {
  resource: 'sitrep',
  summary: 'drafts: the centre’s staff, administrators, lead and supporting agencies; released: every reader of the incident',
  relations: ['centre', 'lead', 'support', 'inform', 'transfer', 'agreement'],
  dimensions: { status: ['draft', 'released'] },
  grants: [
    { roles: ['admin'], why: 'administrators correct any record' },
    { relation: ['centre'], roles: CENTRE_STAFF, why: 'the coordination centre writes and oversees the reports' },
    { relation: ['lead', 'support'], roles: CASE_ROLES, why: 'the agency works the incident' },
    { relation: ['inform', 'transfer', 'agreement'], roles: CASE_ROLES, when: { status: ['released'] }, why: 'a released report goes to every reader of the incident' },
  ],
};

export function canReadSitrep(actor: Actor, relations: readonly IncidentRelation[], status: 'draft' | 'released'): boolean {
  return allows(SITREP_READ, actor.roles, { relations: [...centreRelation(actor), ...relations], dims: { status } });
}

/** Releasing a report is a commander's act: the centre's commanders, or the lead agency's. */
export function canReleaseSitrep(actor: Actor, roles: IncidentRole[]): boolean {
  if (!actor.roles.includes('commander')) return false;
  return incidentScope(actor).all || roles.includes('lead');
}
