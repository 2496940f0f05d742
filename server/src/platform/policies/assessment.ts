import type { Role } from '@railjoint/contracts';
import type { Actor } from '../auth/actor.js';
import { CENTRE_STAFF } from './grants.js';
import { centreRelation } from './incidents.js';

/**
 * Who reads the assessment (考核): "an agency sees its own scores and the published rankings, the
 * centre sees all." The centre's staff and administrators read every agency's items; the working
 * staff of any other agency read their own agency's items and, once a period is published, every
 * agency's total and rank. Volunteers and auditors have no part in it. The scheme itself is
 * published to every agency: an agency must know how it is assessed.
 */
const AGENCY_ROLES: readonly Role[] = ['dispatcher', 'commander', 'officer', 'liaison', 'analyst'];
const SCHEME_EDITORS: readonly Role[] = ['admin', 'commander', 'analyst'];

const isCentreStaff = (actor: Actor) => actor.roles.includes('admin') || (centreRelation(actor).length > 0 && actor.roles.some((r) => CENTRE_STAFF.includes(r)));

export function assessmentScope(actor: Actor): 'all' | 'own' | null {
  if (isCentreStaff(actor)) return 'all';
  return actor.roles.some((r) => AGENCY_ROLES.includes(r)) ? 'own' : null;
}

/** Editing the scheme and publishing a period: the centre's commanders and analysts, administrators. */
export function canManageAssessment(actor: Actor): boolean {
  return actor.roles.includes('admin') || (centreRelation(actor).length > 0 && actor.roles.some((r) => SCHEME_EDITORS.includes(r)));
}
