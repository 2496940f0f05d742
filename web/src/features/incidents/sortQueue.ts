import type { Incident } from '../../api/incidentSchemas';

/** P1 before P2…, then the one waiting longest first. */
export function sortQueue(list: Incident[]): Incident[] {
  return [...list].sort((a, b) => a.priority.localeCompare(b.priority) || a.receivedAt.localeCompare(b.receivedAt) || a.code.localeCompare(b.code));
}
