import { z } from 'zod';
import { Id, LonLat, ImportProblem } from './common.js';
import { MileageError, parseMileage } from './mileage.js';

/** A mileage string such as `K123+456`; the error says what is wrong with it (parseMileage's reason). */
export const MileageText = z
  .string()
  .max(32)
  .superRefine((s, ctx) => {
    try {
      parseMileage(s);
    } catch (e) {
      // the server shows `params.zh` to a Chinese reader (platform/http/field-wording.ts)
      const zh = e instanceof MileageError ? e.zh : (e as Error).message;
      ctx.addIssue({ code: 'custom', message: `bad mileage "${s}": ${(e as Error).message}`, params: { zh: `里程「${s}」有误：${zh}` } });
    }
  });

export const SITE_TYPES = ['bridge', 'tunnel', 'level_crossing', 'culvert', 'access_gate', 'substation'] as const;
export const SiteType = z.enum(SITE_TYPES);
export type SiteType = z.infer<typeof SiteType>;

/** Land-use class of a stretch of line, which sets the protection-zone width (条例 art. 27). */
export const AREA_CLASSES = ['urban', 'suburban', 'village', 'other'] as const;
export const AreaClass = z.enum(AREA_CLASSES);
export type AreaClass = z.infer<typeof AreaClass>;

export const KmPost = z.object({
  mileage: MileageText,
  /** present at a chain break (断链): the mileage continues from this value ahead of the post */
  ahead: MileageText.optional(),
  coordinates: LonLat,
});
export type KmPost = z.infer<typeof KmPost>;

export const AreaClassStretch = z.object({ from: MileageText, to: MileageText, areaClass: AreaClass });

export const LineProperties = z.object({
  kind: z.literal('line'),
  id: Id,
  name: z.string().min(1).max(100),
  highSpeed: z.boolean(),
  kmPosts: z.array(KmPost).min(2),
  /** distance from the centre line to the outer edge of the formation / fence, metres (default 12) */
  formationHalfWidthM: z.number().positive().max(200).optional(),
  /** area class by stretch; stretches not listed are "other" */
  areaClasses: z.array(AreaClassStretch).optional(),
});
export type LineProperties = z.infer<typeof LineProperties>;

export const StationProperties = z.object({
  kind: z.literal('station'),
  id: Id,
  name: z.string().min(1).max(100),
  telecode: z.string().max(8).optional(),
  lines: z.array(z.object({ lineId: Id, mileage: MileageText.optional() })).min(1),
  /** how far along the line the station precinct reaches from its point, metres (default 600) */
  precinctM: z.number().positive().max(5000).optional(),
});
export type StationProperties = z.infer<typeof StationProperties>;

export const SiteProperties = z.object({
  kind: z.literal('site'),
  id: Id,
  name: z.string().min(1).max(100),
  siteType: SiteType,
  lineId: Id,
});
export type SiteProperties = z.infer<typeof SiteProperties>;

/** A named place beside the railway that callers name: a town (乡镇) or a village (村). */
export const PLACE_TYPES = ['town', 'village', 'school', 'market'] as const;
export const PlaceType = z.enum(PLACE_TYPES);
export type PlaceType = z.infer<typeof PlaceType>;

export const PlaceProperties = z.object({
  kind: z.literal('place'),
  id: Id,
  name: z.string().min(1).max(100),
  placeType: PlaceType,
  /** other names people use for it: a former name, the local name, a short form */
  aliases: z.array(z.string().min(1).max(100)).max(10).optional(),
  /** the line the place is known beside; when absent, the nearest line within 5 km */
  lineId: Id.optional(),
});
export type PlaceProperties = z.infer<typeof PlaceProperties>;

const Position = LonLat;
export const LineStringGeometry = z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2) });
export const MultiLineStringGeometry = z.object({
  type: z.literal('MultiLineString'),
  coordinates: z.array(z.array(Position).min(2)).min(1),
});
export const PointGeometry = z.object({ type: z.literal('Point'), coordinates: Position });

