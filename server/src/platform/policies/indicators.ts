import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, CENTRE_STAFF, type ReadPolicy } from './grants.js';
import { centreRelation } from './incidents.js';

export type AgencyIndicatorsRelation = 'centre' | 'own';

/**
 * Who reads an agency's indicator figures (考核指标) and the records behind them: the centre's
 * staff and administrators every agency's, any other working user only their own agency's — an
 * agency is not shown how another scores (published rankings are the assessment's business).
 * The resource's id is the agency's id.
 */
export const AGENCY_INDICATORS_READ: ReadPolicy<AgencyIndicatorsRelation, Record<string, never>> = {
  resource: 'agency_indicators',
  summary: 'the centre’s staff and administrators: every agency’s; other working users: their own agency’s',
  relations: ['centre', 'own'],
  dimensions: {},
  grants: [
    { roles: ['admin'], why: 'administrators correct any record' },
    { relation: ['centre'], roles: CENTRE_STAFF, why: 'the coordination centre assesses every agency' },
    { relation: ['own'], roles: CASE_ROLES, why: 'an agency reads its own figures' },
  ],
};

export function canReadAgencyIndicators(actor: Actor, agencyId: string): boolean {
  return allows(AGENCY_INDICATORS_READ, actor.roles, { relations: [...centreRelation(actor), ...(agencyId === actor.agencyId ? (['own'] as const) : [])], dims: {} });
}

/**
 * Whose figures the reader gets, and whether incident-based records must also pass the reader's
 * incident visibility (anyone but the centre: only incidents its agency has a part in).
 */
export type IndicatorScope = { all: true } | { all: false; agencyId: string | null };

export function indicatorScope(actor: Actor): IndicatorScope {
  if (allows(AGENCY_INDICATORS_READ, actor.roles, { relations: centreRelation(actor), dims: {} })) return { all: true };
  return { all: false, agencyId: canReadAgencyIndicators(actor, actor.agencyId) ? actor.agencyId : null };
}
