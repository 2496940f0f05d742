import type { Actor } from '../auth/actor.js';

/**
 * Who may add or remove a candidate post that a given agency would staff (issue 13). Planning
 * itself is `allocation.plan`; a place binds an agency's people, so outside the centre a planner
 * proposes places for their own agency only, while the centre plans for the whole department.
 */
export function mayPlacePostsFor(actor: Actor, agencyId: string): boolean {
  return actor.roles.includes('admin') || actor.agencyType === 'coordination_centre' || actor.agencyId === agencyId;
}
