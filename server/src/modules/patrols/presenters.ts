import type { CheckIn, Finding, Patrol } from '@railjoint/contracts';
import type { FindingPhotosTable, PatrolCheckInsTable, PatrolFindingsTable, PatrolsTable } from './tables.js';
import { parseJson } from './context.js';

export function presentCheckIn(r: PatrolCheckInsTable): CheckIn {
  return {
    id: r.id,
    patrolId: r.patrol_id,
    checkpointId: r.checkpoint_id,
    dutyId: r.duty_id,
    method: r.method as CheckIn['method'],
    coordinates: [r.lon, r.lat],
    accuracyM: r.accuracy_m,
    clientAt: r.client_at,
    receivedAt: r.received_at,
    accepted: r.accepted === 1,
    late: r.late === 1,
    reason: r.reason as CheckIn['reason'],
    factors: parseJson<CheckIn['factors']>(r.factors),
  };
}

export function presentFinding(r: PatrolFindingsTable, photos: ReadonlyArray<Pick<FindingPhotosTable, 'id' | 'content_type' | 'size' | 'received_at'>>, incidentCode: string | null): Finding {
  return {
    id: r.id,
    patrolId: r.patrol_id,
    teamId: r.team_id,
    agencyId: r.agency_id,
    category: r.category,
    description: r.description,
    coordinates: [r.lon, r.lat],
    clientAt: r.client_at,
    receivedAt: r.received_at,
    incidentId: r.incident_id,
    incidentCode,
    photos: photos.map((p) => ({ id: p.id, contentType: p.content_type, size: p.size, receivedAt: p.received_at })),
  };
}

export function presentPatrol(r: PatrolsTable, teamName: string, extra: { trackPoints: number; checkIns: CheckIn[]; findings: Finding[] }): Patrol {
  return {
    id: r.id,
    teamId: r.team_id,
    teamName,
    agencyId: r.agency_id,
    dutyId: r.duty_id,
    planId: r.plan_id,
    mode: r.mode as Patrol['mode'],
    memberIds: parseJson<string[]>(r.member_ids),
    startedBy: r.started_by,
    clientStartedAt: r.client_started_at,
    startedAt: r.started_at,
    clientFinishedAt: r.client_finished_at,
    finishedAt: r.finished_at,
    finishReason: r.finish_reason as Patrol['finishReason'],
    lastPosition: r.last_lon !== null && r.last_lat !== null ? [r.last_lon, r.last_lat] : null,
    lastReportAt: r.last_at,
    ...extra,
  };
}
