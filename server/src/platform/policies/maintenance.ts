import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, CENTRE_STAFF, type ReadPolicy } from './grants.js';
import { centreRelation } from './incidents.js';

export type WindowRelation = 'centre' | 'worker' | 'declarer' | 'jurisdiction';

/**
 * Who reads a maintenance window (天窗): the centre; the agency whose crew works in it; the agency
 * that declared it; and the agencies with jurisdiction along its stretch, whose alarms it explains
 * (their dispatchers must know a crew is legitimately on the line).
 */
export const MAINTENANCE_READ: ReadPolicy<WindowRelation, Record<string, never>> = {
  resource: 'maintenance_window',
  summary: 'the centre’s staff and administrators; the working and declaring agencies; agencies with jurisdiction along its stretch',
  relations: ['centre', 'worker', 'declarer', 'jurisdiction'],
  dimensions: {},
  grants: [
    { roles: ['admin'], why: 'administrators correct any record' },
    { relation: ['centre'], roles: CENTRE_STAFF, why: 'the coordination centre sees every window on its lines' },
    { relation: ['worker', 'declarer'], roles: CASE_ROLES, why: 'the agency works in it or declared it' },
    { relation: ['jurisdiction'], roles: CASE_ROLES, why: 'the window lies where the agency has jurisdiction' },
  ],
};

export function windowRelations(actor: Actor, w: { agencyId: string; declarerAgencyId: string; jurisdiction: readonly string[] }): WindowRelation[] {
  const out: WindowRelation[] = [...centreRelation(actor)];
  if (w.agencyId === actor.agencyId) out.push('worker');
  if (w.declarerAgencyId === actor.agencyId) out.push('declarer');
  if (w.jurisdiction.includes(actor.agencyId)) out.push('jurisdiction');
  return out;
}

export function canReadWindow(actor: Actor, w: { agencyId: string; declarerAgencyId: string; jurisdiction: readonly string[] }): boolean {
  return allows(MAINTENANCE_READ, actor.roles, { relations: windowRelations(actor, w), dims: {} });
}

export function windowScope(actor: Actor): { all: true } | { all: false; agencyId: string | null } {
  if (allows(MAINTENANCE_READ, actor.roles, { relations: centreRelation(actor), dims: {} })) return { all: true };
  const rel = (r: WindowRelation) => allows(MAINTENANCE_READ, actor.roles, { relations: [r], dims: {} });
  return { all: false, agencyId: rel('worker') && rel('jurisdiction') ? actor.agencyId : null };
}

/**
 * Declaring a window: the railway operator's people for their own agency's crews (track
 * maintenance, power supply, stations), and the centre's dispatchers and administrators for any.
 */
export function canDeclareWindow(actor: Actor, agencyId: string): boolean {
  if (actor.roles.includes('admin')) return true;
  if (centreRelation(actor).length && actor.roles.some((r) => r === 'dispatcher' || r === 'commander')) return true;
  const operator = actor.agencyType === 'track_maintenance_section' || actor.agencyType === 'power_supply_section' || actor.agencyType === 'railway_station';
  return operator && actor.agencyId === agencyId && actor.roles.some((r) => r === 'officer' || r === 'commander');
}
