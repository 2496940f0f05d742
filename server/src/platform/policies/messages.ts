import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, CENTRE_STAFF, type ReadPolicy } from './grants.js';
import { centreRelation, type IncidentRole } from './incidents.js';

export type ChannelRelation = 'centre' | IncidentRole | 'agreement' | 'command_member';

/**
 * Who reads the messages of an incident: its incident channel the agencies with a part in it and
 * the centre (not agencies reading it under a data-sharing agreement: the agreement shares the
 * case, not the conversation between those working it); its command channel the joint command's
 * members and the centre.
 */
export const CHANNEL_READ: ReadPolicy<ChannelRelation, { channel: 'incident' | 'command' }> = {
  resource: 'message',
  summary: 'incident channel: the centre’s staff, administrators and agencies with a part; command channel: the centre’s staff, administrators and command members',
  relations: ['centre', 'lead', 'support', 'inform', 'transfer', 'agreement', 'command_member'],
  dimensions: { channel: ['incident', 'command'] },
  grants: [
    { roles: ['admin'], why: 'administrators correct any record' },
    { relation: ['centre'], roles: CENTRE_STAFF, why: 'the coordination centre follows every channel' },
    { relation: ['lead', 'support', 'inform', 'transfer'], roles: CASE_ROLES, when: { channel: ['incident'] }, why: 'the agency has a part in the incident' },
    { relation: ['command_member'], roles: CASE_ROLES, when: { channel: ['command'] }, why: 'the agency sits in the joint command' },
  ],
};

export function canReadChannel(actor: Actor, relations: readonly ChannelRelation[], channel: 'incident' | 'command'): boolean {
  return allows(CHANNEL_READ, actor.roles, { relations: [...centreRelation(actor), ...relations], dims: { channel } });
}
