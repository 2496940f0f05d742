import { z } from 'zod';
import { Id, LonLat } from './common.js';
import { MileageText, LocateResult, AreaClass } from './network.js';

export const AGENCY_TYPES = [
  'railway_police_bureau',
  'railway_police_department',
  'railway_police_station',
  'train_police_team',
  'county_police_bureau',
  'township',
  'railway_station',
  'track_maintenance_section',
  'power_supply_section',
  'security_company',
  'volunteer_team',
  'coordination_centre',
] as const;
export const AgencyType = z.enum(AGENCY_TYPES);
export type AgencyType = z.infer<typeof AgencyType>;

export const Agency = z.object({
  id: Id,
  name: z.string().min(1).max(100),
  type: AgencyType,
  parentId: Id.nullable().optional(),
  dutyPhone: z.string().max(32).optional(),
});
export type Agency = z.infer<typeof Agency>;

const PolygonGeometry = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(LonLat).min(4)).min(1),
});
const MultiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(z.array(LonLat).min(4)).min(1)).min(1),
});
export const AreaGeometry = z.union([PolygonGeometry, MultiPolygonGeometry]);
export type AreaGeometry = z.infer<typeof AreaGeometry>;

export const LineRangeJurisdiction = z.object({
  agencyId: Id,
  kind: z.literal('line-range'),
  lineId: Id,
  from: MileageText,
  to: MileageText,
});
export const StationJurisdiction = z.object({ agencyId: Id, kind: z.literal('station'), stationId: Id });
export const AreaJurisdiction = z.object({ agencyId: Id, kind: z.literal('area'), geometry: AreaGeometry });
export const TrainJurisdiction = z.object({
  agencyId: Id,
  kind: z.literal('train'),
  trains: z.array(z.string().min(1).max(16)).min(1),
});
export const Jurisdiction = z.discriminatedUnion('kind', [
  LineRangeJurisdiction,
  StationJurisdiction,
  AreaJurisdiction,
  TrainJurisdiction,
]);
export type Jurisdiction = z.infer<typeof Jurisdiction>;

/**
 * A joint-defence agreement (联防协议): the agencies named may send their units to each other's
 * incidents, so recommendations include the partners of every agency with a part in an incident.
 */
export const Agreement = z.object({
  id: Id,
  kind: z.literal('joint_defence'),
  agencyIds: z.array(Id).min(2).max(50),
  note: z.string().max(500).optional(),
});
export type Agreement = z.infer<typeof Agreement>;

/** Envelope only; agencies and jurisdictions are checked one by one so every problem is listed. */
export const OrganisationImport = z.object({
  agencies: z.array(z.unknown()).max(100_000),
  jurisdictions: z.array(z.unknown()).max(200_000).default([]),
  agreements: z.array(z.unknown()).max(20_000).default([]),
});
export type OrganisationDocument = { agencies: Agency[]; jurisdictions: Jurisdiction[]; agreements?: Agreement[] };

export const OrgProblem = z.object({
  ref: z.string().nullable(),
  path: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type OrgProblem = z.infer<typeof OrgProblem>;

/** Where an incident happens, as the responsibility matrix sees it. */
export const PLACE_KINDS = ['station', 'train', 'line_enclosure', 'protection_zone', 'outside'] as const;
export const PlaceKind = z.enum(PLACE_KINDS);
export type PlaceKind = z.infer<typeof PlaceKind>;

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const Priority = z.enum(PRIORITIES);

export const Category = z.object({
  id: Id,
  nameZh: z.string().min(1).max(50),
  nameEn: z.string().min(1).max(100),
  /** full pinyin without tones, space separated, for search (e.g. "qin xian") */
  pinyin: z.string().max(200),
  group: z.string().max(40),
  basePriority: Priority,
});
export type Category = z.infer<typeof Category>;

export const ResponsibilityRule = z.object({
  categoryId: Id,
  placeKind: PlaceKind,
  lead: AgencyType,
  support: z.array(AgencyType).max(12),
  inform: z.array(AgencyType).max(12),
  timeLimitS: z.number().int().positive().max(7 * 24 * 3600),
});
export type ResponsibilityRule = z.infer<typeof ResponsibilityRule>;

export const AgencyRef = z.object({
  agencyId: z.string(),
  name: z.string(),
  type: AgencyType,
  via: z.enum(['line-range', 'station', 'area', 'train', 'parent', 'centre']).optional(),
});
export type AgencyRef = z.infer<typeof AgencyRef>;

export const ProtectionZoneVerdict = z.object({
  inside: z.boolean(),
  /** zone width from the outer edge of the formation, metres, by area class and speed */
  widthM: z.number(),
  areaClass: AreaClass,
  highSpeed: z.boolean(),
  /** distance of the point from the formation edge (negative: inside the formation / enclosure) */
  distanceFromEdgeM: z.number(),
  basis: z.string(),
});
export type ProtectionZoneVerdict = z.infer<typeof ProtectionZoneVerdict>;

export const Reason = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])), text: z.string() });
export type Reason = z.infer<typeof Reason>;

export const ResolveQuery = z.object({
  lon: z.coerce.number().gte(-180).lte(180).optional(),
  lat: z.coerce.number().gte(-90).lte(90).optional(),
  lineId: Id.optional(),
  mileage: MileageText.optional(),
  stationId: Id.optional(),
  /** the incident is on this train (place kind "train"); the location says where the train is */
  trainNo: z.string().min(1).max(16).optional(),
  category: Id.optional(),
  lang: z.enum(['zh-CN', 'en']).optional(),
}).superRefine((q, ctx) => {
  const ways = [q.lon !== undefined || q.lat !== undefined, q.lineId !== undefined || q.mileage !== undefined, q.stationId !== undefined].filter(Boolean).length;
  if (ways !== 1) {
    ctx.addIssue({ code: 'custom', path: ['lon'], message: 'give exactly one location: lon+lat, lineId+mileage or stationId', params: { zh: '请只给出一种位置：经纬度、线路加里程或车站' } });
    return;
  }
  if ((q.lon === undefined) !== (q.lat === undefined)) ctx.addIssue({ code: 'custom', path: [q.lon === undefined ? 'lon' : 'lat'], message: 'lon and lat go together', params: { zh: '经度和纬度须同时填写' } });
  if ((q.lineId === undefined) !== (q.mileage === undefined)) ctx.addIssue({ code: 'custom', path: [q.lineId === undefined ? 'lineId' : 'mileage'], message: 'lineId and mileage go together', params: { zh: '线路和里程须同时填写' } });
});

export const ResolveResult = z.object({
  location: z.object({
    coordinates: LonLat,
    line: LocateResult.nullable(),
    stationId: z.string().nullable(),
    stationName: z.string().nullable(),
  }),
  placeKind: PlaceKind,
  protectionZone: ProtectionZoneVerdict.nullable(),
  jurisdiction: z.array(AgencyRef),
  responsibility: z
    .object({
      categoryId: z.string(),
      categoryName: z.string(),
      lead: AgencyRef.nullable(),
      support: z.array(AgencyRef),
      inform: z.array(AgencyRef),
      timeLimitS: z.number(),
      reasons: z.array(Reason),
    })
    .optional(),
});
export type ResolveResult = z.infer<typeof ResolveResult>;
