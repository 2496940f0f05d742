import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, CENTRE_STAFF, type ReadPolicy } from './grants.js';
import { centreRelation } from './incidents.js';

export type DeviceRelation = 'centre' | 'owner' | 'jurisdiction';

/**
 * Who reads a field device (where it is, its links, its health): the centre, the agency that owns
 * it (the maintenance section, power supply section, police station or security company that
 * keeps it working) and the agencies with jurisdiction where it stands, who act on what it sees.
 * Jurisdiction is resolved by the organisation module when the device is placed and kept in
 * `device_agencies`, so lists filter in SQL by the same facts.
 */
export const DEVICE_READ: ReadPolicy<DeviceRelation, Record<string, never>> = {
  resource: 'device',
  summary: 'the centre’s staff and administrators; the owning agency; agencies with jurisdiction where it stands',
  relations: ['centre', 'owner', 'jurisdiction'],
  dimensions: {},
  grants: [
    { roles: ['admin'], why: 'administrators keep the device registry' },
    { relation: ['centre'], roles: CENTRE_STAFF, why: 'the coordination centre watches every device' },
    { relation: ['owner'], roles: CASE_ROLES, why: 'the agency keeps the device working' },
    { relation: ['jurisdiction'], roles: CASE_ROLES, why: 'the device stands where the agency has jurisdiction' },
  ],
};

/** An alarm is read by the readers of its device: its owner and the agencies where it stands. */
export const ALARM_READ: ReadPolicy<DeviceRelation, Record<string, never>> = {
  ...DEVICE_READ,
  resource: 'alarm',
  summary: 'the readers of its device: the centre’s staff and administrators, the owner, agencies with jurisdiction',
  grants: [
    { roles: ['admin'], why: 'administrators correct any record' },
    { relation: ['centre'], roles: CENTRE_STAFF, why: 'the coordination centre handles every alarm' },
    { relation: ['owner'], roles: CASE_ROLES, why: 'the agency’s own device raised it' },
    { relation: ['jurisdiction'], roles: CASE_ROLES, why: 'it was raised where the agency has jurisdiction' },
  ],
};

export function deviceRelations(actor: Actor, d: { ownerAgencyId: string; jurisdiction: readonly string[] }): DeviceRelation[] {
  const out: DeviceRelation[] = [...centreRelation(actor)];
  if (d.ownerAgencyId === actor.agencyId) out.push('owner');
  if (d.jurisdiction.includes(actor.agencyId)) out.push('jurisdiction');
  return out;
}

export function canReadDevice(actor: Actor, d: { ownerAgencyId: string; jurisdiction: readonly string[] }): boolean {
  return allows(DEVICE_READ, actor.roles, { relations: deviceRelations(actor, d), dims: {} });
}

export function canReadAlarm(actor: Actor, d: { ownerAgencyId: string; jurisdiction: readonly string[] }): boolean {
  return allows(ALARM_READ, actor.roles, { relations: deviceRelations(actor, d), dims: {} });
}

/**
 * For SQL: every device (or alarm), those whose `device_agencies` name the reader's agency (as
 * owner or with jurisdiction), or none; read off the grants, as the other scopes are.
 */
export type DeviceScope = { all: true } | { all: false; agencyId: string | null };

function scopeOf(policy: ReadPolicy<DeviceRelation, Record<string, never>>, actor: Actor): DeviceScope {
  if (allows(policy, actor.roles, { relations: centreRelation(actor), dims: {} })) return { all: true };
  const any = allows(policy, actor.roles, { relations: ['owner'], dims: {} }) && allows(policy, actor.roles, { relations: ['jurisdiction'], dims: {} });
  return { all: false, agencyId: any ? actor.agencyId : null };
}

export const deviceScope = (actor: Actor) => scopeOf(DEVICE_READ, actor);
export const alarmScope = (actor: Actor) => scopeOf(ALARM_READ, actor);

/**
 * Registering and changing devices: administrators and the centre's dispatchers and commanders
 * for any; an agency's commanders and officers for the devices it owns.
 */
export function canManageDevice(actor: Actor, ownerAgencyId: string): boolean {
  if (actor.roles.includes('admin')) return true;
  if (centreRelation(actor).length && actor.roles.some((r) => r === 'dispatcher' || r === 'commander')) return true;
  return actor.agencyId === ownerAgencyId && actor.roles.some((r) => r === 'commander' || r === 'officer');
}

/**
 * Acknowledging, shelving and marking alarms false: people on duty who may read the alarm — the
 * centre's operators and the working roles of the owner and of the agencies where it stands
 * (not analysts, auditors or volunteers, who watch but do not decide).
 */
export function canOperateAlarm(actor: Actor): boolean {
  return actor.roles.some((r) => r === 'admin' || r === 'dispatcher' || r === 'commander' || r === 'officer' || r === 'liaison');
}
