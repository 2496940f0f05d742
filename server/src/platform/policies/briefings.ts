import type { Actor } from '../auth/actor.js';

/**
 * The briefings' own list and the big screen are the coordination centre's: its staff (and
 * administrators) read them, nobody else. Member agencies read a briefing as the bulletin it is
 * published as, under the bulletin's own read rule (policies/bulletins.ts), with its HTML and PDF
 * attached — one rule for who reads a publication, not two.
 */
export function canReadCentreViews(actor: Actor): boolean {
  if (actor.roles.includes('admin')) return true;
  return actor.agencyType === 'coordination_centre' && actor.roles.some((r) => r === 'dispatcher' || r === 'commander' || r === 'analyst');
}

/** Making a briefing publishes a bulletin in the centre's name: its dispatchers and commanders. */
export function canMakeBriefing(actor: Actor): boolean {
  return actor.agencyType === 'coordination_centre' && actor.roles.some((r) => r === 'dispatcher' || r === 'commander');
}
