import crypto from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { IncidentStatus } from '@railjoint/contracts';
import type { AssignmentsTable, Database } from '../../platform/db/schema.js';
import type { UnitRow } from '../units/store.js';

export type AssignmentRow = Selectable<AssignmentsTable>;

/** What an assigned unit's status becomes when its incident moves on. */
const UNIT_STATUS_FOR: Partial<Record<IncidentStatus, string>> = {
  dispatched: 'dispatched',
  en_route: 'en_route',
  on_scene: 'on_scene',
  cleared: 'available',
  closed: 'available',
  cancelled: 'available',
  merged: 'available',
  transferred: 'dispatched',
};

export async function createAssignments(trx: Kysely<Database>, incidentId: string, units: UnitRow[], by: string, at: string, ackS: number, etas: Map<string, number>): Promise<AssignmentRow[]> {
  const rows: AssignmentRow[] = units.map((u) => ({
    id: crypto.randomUUID(),
    incident_id: incidentId,
    unit_id: u.id,
    agency_id: u.agency_id,
    status: 'assigned',
    eta_s: etas.get(u.id) ?? null,
    assigned_at: at,
    assigned_by: by,
    ack_deadline: new Date(Date.parse(at) + ackS * 1000).toISOString(),
    acknowledged_at: null,
    escalated_at: null,
    ended_at: null,
  }));
  if (rows.length) await trx.insertInto('assignments').values(rows).execute();
  // an agency whose unit is sent (a joint-defence partner) takes part: it sees the incident it works on
  for (const agency of new Set(units.map((u) => u.agency_id))) {
    await trx.insertInto('incident_agencies').values({ incident_id: incidentId, agency_id: agency, role: 'support' }).onConflict((oc) => oc.doNothing()).execute();
  }
  return rows;
}

/** Moves the units of an incident's active assignments along with it; ends them when it is over. */
export async function unitsFollow(trx: Kysely<Database>, incidentId: string, next: IncidentStatus, at: string): Promise<UnitRow[]> {
  const status = UNIT_STATUS_FOR[next];
  if (!status) return [];
  // moved and read back in one statement: a dispatch is a chain of round trips, each one counting
  const moved = await trx
    .updateTable('units')
    .set({ status, updated_at: at })
    .where('id', 'in', (eb) => eb.selectFrom('assignments').select('assignments.unit_id').where('assignments.incident_id', '=', incidentId).where('assignments.status', 'in', ['assigned', 'acknowledged']))
    .returningAll()
    .execute();
  if (moved.length && status === 'available') {
    await trx.updateTable('assignments').set({ status: 'ended', ended_at: at }).where('incident_id', '=', incidentId).where('status', 'in', ['assigned', 'acknowledged']).execute();
  }
  return moved;
}
