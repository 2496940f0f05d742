import { z } from 'zod';
import { Id, LonLat } from './common.js';
import { ChainInfo, PlaceType, SiteType } from './network.js';

/**
 * Search for the places callers name (GET /api/places/search): stations, police stations, key
 * sites (level crossings, bridges, tunnels, culverts, access gates), towns and villages, lines, by
 * Chinese name, pinyin or initials, and loose mileage text ("湘桂 500", "K500+200 湘桂线",
 * "湘桂线500公里"). The call form and the map's search box ask the same route, so they give the
 * same answers.
 */
export const PlaceSearchQuery = z.object({
  q: z.string().trim().min(1).max(100),
  /** the line a bare mileage ("K123+456") is on when the text names none */
  lineId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(12),
});
export type PlaceSearchQuery = z.infer<typeof PlaceSearchQuery>;

/** How the text matched: the console says "拼音" or "首字母" beside a hit found that way. */
export const PlaceMatch = z.enum(['name', 'alias', 'pinyin', 'initials', 'telecode', 'mileage']);
export type PlaceMatch = z.infer<typeof PlaceMatch>;

/** The nearest point of the line a place lies beside: where a unit is sent and trains are asked about. */
export const PlaceOnLine = z.object({
  lineId: z.string(),
  lineName: z.string(),
  mileage: z.string(),
  /** from the place's own point to the line, metres (0 for a site on the track) */
  offsetM: z.number(),
  onLine: LonLat,
});
export type PlaceOnLine = z.infer<typeof PlaceOnLine>;

const HitBase = { key: z.string(), name: z.string(), matched: PlaceMatch };

export const PlaceHit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('station'), ...HitBase, id: z.string(), telecode: z.string().nullable(), lineNames: z.array(z.string()), coordinates: LonLat }),
  z.object({
    kind: z.literal('line'),
    ...HitBase,
    id: z.string(),
    highSpeed: z.boolean(),
    bounds: z.tuple([LonLat, LonLat]),
  }),
  z.object({ kind: z.literal('site'), ...HitBase, id: z.string(), siteType: SiteType, coordinates: LonLat, line: PlaceOnLine }),
  z.object({ kind: z.literal('place'), ...HitBase, id: z.string(), placeType: PlaceType, coordinates: LonLat, line: PlaceOnLine.nullable() }),
  /** a railway police station, found at the station it sits in (its first station jurisdiction) */
  z.object({ kind: z.literal('police_station'), ...HitBase, id: z.string(), stationId: z.string(), stationName: z.string(), coordinates: LonLat }),
  z.object({
    kind: z.literal('mileage'),
    ...HitBase,
    lineId: z.string(),
    lineName: z.string(),
    mileage: z.string(),
    coordinates: LonLat,
    chain: ChainInfo.optional(),
    extrapolated: z.boolean().optional(),
    /** which of `count` candidates: a long chain makes one mileage name two places */
    n: z.number(),
    count: z.number(),
  }),
]);
export type PlaceHit = z.infer<typeof PlaceHit>;

export const PlaceSearchResult = z.object({
  hits: z.array(PlaceHit),
  /**
   * Why a mileage could not be looked up yet: no line named or chosen (`need_line`), a mileage the
   * text only half gives (`bad_mileage`), a line name that matches no line (`unknown_line`, with
   * the text taken for the line).
   */
  hint: z.object({ code: z.enum(['need_line', 'bad_mileage', 'unknown_line']), lineText: z.string().optional() }).nullable(),
  /** a mileage a named line does not have (a short chain's gap, beyond its ends), by line */
  errors: z.array(z.object({ lineId: z.string(), lineName: z.string(), code: z.string(), message: z.string() })),
});
export type PlaceSearchResult = z.infer<typeof PlaceSearchResult>;
