import { z } from 'zod';
import { AgencyRef, IncidentStatus, LonLat, Priority, Reason } from '@railjoint/contracts';

/**
 * The incident as `GET/POST /api/incidents…` answer it. The contracts package has only the request
 * side so far; these mirror server/src/modules/incidents/presenter.ts and are lenient where the
 * console shows a value as it comes (strings it does not interpret).
 */
export type PriorityLevel = z.infer<typeof Priority>;

const Nullable = <T extends z.ZodType>(t: T) => t.nullable().optional();

export const IncidentLocation = z.object({
  coordinates: Nullable(LonLat),
  lineId: Nullable(z.string()),
  lineName: Nullable(z.string()),
  mileage: Nullable(z.string()),
  sectionName: Nullable(z.string()),
  stationId: Nullable(z.string()),
  stationName: Nullable(z.string()),
  train: Nullable(z.string()),
});

export const DuplicateRef = z.object({
  id: z.string(),
  score: z.number().optional(),
  distanceM: z.number().optional(),
  by: z.string().optional(),
  timeApartS: z.number().optional(),
});

export const Incident = z.object({
  id: z.string(),
  code: z.string(),
  status: IncidentStatus,
  priority: Priority,
  category: z.string(),
  categoryName: z.string(),
  channel: z.string(),
  description: z.string(),
  reporter: z.object({ name: z.string().optional(), phone: z.string().optional() }).nullable().optional(),
  placeKind: Nullable(z.string()),
  location: IncidentLocation,
  lead: AgencyRef.nullable(),
  support: z.array(AgencyRef),
  inform: z.array(AgencyRef),
  reasons: z.array(Reason),
  timeLimitS: z.number(),
  duplicateOf: Nullable(z.string()),
  mergedInto: Nullable(z.string()),
  outcomeCode: Nullable(z.string()),
  summary: Nullable(z.string()),
  receivedAt: z.string(),
  times: z.record(z.string(), z.string().nullable()).optional(),
  allowedActions: z.array(z.string()),
  likelyDuplicates: z.array(DuplicateRef).default([]),
});
export type Incident = z.infer<typeof Incident>;

export const TimelineEntry = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.object({ userId: z.string(), username: z.string(), agencyId: z.string() }),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  detail: z.unknown(),
  client: z.string().nullable().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const IncidentDetail = Incident.extend({
  timeline: z.array(TimelineEntry),
  intervals: z.record(z.string(), z.number().nullable()),
  breaches: z.array(z.unknown()).default([]),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const IncidentList = z.object({ incidents: z.array(Incident), nextCursor: z.string().nullable().optional() });

/** One message of the live channel (`/api/live`). */
export const LiveMessage = z.union([
  z.object({
    type: z.literal('event'),
    seq: z.number(),
    event: z.object({ id: z.unknown().optional(), type: z.string(), entity: z.string().optional(), entityId: z.string().optional(), payload: z.unknown().optional() }),
  }),
  z.object({ type: z.literal('ready'), seq: z.number() }),
  z.object({ type: z.literal('reset'), reason: z.string().optional() }),
]);
export type LiveMessage = z.infer<typeof LiveMessage>;

/** Close codes; labels live in the catalogue as `outcome.<code>` (server: lifecycle.ts OUTCOME_CODES). */
export const OUTCOME_CODES = [
  'resolved_on_scene',
  'suspect_detained',
  'case_filed',
  'administrative_penalty',
  'handed_to_other_agency',
  'medical_handover',
  'line_cleared',
  'false_alarm',
  'nothing_found',
  'malicious_report',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];
