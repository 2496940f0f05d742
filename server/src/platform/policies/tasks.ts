import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, CENTRE_STAFF, type ReadPolicy } from './grants.js';
import { centreRelation, incidentScope } from './incidents.js';

export type TaskRelation = 'centre' | 'issuer' | 'receiver' | 'command_member';

/**
 * Who reads a task order (指令): the agency that gave it, the agency it was given to, the members
 * of its joint command and the centre. Agencies merely informed of the incident do not: a task
 * names people, places and intentions that are the command's business. Everywhere a task shows
 * (lists, timelines, exports, command views, situation reports) follows this rule.
 */
export const TASK_READ: ReadPolicy<TaskRelation, Record<string, never>> = {
  resource: 'task',
  summary: 'the centre’s staff and administrators; the issuing and receiving agencies; the members of its joint command',
  relations: ['centre', 'issuer', 'receiver', 'command_member'],
  dimensions: {},
  grants: [
    { roles: ['admin'], why: 'administrators correct any record' },
    { relation: ['centre'], roles: CENTRE_STAFF, why: 'the coordination centre oversees every task' },
    { relation: ['issuer', 'receiver'], roles: CASE_ROLES, why: 'the agency gave or does the task' },
    { relation: ['command_member'], roles: CASE_ROLES, why: 'the agency sits in the task’s joint command' },
  ],
};

export interface TaskFacts {
  fromAgencyId: string;
  toAgencyId: string;
  /** is the reader's agency a member (commander or liaison) of the task's joint command */
  commandMember: boolean;
}

export function taskRelations(actor: Actor, t: TaskFacts): TaskRelation[] {
  const out: TaskRelation[] = [...centreRelation(actor)];
  if (t.fromAgencyId === actor.agencyId) out.push('issuer');
  if (t.toAgencyId === actor.agencyId) out.push('receiver');
  if (t.commandMember) out.push('command_member');
  return out;
}

export function canReadTask(actor: Actor, t: TaskFacts): boolean {
  return allows(TASK_READ, actor.roles, { relations: taskRelations(actor, t), dims: {} });
}

/** For SQL: every task, the tasks of one agency's relations, or none. */
export function taskScope(actor: Actor): { all: true } | { all: false; agencyId: string | null } {
  if (allows(TASK_READ, actor.roles, { relations: centreRelation(actor), dims: {} })) return { all: true };
  return { all: false, agencyId: allows(TASK_READ, actor.roles, { relations: ['issuer'], dims: {} }) ? actor.agencyId : null };
}

/** Issuing task orders: the centre, or a commander of an agency that commands in the joint command. */
export function canIssueTask(actor: Actor, commandRole: 'commander' | 'liaison' | null): boolean {
  const centre = incidentScope(actor).all && actor.roles.some((r) => r === 'commander' || r === 'dispatcher');
  return centre || (commandRole === 'commander' && actor.roles.some((r) => r === 'commander' || r === 'dispatcher'));
}

/** Acknowledging and reporting on a task: the people of the agency it was given to. */
export function canWorkTask(actor: Actor, toAgencyId: string): boolean {
  return actor.agencyId === toAgencyId && actor.roles.some((r) => r === 'officer' || r === 'commander' || r === 'liaison' || r === 'dispatcher' || r === 'volunteer');
}
