import type { TimelineEntry } from '../../api/incidentSchemas';

export type HandoverTaskStatus = 'issued' | 'acknowledged' | 'in_progress' | 'completed' | 'cancelled' | 'overdue';

export interface HandoverState {
  station: string;
  police: string | null;
  arrival: string | null;
  /** the station police's task order, when the reader may read it */
  task: { code: string; status: HandoverTaskStatus; reply: string | null; at: string } | null;
}

const STEP_STATUS: Record<string, HandoverTaskStatus> = {
  task_acknowledge: 'acknowledged',
  task_progress: 'in_progress',
  task_complete: 'completed',
  task_cancel: 'cancelled',
  task_overdue: 'overdue',
};

function record(x: unknown): Record<string, unknown> {
  return x && typeof x === 'object' ? (x as Record<string, unknown>) : {};
}

/**
 * The last handover requested and where it stands: the request opens a task order for the
 * station police (issued right after it on the timeline), whose acknowledgement, progress and
 * completion, each with its note, are the station's answer.
 */
export function handoverState(timeline: TimelineEntry[]): HandoverState | null {
  let at = -1;
  timeline.forEach((e, i) => {
    if (e.action === 'handover_requested') at = i;
  });
  if (at < 0) return null;
  const d = record(timeline[at]!.detail);
  const police = record(d.police);
  const issued = timeline.slice(at + 1).find((e) => e.action === 'task_issued');
  const taskId = issued ? record(issued.detail).taskId : undefined;
  let task: HandoverState['task'] = null;
  if (issued && typeof taskId === 'string') {
    task = { code: String(record(issued.detail).code ?? ''), status: 'issued', reply: null, at: issued.at };
    for (const e of timeline.slice(at + 1)) {
      const step = STEP_STATUS[e.action];
      const ed = record(e.detail);
      if (!step || ed.taskId !== taskId) continue;
      // an overdue flag does not undo an answer already given
      if (step !== 'overdue' || task.status === 'issued') task.status = step;
      if (typeof ed.note === 'string' && ed.note) task.reply = ed.note;
      task.at = e.at;
    }
  }
  return { station: String(d.station ?? ''), police: typeof police.name === 'string' ? police.name : null, arrival: typeof d.arrival === 'string' ? d.arrival : null, task };
}
