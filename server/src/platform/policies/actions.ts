import type { Role } from '@railjoint/contracts';
import type { Actor } from '../auth/actor.js';
import { forbidden, unauthorized } from '../http/errors.js';

/**
 * Actions that depend on the role alone (not on a particular resource): routes name one and
 * `authorize` decides. Resource rules (which incident, which bulletin) live beside this file.
 */
export type Action =
  | 'network.read'
  | 'network.import'
  | 'organisation.read'
  | 'organisation.import'
  | 'jurisdiction.resolve'
  | 'categories.read'
  | 'responsibility.edit'
  | 'users.manage'
  | 'changes.read'
  | 'timetable.import'
  | 'trains.read'
  | 'incident.create'
  | 'audit.read'
  | 'open311.manage';

const RULES: Record<Action, (actor: Actor) => boolean> = {
  'network.read': signedIn,
  'network.import': hasRole('admin'),
  'organisation.read': signedIn,
  'organisation.import': hasRole('admin'),
  'jurisdiction.resolve': signedIn,
  'categories.read': signedIn,
  'responsibility.edit': hasRole('admin'),
  'users.manage': hasRole('admin'),
  'changes.read': hasRole('admin', 'analyst'),
  'timetable.import': hasRole('admin'),
  'trains.read': signedIn,
  // Reports come from every channel: call-takers, officers on the ground, liaisons, patrols.
  'incident.create': hasRole('admin', 'dispatcher', 'commander', 'officer', 'liaison', 'volunteer'),
  // auditors only: not even an administrator reads the trail of what administrators did
  'audit.read': hasRole('auditor'),
  // the applications allowed to post Open311 requests, and their keys
  'open311.manage': hasRole('admin'),
};

function signedIn(): boolean {
  return true;
}

function hasRole(...roles: Role[]) {
  return (actor: Actor) => actor.roles.some((r) => roles.includes(r));
}

export function can(actor: Actor | null, action: Action): boolean {
  return actor !== null && RULES[action](actor);
}

export function authorize(actor: Actor | null, action: Action): asserts actor is Actor {
  if (!actor) throw unauthorized();
  if (!RULES[action](actor)) throw forbidden(`your role may not ${action.replace('.', ' ')}`);
}

/** A user may read their own account; admins read all. */
export function canReadUser(actor: Actor, userId: string): boolean {
  return actor.userId === userId || actor.roles.includes('admin');
}
