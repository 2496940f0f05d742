import type { Incident } from '../../api/incidentSchemas';

/**
 * Incidents nobody has been sent to first, then P1 before P2…, then the one waiting longest:
 * a dispatched P1 is in hand, a received P2 is not.
 */
export function sortQueue(list: Incident[]): Incident[] {
  const awaiting = (i: Incident) => (i.status === 'received' ? 0 : 1);
  return [...list].sort((a, b) => awaiting(a) - awaiting(b) || a.priority.localeCompare(b.priority) || a.receivedAt.localeCompare(b.receivedAt) || a.code.localeCompare(b.code));
}
