import { z } from 'zod';
import { Id, LonLat } from './common.js';
import { MileageText } from './network.js';
import { AgencyRef, PlaceKind, Priority, ProtectionZoneVerdict, Reason } from './organisation.js';

export const INCIDENT_STATUSES = [
  'received',
  'dispatched',
  'en_route',
  'on_scene',
  'cleared',
  'closed',
  'transferred',
  'merged',
  'cancelled',
] as const;
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** How the report reached us; 110_transfer is a hand-over from the local police's 110 centre. */
export const CHANNELS = ['hotline', '110_transfer', 'station_staff', 'train_crew', 'public', 'patrol', 'device'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

const PointLocation = z.object({ lon: z.number().gte(-180).lte(180), lat: z.number().gte(-90).lte(90) }).strict();
const MileageLocation = z.object({ lineId: Id, mileage: MileageText }).strict();
const StationLocation = z.object({ stationId: Id }).strict();
const TrainLocation = z
  .object({
    train: z.string().trim().min(1).max(32),
    car: z.number().int().min(1).max(40).optional(),
    /** when the reporter says the train was where it was; defaults to occurredAt */
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
/** Exactly one way of saying where: strict objects so a mixed body is refused, not half-read. */
export const IncidentLocationInput = z.union([PointLocation, MileageLocation, StationLocation, TrainLocation]);
export type IncidentLocationInput = z.infer<typeof IncidentLocationInput>;

export const CreateIncidentRequest = z.object({
  category: Id,
  channel: Channel,
  location: IncidentLocationInput,
  description: z.string().trim().min(1).max(4000),
  reporter: z.object({ name: z.string().max(50).optional(), phone: z.string().max(32).optional() }).optional(),
  /** the call-taker's own priority; when it differs from the computed one a reason is required server-side */
  priority: Priority.optional(),
  /** why the call-taker's priority differs from the computed one */
  priorityReason: z.string().trim().max(500).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  /** the other system's number, e.g. the 110 incident number of a transfer */
  externalRef: z.string().max(100).optional(),
  injuries: z.boolean().optional(),
  /** casualties the caller reports: they count for the priority and set the response level at once */
  injured: z.number().int().min(0).max(10_000).optional(),
  dead: z.number().int().min(0).max(10_000).optional(),
  crowd: z.boolean().optional(),
});
export type CreateIncidentRequest = z.infer<typeof CreateIncidentRequest>;

export const UNIT_KINDS = ['patrol_car', 'foot_team', 'train_police_team', 'station_post', 'local_police_car', 'volunteer_team'] as const;
export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;

export const UNIT_STATUSES = ['available', 'dispatched', 'en_route', 'on_scene', 'busy', 'off_duty'] as const;
export const UnitStatus = z.enum(UNIT_STATUSES);
export type UnitStatus = z.infer<typeof UnitStatus>;

export const Unit = z.object({
  id: Id,
  agencyId: Id,
  name: z.string().min(1).max(100),
  kind: UnitKind,
  status: UnitStatus,
  /** last known position; null when unknown (such a unit is never recommended) */
  position: LonLat.nullable(),
  /** the train a train police team rides, if any */
  train: z.string().max(32).nullable().optional(),
  /** set when the unit is inside the railway (on the line or in a station), so it needs no access point */
  onRailway: z.boolean().optional(),
  positionAt: z.iso.datetime({ offset: true }).nullable().optional(),
  /** e.g. first_aid, dog, drone, interpreter */
  capabilities: z.array(z.string().max(40)).max(20).optional(),
  crew: z.number().int().min(0).max(100).optional(),
});
export type Unit = z.infer<typeof Unit>;

export const CreateUnitRequest = z.object({
  id: Id,
  agencyId: Id,
  name: z.string().trim().min(1).max(100),
  kind: UnitKind,
  capabilities: z.array(z.string().max(40)).max(20).default([]),
  crew: z.number().int().min(0).max(100).default(2),
  position: LonLat.optional(),
  train: z.string().max(32).optional(),
});

export const UnitPositionRequest = z.object({
  lon: z.number().gte(-180).lte(180),
  lat: z.number().gte(-90).lte(90),
  at: z.iso.datetime({ offset: true }).optional(),
  source: z.enum(['mobile', 'avl', 'manual']).default('mobile'),
});

export const UnitStatusRequest = z.object({ status: UnitStatus, train: z.string().max(32).nullable().optional() });

export const DispatchRequest = z.object({
  /** units to send; none: the incident is marked dispatched without units (e.g. by telephone) */
  units: z.array(Id).max(20).default([]),
  note: z.string().trim().max(1000).optional(),
});

export const ROUTE_KINDS = ['direct', 'via_access_gate', 'via_station', 'by_train'] as const;
export const RouteKind = z.enum(ROUTE_KINDS);
export type RouteKind = z.infer<typeof RouteKind>;

export const Recommendation = z.object({
  unitId: z.string(),
  agencyId: z.string(),
  etaS: z.number(),
  /** distance covered by road and on foot, metres (a train ride is not counted) */
  distanceM: z.number(),
  route: RouteKind,
  /** one sentence a dispatcher can read out */
  reason: z.string(),
  /** the speeds, detour factor and access point the ETA rests on, so it can be questioned */
  assumptions: z.array(z.string()),
});
export type Recommendation = z.infer<typeof Recommendation>;

/**
 * Recommendations for a call still being taken (`POST /api/recommendations`): the place and the
 * category are enough to know who would lead and which units could be there first, so the form can
 * offer a unit before the incident exists and register and dispatch in one step.
 */
export const PlaceRecommendationRequest = z.object({
  category: Id,
  location: IncidentLocationInput,
  limit: z.number().int().min(1).max(50).default(5),
});
export type PlaceRecommendationRequest = z.infer<typeof PlaceRecommendationRequest>;
export const PlaceRecommendations = z.object({
  recommendations: z.array(Recommendation),
  assumptions: z.unknown(),
  /** the category's time limit at this place (responsibility matrix), seconds: the ETA is judged against it */
  timeLimitS: z.number(),
  lead: AgencyRef.nullable(),
});
export type PlaceRecommendations = z.infer<typeof PlaceRecommendations>;

export const INCIDENT_ACTIONS = [
  'dispatch',
  'depart',
  'arrive',
  'clear',
  'close',
  'transfer',
  'accept_transfer',
  'decline_transfer',
  'transfer_timeout',
  'merge',
  'cancel',
  'withdraw_all',
] as const;
export const IncidentAction = z.enum(INCIDENT_ACTIONS);
export type IncidentAction = z.infer<typeof IncidentAction>;

/** One entry of an incident's timeline: who, from which agency, what, when, from which client. */
export const TimelineEntry = z.object({
  id: z.number(),
  at: z.string(),
  /** `name`: the person's display name, as the console shows them (the sign-in name is for the record) */
  actor: z.object({ userId: z.string(), username: z.string(), agencyId: z.string(), name: z.string() }),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  detail: z.unknown(),
  client: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const LikelyDuplicate = z.object({
  id: z.string(),
  code: z.string().optional(),
  status: z.string().optional(),
  score: z.number().optional(),
  distanceM: z.number().optional(),
  by: z.enum(['point', 'mileage']).optional(),
  timeApartS: z.number().optional(),
});

export const LikelyDuplicatePage = z.object({ duplicates: z.array(LikelyDuplicate), total: z.number() });

export const Incident = z.object({
  id: z.string(),
  code: z.string(),
  status: IncidentStatus,
  priority: Priority,
  /** why: the rules that set it (category base, high-speed line, approaching train…), then any dispatcher's change */
  priorityReasons: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  category: z.string(),
  categoryName: z.string(),
  channel: z.string(),
  description: z.string(),
  reporter: z.object({ name: z.string().optional(), phone: z.string().optional() }).nullable(),
  externalRef: z.string().nullable(),
  placeKind: PlaceKind,
  location: z.object({
    coordinates: LonLat,
    lineId: z.string().nullable(),
    lineName: z.string().nullable(),
    mileage: z.string().nullable(),
    sectionId: z.string().nullable(),
    sectionName: z.string().nullable(),
    stationId: z.string().nullable(),
    stationName: z.string().nullable(),
    train: z.string().nullable(),
  }),
  protectionZone: ProtectionZoneVerdict.nullable(),
  lead: AgencyRef.nullable(),
  support: z.array(AgencyRef),
  inform: z.array(AgencyRef),
  reasons: z.array(Reason),
  timeLimitS: z.number(),
  duplicateOf: z.string().nullable(),
  mergedInto: z.string().nullable(),
  outcomeCode: z.string().nullable(),
  summary: z.string().nullable(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  times: z.object({
    dispatchedAt: z.string().nullable(),
    enRouteAt: z.string().nullable(),
    onSceneAt: z.string().nullable(),
    clearedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
  }),
  allowedActions: z.array(z.string()),
  /** at most the best ten (a busy place can have hundreds: GET /api/incidents/:id/duplicates pages them) */
  likelyDuplicates: z.array(LikelyDuplicate),
  /** on a new report's answer: how many likely duplicates the reporter may see in all */
  likelyDuplicateCount: z.number().optional(),
  version: z.number(),
  updatedAt: z.string(),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentDetail = Incident.extend({
  timeline: z.array(TimelineEntry),
  /** how many entries the whole timeline has for this reader (a read with `timelineAfter` gives only the newer ones) */
  timelineCount: z.number().int(),
  /** set when `timeline` holds only the entries after this one: the reader adds them to those it has */
  timelineAfter: z.number().int().nullable(),
  intervals: z.object({
    receivedToDispatchedS: z.number().nullable(),
    dispatchedToEnRouteS: z.number().nullable(),
    enRouteToOnSceneS: z.number().nullable(),
    onSceneToClearedS: z.number().nullable(),
    totalS: z.number().nullable(),
  }),
  breaches: z.array(z.object({ limit: z.string(), limitS: z.number(), elapsedS: z.number(), overByS: z.number(), ongoing: z.boolean() })),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const IncidentList = z.object({ incidents: z.array(Incident), nextCursor: z.string().nullable() });

/** A message of the live channel (`/api/live`). */
export const LiveMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), seq: z.number(), event: z.object({ id: z.string(), type: z.string(), at: z.string(), entity: z.string(), entityId: z.string(), payload: z.unknown() }) }),
  // `now` is the platform clock, so consoles keep their offset from the server fresh
  z.object({ type: z.literal('ready'), seq: z.number(), now: z.string() }),
  z.object({ type: z.literal('clock'), now: z.string() }),
  z.object({ type: z.literal('reset'), reason: z.string() }),
]);
export type LiveMessage = z.infer<typeof LiveMessage>;
