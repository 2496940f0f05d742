import type { AssignmentState } from '../../api/dispatchSchemas';
import type { TimelineEntry } from '../../api/incidentSchemas';

function record(x: unknown): Record<string, unknown> | null {
  return x && typeof x === 'object' ? (x as Record<string, unknown>) : null;
}

/** The incident's assignments and their acknowledgement, read from the timeline (dispatch, units_added, assignment_*, unit_released, unit_cleared). */
export function assignmentsFromTimeline(timeline: TimelineEntry[]): AssignmentState[] {
  const byId = new Map<string, AssignmentState>();
  for (const e of timeline) {
    const d = record(e.detail);
    if (!d) continue;
    if ((e.action === 'dispatch' || e.action === 'units_added') && Array.isArray(d.assignments)) {
      for (const raw of d.assignments) {
        const a = record(raw);
        if (!a || typeof a.id !== 'string' || typeof a.unitId !== 'string') continue;
        byId.set(a.id, { id: a.id, unitId: a.unitId, etaS: typeof a.etaS === 'number' ? a.etaS : null, state: 'assigned', afterS: null });
      }
    } else if ((e.action === 'assignment_acknowledged' || e.action === 'assignment_unacknowledged') && typeof d.assignmentId === 'string') {
      const known = byId.get(d.assignmentId) ?? { id: d.assignmentId, unitId: typeof d.unitId === 'string' ? d.unitId : '?', etaS: null, state: 'assigned' as const, afterS: null };
      if (e.action === 'assignment_acknowledged') byId.set(known.id, { ...known, state: 'acknowledged', afterS: typeof d.afterS === 'number' ? d.afterS : null });
      else if (known.state !== 'acknowledged') byId.set(known.id, { ...known, state: 'unacknowledged' });
    } else if ((e.action === 'unit_released' || e.action === 'unit_cleared') && typeof d.assignmentId === 'string') {
      const known = byId.get(d.assignmentId);
      if (known) byId.set(known.id, { ...known, state: e.action === 'unit_released' ? 'released' : 'cleared' });
    }
  }
  return [...byId.values()];
}
