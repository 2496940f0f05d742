import type { Actor } from '../auth/actor.js';

/**
 * Who reads risk along the line (issue 12): the department's analysts (研判) wherever they sit,
 * and the coordination centre's dispatchers and commanders, who send patrols where the risk is.
 * A township or a police station's dispatcher does not: the map ranks the whole department's
 * line and is built from incidents they may not read one by one.
 */
export function canReadRisk(actor: Actor): boolean {
  if (actor.roles.includes('admin') || actor.roles.includes('analyst')) return true;
  return actor.agencyType === 'coordination_centre' && actor.roles.some((r) => r === 'dispatcher' || r === 'commander');
}

/** Who loads past incidents into the history: analysts and administrators. */
export function canImportRiskHistory(actor: Actor): boolean {
  return actor.roles.includes('admin') || actor.roles.includes('analyst');
}
