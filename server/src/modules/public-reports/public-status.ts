import type { IncidentStatus, PublicStatus } from '@railjoint/contracts';

/**
 * What the public is told of an incident's state: received, being handled, resolved, or closed
 * without action (a cancelled report). A report merged into another as a duplicate shows the
 * state of the incident it was merged into, never that incident's content.
 */
export function publicStatus(status: IncidentStatus): PublicStatus {
  switch (status) {
    case 'received':
      return 'received';
    case 'cleared':
    case 'closed':
      return 'resolved';
    case 'cancelled':
      return 'closed';
    default:
      return 'in_progress';
  }
}

/** Open311 knows two states: a report is open until it is resolved or closed. */
export function open311Status(s: PublicStatus): 'open' | 'closed' {
  return s === 'resolved' || s === 'closed' ? 'closed' : 'open';
}
