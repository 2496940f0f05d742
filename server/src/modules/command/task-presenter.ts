import type { Selectable } from 'kysely';
import type { Task } from '@railjoint/contracts';
import type { TasksTable, TaskUpdatesTable } from '../../platform/db/schema.js';

export type TaskRow = Selectable<TasksTable>;
export type TaskUpdateRow = Selectable<TaskUpdatesTable>;

/** A task still to be done: given, acknowledged or under way. */
export const OPEN_TASK_STATUSES = ['issued', 'acknowledged', 'in_progress'];

export function isOverdue(t: TaskRow, now: string): boolean {
  return OPEN_TASK_STATUSES.includes(t.status) && t.deadline < now;
}

export interface TaskAttachmentMeta {
  id: string;
  task_id: string;
  name: string;
  content_type: string;
  size: number;
  created_by: string;
  created_at: string;
}

export function presentTask(t: TaskRow, updates: TaskUpdateRow[], agencyName: (id: string) => string, now: string, attachments: TaskAttachmentMeta[] = [], person: (key: string) => string = (k) => k): Task {
  return {
    id: t.id,
    code: t.code,
    commandId: t.command_id,
    incidentId: t.incident_id,
    campaign: t.campaign,
    title: t.title,
    detail: t.detail,
    toAgencyId: t.to_agency_id,
    toAgencyName: agencyName(t.to_agency_id),
    toUnitId: t.to_unit_id,
    fromAgencyId: t.from_agency_id,
    issuedBy: t.issued_by,
    issuedByName: person(t.issued_by),
    issuedAt: t.issued_at,
    deadline: t.deadline,
    status: t.status as Task['status'],
    acknowledgedAt: t.acknowledged_at,
    completedAt: t.completed_at,
    overdue: isOverdue(t, now),
    updates: updates.map((u) => ({ at: u.at, by: u.by, byName: person(u.by), agencyId: u.agency_id, kind: u.kind, note: u.note })),
    attachments: attachments.map((a) => ({ id: a.id, name: a.name, contentType: a.content_type, size: Number(a.size), by: a.created_by, at: a.created_at })),
  };
}
