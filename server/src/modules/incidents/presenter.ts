import type { AgencyRef, ResolveResult } from '@railjoint/contracts';
import type { IncidentRow, TimelineRow } from './store.js';
import { computeIntervals, breaches } from './intervals.js';
import { allowedActions } from './lifecycle.js';
import type { IncidentStatus } from '@railjoint/contracts';
import { toUrlAction } from './actions.js';
import { nowDate } from '../../platform/clock.js';

export interface TimelineEntry {
  id: number;
  at: string;
  actor: { userId: string; username: string; agencyId: string; name: string };
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  detail: unknown;
  client: string | null;
}

export function presentTimeline(rows: TimelineRow[], name: (userId: string) => string = (id) => id): TimelineEntry[] {
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: { userId: r.actor_user_id, username: r.actor_name, agencyId: r.actor_agency_id, name: name(r.actor_user_id) },
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    detail: JSON.parse(r.detail) as unknown,
    client: r.client,
  }));
}

/** The incident as the API shows it; with `timeline` for the detail view. */
export function presentIncident(row: IncidentRow, extra: { timeline?: TimelineRow[]; likelyDuplicates?: unknown[]; now?: Date; name?: (userId: string) => string } = {}) {
  const resolution = JSON.parse(row.resolution) as ResolveResult;
  const r = resolution.responsibility;
  const line = resolution.location.line;
  const status = row.status as IncidentStatus;
  const base = {
    id: row.id,
    code: row.code,
    status,
    priority: row.priority,
    priorityReasons: JSON.parse(row.priority_reasons) as Array<{ code: string; zh: string; en: string }>,
    category: row.category_id,
    categoryName: r?.categoryName ?? row.category_id,
    channel: row.channel,
    description: row.description,
    reporter: row.reporter ? (JSON.parse(row.reporter) as unknown) : null,
    externalRef: row.external_ref,
    placeKind: row.place_kind,
    location: {
      coordinates: resolution.location.coordinates,
      lineId: row.line_id,
      lineName: line?.lineName ?? null,
      mileage: row.mileage,
      sectionId: row.section_id,
      sectionName: line?.sectionName ?? null,
      stationId: row.station_id,
      stationName: resolution.location.stationName,
      train: row.train,
    },
    protectionZone: resolution.protectionZone,
    lead: r?.lead ?? null,
    support: r?.support ?? ([] as AgencyRef[]),
    inform: r?.inform ?? ([] as AgencyRef[]),
    reasons: r?.reasons ?? [],
    timeLimitS: row.time_limit_s,
    duplicateOf: row.duplicate_of,
    mergedInto: row.merged_into,
    outcomeCode: row.outcome_code,
    summary: row.summary,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    times: {
      dispatchedAt: row.dispatched_at,
      enRouteAt: row.en_route_at,
      onSceneAt: row.on_scene_at,
      clearedAt: row.cleared_at,
      closedAt: row.closed_at,
    },
    allowedActions: allowedActions(status).map((a) => toUrlAction(a.action)),
    version: row.version,
    updatedAt: row.updated_at,
  };
  if (!extra.timeline) return { ...base, likelyDuplicates: extra.likelyDuplicates ?? [] };
  const changes = extra.timeline.filter((t) => t.to_status).map((t) => ({ status: t.to_status as IncidentStatus, at: t.at }));
  return {
    ...base,
    likelyDuplicates: extra.likelyDuplicates ?? [],
    timeline: presentTimeline(extra.timeline, extra.name),
    intervals: computeIntervals(changes),
    breaches: breaches({ status, timeline: changes }, extra.now ?? nowDate(), row.time_limit_s),
  };
}