export const LineFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.union([LineStringGeometry, MultiLineStringGeometry]),
  properties: LineProperties,
});
export type LineFeature = z.infer<typeof LineFeature>;
export const StationFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: PointGeometry,
  properties: StationProperties,
});
export type StationFeature = z.infer<typeof StationFeature>;
export const SiteFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.union([PointGeometry, LineStringGeometry]),
  properties: SiteProperties,
});
export type SiteFeature = z.infer<typeof SiteFeature>;
export const PlaceFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: PointGeometry,
  properties: PlaceProperties,
});
export type PlaceFeature = z.infer<typeof PlaceFeature>;

/**
 * The envelope only: features are checked one by one by the network validator so that every
 * problem is reported with its feature id instead of stopping at the first.
 */
export const NetworkGeoJSON = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.unknown()).max(200_000),
});
export type NetworkGeoJSON = { type: 'FeatureCollection'; features: Array<LineFeature | StationFeature | SiteFeature | PlaceFeature> };

export const ChainInfo = z.object({
  kind: z.enum(['long', 'short']),
  /** mileage behind and ahead of the chain-break post */
  behind: z.string(),
  ahead: z.string(),
  lengthM: z.number(),
  /** for a long chain: which occurrence of a repeated mileage this is (1 = behind the post, 2 = ahead) */
  occurrence: z.union([z.literal(1), z.literal(2)]).optional(),
  note: z.string(),
});
export type ChainInfo = z.infer<typeof ChainInfo>;

export const LocateResult = z.object({
  lineId: z.string(),
  lineName: z.string(),
  mileage: z.string(),
  prefix: z.string(),
  metres: z.number(),
  offsetM: z.number(),
  side: z.enum(['left', 'right']),
  sectionId: z.string().nullable(),
  sectionName: z.string().nullable(),
  /** the nearest point on the line */
  onLine: LonLat,
  /** distance along the line geometry from its start, metres (internal measure) */
  measureM: z.number(),
  highSpeed: z.boolean(),
  /** set when the mileage lies in a repeated (long chain) stretch or right at a chain break */
  chain: ChainInfo.optional(),
  /** set when the point lies beyond the first or last km post and the mileage is extrapolated */
  extrapolated: z.boolean().optional(),
});
export type LocateResult = z.infer<typeof LocateResult>;

export const LocateRequest = z.object({
  points: z.array(LonLat).min(1).max(10_000),
  maxOffsetM: z.number().positive().max(5000).optional(),
});
export const LocateResponse = z.object({ results: z.array(LocateResult.nullable()) });

export const PositionQuery = z.object({ lineId: Id, mileage: MileageText });
export const PositionCandidate = z.object({
  coordinates: LonLat,
  measureM: z.number(),
  sectionId: z.string().nullable(),
  chain: ChainInfo.optional(),
  /** set when the mileage lies beyond the first or last km post and the position is extrapolated */
  extrapolated: z.boolean().optional(),
});
export const PositionResponse = z.object({
  lineId: z.string(),
  lineName: z.string(),
  mileage: z.string(),
  /** more than one where a long chain makes the mileage occur twice */
  candidates: z.array(PositionCandidate).min(1),
});
export type PositionResponse = z.infer<typeof PositionResponse>;

export const NetworkCheckReport = z.object({
  ok: z.boolean(),
  errors: z.array(ImportProblem),
  warnings: z.array(ImportProblem),
  counts: z.object({ lines: z.number(), stations: z.number(), sites: z.number(), places: z.number(), kmPosts: z.number(), chainBreaks: z.number(), lengthKm: z.number() }),
});
export type NetworkCheckReport = z.infer<typeof NetworkCheckReport>;

export const SectionSummary = z.object({
  id: z.string(),
  lineId: z.string(),
  name: z.string(),
  fromStationId: z.string(),
  toStationId: z.string(),
  fromMileage: z.string(),
  toMileage: z.string(),
});
export type SectionSummary = z.infer<typeof SectionSummary>;
