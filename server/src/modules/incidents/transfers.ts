import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { EventType } from '@railjoint/contracts';
import type { AgencyRef, IncidentAction, IncidentStatus, ResolveResult } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { enqueueEvent } from '../../platform/bus/outbox.js';
import type { IncidentRow } from './store.js';

/**
 * The bookkeeping of a transfer (移交) inside the caller's transaction: the transfer row, who may
 * see the incident, and who leads it once accepted. The status change and timeline are the
 * service's, as for every action.
 */
export async function openTransfer(trx: Kysely<Database>, row: IncidentRow, actor: Actor, to: AgencyRef, reason: string, at: string, replyS: number): Promise<string> {
  const id = crypto.randomUUID();
  await trx
    .insertInto('transfers')
    .values({
      id,
      incident_id: row.id,
      from_agency_id: row.lead_agency_id,
      to_agency_id: to.agencyId,
      reason,
      status: 'pending',
      sent_at: at,
      sent_by: actor.userId,
      deadline: new Date(Date.parse(at) + replyS * 1000).toISOString(),
      answered_at: null,
      answered_by: null,
      answer_reason: null,
    })
    .execute();
  // The receiving agency sees the incident from the moment it is offered.
  await trx.insertInto('incident_agencies').values({ incident_id: row.id, agency_id: to.agencyId, role: 'transfer' }).onConflict((oc) => oc.doNothing()).execute();
  return id;
}

export function pendingTransfer(trx: Kysely<Database>, incidentId: string) {
  return trx.selectFrom('transfers').selectAll().where('incident_id', '=', incidentId).where('status', '=', 'pending').executeTakeFirst();
}

export async function answerTransfer(trx: Kysely<Database>, transferId: string, status: 'accepted' | 'declined' | 'timed_out', actor: Actor | null, at: string, reason: string | null): Promise<void> {
  await trx
    .updateTable('transfers')
    .set({ status, answered_at: at, answered_by: actor?.userId ?? null, answer_reason: reason })
    .where('id', '=', transferId)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * On acceptance the receiving agency leads: it becomes the lead in the stored responsibility and
 * in the access rows, and the former lead stays on as support so it keeps sight of the case.
 */
export async function handOverLead(trx: Kysely<Database>, row: IncidentRow, to: AgencyRef): Promise<{ resolution: string; lead: string }> {
  const resolution = JSON.parse(row.resolution) as ResolveResult;
  const r = resolution.responsibility;
  if (r) {
    const former = r.lead;
    r.lead = to;
    r.support = r.support.filter((a) => a.agencyId !== to.agencyId);
    if (former && former.agencyId !== to.agencyId && !r.support.some((a) => a.agencyId === former.agencyId)) r.support.unshift(former);
  }
  await trx.deleteFrom('incident_agencies').where('incident_id', '=', row.id).where('role', 'in', ['lead', 'transfer']).where('agency_id', 'in', [to.agencyId, row.lead_agency_id ?? '']).execute();
  await trx.insertInto('incident_agencies').values({ incident_id: row.id, agency_id: to.agencyId, role: 'lead' }).onConflict((oc) => oc.doNothing()).execute();
  if (row.lead_agency_id && row.lead_agency_id !== to.agencyId) {
    await trx.insertInto('incident_agencies').values({ incident_id: row.id, agency_id: row.lead_agency_id, role: 'support' }).onConflict((oc) => oc.doNothing()).execute();
  }
  return { resolution: JSON.stringify(resolution), lead: to.agencyId };
}

/**
 * Where an incident stands when a transfer ends (accepted, declined or lapsed): with units still
 * on it, as far as the furthest of them has got — never "awaiting dispatch" while a unit works it,
 * so whoever leads now sees the earlier units and keeps or releases each; with none, received.
 */
export async function statusAfterTransfer(trx: Kysely<Database>, incidentId: string): Promise<IncidentStatus> {
  const units = await trx
    .selectFrom('assignments')
    .innerJoin('units', 'units.id', 'assignments.unit_id')
    .select('units.status')
    .where('assignments.incident_id', '=', incidentId)
    .where('assignments.status', 'in', ['assigned', 'acknowledged'])
    .execute();
  if (!units.length) return 'received';
  if (units.some((u) => u.status === 'on_scene')) return 'on_scene';
  if (units.some((u) => u.status === 'en_route')) return 'en_route';
  return 'dispatched';
}

export async function alert(trx: Kysely<Database>, incidentId: string, type: EventType, payload: unknown): Promise<void> {
  await enqueueEvent(trx, { type, entity: 'incident', entityId: incidentId, payload });
}

export type TransferAction = Extract<IncidentAction, 'transfer' | 'accept_transfer' | 'decline_transfer' | 'transfer_timeout'>;
export type { IncidentStatus };
