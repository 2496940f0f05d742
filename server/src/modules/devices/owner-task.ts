import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { TaskService } from '../command/task-service.js';
import type { TaskRow } from '../command/task-presenter.js';

/**
 * The platform's own actor for what devices cause: repair and inspection orders to their owners,
 * incidents on the `device` channel. It acts for the platform's coordination-centre agency, so
 * the centre sees what it issued and no agency is added to an incident for having reported it.
 */
export const DEVICE_ACTOR: Actor = {
  userId: 'system:devices',
  username: 'devices',
  displayName: '技防联动',
  agencyId: 'platform',
  agencyType: 'coordination_centre',
  roles: ['dispatcher'],
};

/** A task order to a device's owner, inside the caller's transaction (stands or falls with the change). */
export async function issueOwnerTask(trx: Kysely<Database>, tasks: TaskService, o: { toAgencyId: string; title: string; detail: string; at: string; deadlineMs: number }): Promise<string> {
  const t: TaskRow = {
    id: crypto.randomUUID(),
    code: await tasks.nextCode(trx, o.at),
    command_id: null,
    incident_id: null,
    campaign: '技防设备维护',
    title: o.title,
    detail: o.detail,
    to_agency_id: o.toAgencyId,
    to_unit_id: null,
    from_agency_id: DEVICE_ACTOR.agencyId,
    issued_by: DEVICE_ACTOR.username,
    issued_at: o.at,
    deadline: new Date(o.deadlineMs).toISOString(),
    status: 'issued',
    acknowledged_at: null,
    completed_at: null,
    overdue_at: null,
    version: 1,
  };
  await tasks.insert(trx, DEVICE_ACTOR, t);
  return t.id;
}
