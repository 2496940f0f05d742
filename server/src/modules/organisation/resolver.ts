import {
  formatMileage,
  tryParseMileage,
  type AgencyRef,
  type AgencyType,
  type Category,
  type LocateResult,
  type LonLat,
  type PlaceKind,
  type Reason,
  type ResolveResult,
  type ResponsibilityRule,
} from '@railjoint/contracts';
import type { NetworkView, StationView } from './network-view.js';
import type { OrgIndex } from './org-index.js';
import { decidePlaceKind, STATION_MAX_OFFSET_M } from './place-kind.js';
import { DEFAULT_FORMATION_HALF_WIDTH_M, protectionZoneVerdict } from './protection-zone.js';
import { reason, type Lang, type ReasonParams } from './reasons-i18n.js';
import { defaultRule } from './responsibility-defaults.js';
import { isPlatformAgency } from './platform.js';
import { stationDisplayName } from '@railjoint/contracts';
import { said, saidOf, type Said } from '../../platform/http/errors.js';

/** How far from a line a point still gets a mileage; beyond it the line plays no part. */
export const LINE_REACH_M = 1000;
/** Largest precinct the network allows (StationProperties.precinctM max). */
const MAX_PRECINCT_M = 5000;

export type ResolveErrorCode = 'unknown_line' | 'unknown_station' | 'unknown_category' | 'bad_location';

/** A caller mistake the route answers with 4xx (404 for unknown_*, 400 for bad_location). */
export class ResolveError extends Error {
  constructor(
    readonly code: ResolveErrorCode,
    readonly said: Said,
  ) {
    super(said.en);
    this.name = 'ResolveError';
  }
}

export interface ResolveInput {
  lon?: number;
  lat?: number;
  lineId?: string;
  mileage?: string;
  stationId?: string;
  trainNo?: string;
  categoryId?: string;
  lang?: Lang;
}

export interface ResolveContext {
  network: NetworkView;
  org: OrgIndex;
  categories: Category[];
  rules: ResponsibilityRule[];
}

interface Located {
  coordinates: LonLat;
  line: LocateResult | null;
  station: StationView | null;
}

/** The station whose precinct takes in this place on the line, if any. */
function precinctAt(network: NetworkView, lineId: string, measureM: number) {
  return network.stationsNear(lineId, measureM, MAX_PRECINCT_M).find((s) => s.alongM <= s.precinctM) ?? null;
}

/**
 * The kind of place the track itself is at a measure: what resolving a point on the line's centre
 * gives, without locating the point again (device alarms ask it for every change of a group).
 */
export function placeKindOnLine(network: NetworkView, lineId: string, measureM: number): PlaceKind {
  const lineView = network.lineInfo(lineId);
  if (!lineView) throw new ResolveError('unknown_line', said(`未知线路 ${lineId}`, `unknown line ${lineId}`));
  return decidePlaceKind({ nearestStation: precinctAt(network, lineId, measureM), offsetM: 0, formationHalfWidthM: lineView.formationHalfWidthM, zone: null });
}

export function resolveLocation(input: ResolveInput, ctx: ResolveContext): ResolveResult {
  const lang: Lang = input.lang ?? 'zh-CN';
  const category = input.categoryId !== undefined ? findCategory(ctx.categories, input.categoryId) : null;
  const { network, org } = ctx;
  const loc = locateInput(input, network);
  const lineView = loc.line ? network.lineInfo(loc.line.lineId) : null;
  const halfWidthM = lineView?.formationHalfWidthM ?? DEFAULT_FORMATION_HALF_WIDTH_M;
  const zone =
    loc.line && lineView
      ? protectionZoneVerdict(loc.line.offsetM, lineView.highSpeed, lineView.areaClassAt(loc.line.prefix, loc.line.metres), halfWidthM)
      : null;

  const precinct = !loc.station && loc.line && Math.abs(loc.line.offsetM) <= STATION_MAX_OFFSET_M ? precinctAt(network, loc.line.lineId, loc.line.measureM) : null;
  const placeKind = decidePlaceKind({
    onTrain: input.trainNo !== undefined,
    stationGiven: loc.station !== null,
    nearestStation: precinct,
    offsetM: loc.line?.offsetM ?? null,
    formationHalfWidthM: halfWidthM,
    zone,
  });
  const stationId = loc.station?.id ?? precinct?.stationId ?? null;
  const bareStation = loc.station?.name ?? precinct?.name ?? null;
  const stationName = bareStation === null ? null : stationDisplayName(bareStation);

  const lineHits = loc.line ? org.byLineMileage(loc.line.lineId, loc.line.prefix, loc.line.metres) : [];
  const trainRefs = input.trainNo !== undefined ? org.byTrain(input.trainNo) : [];
  const stationRefs = stationId ? org.byStation(stationId) : [];
  const areaRefs = org.byPoint(loc.coordinates);
  // line ranges own railway ground and the zone; beyond it they only name who supports
  const lineRefs = lineHits.map((h) => h.ref);
  const jurisdiction = uniq([...trainRefs, ...stationRefs, ...(placeKind === 'outside' ? [] : lineRefs), ...areaRefs]);

  const result: ResolveResult = {
    location: { coordinates: loc.coordinates, line: loc.line, stationId, stationName },
    placeKind,
    protectionZone: zone,
    jurisdiction,
  };
  if (!category) return result;

  const hitReasons = new Map<string, Reason>();
  const mileage = loc.line?.mileage ?? '';
  for (const h of lineHits) hitReasons.set(h.ref.agencyId, reason('line_range', { mileage, agency: h.ref.name, from: h.from, to: h.to }, lang));
  for (const r of stationRefs) hitReasons.set(r.agencyId, reason('station_agency', { station: stationName ?? '', agency: r.name }, lang));
  for (const r of areaRefs) hitReasons.set(r.agencyId, reason('area', { agency: r.name }, lang));
  for (const r of trainRefs) hitReasons.set(r.agencyId, reason('train', { train: input.trainNo ?? '', agency: r.name }, lang));

  const reasons: Reason[] = [];
  if (loc.line) {
    const offsetM = round1(Math.abs(loc.line.offsetM));
    reasons.push(reason('located_line', { line: loc.line.lineName, mileage, offsetM }, lang));
    if (zone && zone.distanceFromEdgeM <= 0) reasons.push(reason('line_enclosure', { offsetM, halfWidthM }, lang));
    else if (zone) {
      const p: ReasonParams = { offsetM, areaClass: zone.areaClass, highSpeed: zone.highSpeed ? 1 : 0, widthM: zone.widthM };
      reasons.push(reason(zone.inside ? 'zone_inside' : 'zone_outside', p, lang));
    }
  } else reasons.push(reason('no_line', { reachM: LINE_REACH_M }, lang));
  if (precinct && placeKind === 'station') {
    reasons.push(reason('station_precinct', { station: stationDisplayName(precinct.name), alongM: round1(precinct.alongM), precinctM: precinct.precinctM }, lang));
  }

  const configured = ruleFor(ctx.rules, category.id, placeKind);
  const rule = configured ?? defaultRule(category, placeKind);
  const categoryName = lang === 'en' ? category.nameEn : category.nameZh;
  // both names kept, so the reason reads in either language whoever worded it first
  const ruleParams = { category: categoryName, categoryZh: category.nameZh, categoryEn: category.nameEn, place: placeKind, type: rule.lead, timeLimitS: rule.timeLimitS };
  reasons.push(reason(configured ? 'rule' : 'rule_default', ruleParams, lang));

  const candidates = uniq([...trainRefs, ...stationRefs, ...lineRefs, ...areaRefs]);
  const assigner = new Assigner(org, candidates, hitReasons, loc.line, lang);
  const leadRefs = assigner.assign(rule.lead);
  const lead = leadRefs[0] ?? null;
  const taken = new Set(lead ? [lead.agencyId] : []);
  const take = (refs: AgencyRef[]) => refs.filter((r) => !taken.has(r.agencyId) && taken.add(r.agencyId));
  // a second agency of the lead type holding the spot (e.g. two townships on a boundary) supports
  const support = take([...leadRefs.slice(1), ...rule.support.flatMap((t) => assigner.assign(t))]);
  const inform = take(rule.inform.flatMap((t) => assigner.assign(t)));
  for (const r of assigner.reasons) if (!reasons.some((x) => x.text === r.text)) reasons.push(r);

  result.responsibility = { categoryId: category.id, categoryName, lead, support, inform, timeLimitS: rule.timeLimitS, reasons };
  return result;
}

type Family = 'railway_police' | 'local' | 'operator' | 'centre';
const FAMILY: Record<AgencyType, Family> = {
  railway_police_bureau: 'railway_police',
  railway_police_department: 'railway_police',
  railway_police_station: 'railway_police',
  train_police_team: 'railway_police',
  county_police_bureau: 'local',
  township: 'local',
  volunteer_team: 'local',
  railway_station: 'operator',
  track_maintenance_section: 'operator',
  power_supply_section: 'operator',
  security_company: 'operator',
  coordination_centre: 'centre',
};
const LINE_RANGE_TYPES = new Set<AgencyType>(['railway_police_station', 'track_maintenance_section', 'power_supply_section', 'security_company', 'volunteer_team']);

/** Turns agency types of a rule into the agencies that hold the location, with a reason for each. */
class Assigner {
  readonly reasons: Reason[] = [];
  private readonly cache = new Map<AgencyType, AgencyRef[]>();

  constructor(
    private readonly org: OrgIndex,
    private readonly candidates: AgencyRef[],
    private readonly hitReasons: Map<string, Reason>,
    private readonly line: LocateResult | null,
    private readonly lang: Lang,
  ) {}

  assign(type: AgencyType): AgencyRef[] {
    const cached = this.cache.get(type);
    if (cached) return cached;
    const refs = this.find(type);
    this.cache.set(type, refs);
    return refs;
  }

  private find(type: AgencyType): AgencyRef[] {
    const exact = this.candidates.filter((c) => c.type === type);
    if (exact.length > 0) {
      for (const c of exact) this.note(this.hitReasons.get(c.agencyId));
      return exact;
    }
    // bureaux and departments hold no ground of their own: they are found above the units that do
    for (const c of this.candidates) {
      const up = this.org.ancestors(c.agencyId).find((a) => a.type === type);
      if (up) return this.parentRef(up.id, 'hierarchy', { type, agency: up.name, child: c.name });
    }
    if (this.line && LINE_RANGE_TYPES.has(type)) {
      const near = this.org.nearestLineRange(this.line.lineId, this.line.prefix, this.line.metres, type);
      const parent = near ? this.org.ancestors(near.ref.agencyId)[0] : undefined;
      if (near && parent) {
        const p = { type, agency: parent.name, child: near.ref.name, mileage: this.line.mileage, from: near.from, to: near.to, distanceM: Math.round(near.distanceM) };
        return this.parentRef(parent.id, 'fallback_nearest', p);
      }
    }
    for (const c of this.candidates) {
      const up = this.org.ancestors(c.agencyId).find((a) => FAMILY[a.type] === FAMILY[type]);
      if (up) return this.parentRef(up.id, 'fallback_parent', { type, agency: up.name, child: c.name });
    }
    // the platform's administration carries the centre's type but is no agency of the department
    const centre = this.org.ofType('coordination_centre').find((a) => !isPlatformAgency(a.id));
    if (centre) {
      const ref = this.org.ref(centre.id, 'centre');
      if (type !== 'coordination_centre') this.note(reason('fallback_centre', { type, agency: centre.name }, this.lang));
      return ref ? [ref] : [];
    }
    this.note(reason('no_agency', { type }, this.lang));
    return [];
  }

  private parentRef(id: string, code: string, params: ReasonParams): AgencyRef[] {
    const ref = this.org.ref(id, 'parent');
    if (!ref) return [];
    this.note(reason(code, params, this.lang));
    return [ref];
  }

  private note(r: Reason | undefined): void {
    if (r) this.reasons.push(r);
  }
}

function locateInput(input: ResolveInput, network: NetworkView): Located {
  if (input.stationId !== undefined) {
    const station = network.stationInfo(input.stationId);
    if (!station) throw new ResolveError('unknown_station', said(`车站「${input.stationId}」不存在`, `unknown station "${input.stationId}"`));
    const first = station.lines[0];
    const line = first ? network.locateOnLine(first.lineId, station.coordinates, LINE_REACH_M) : null;
    return { coordinates: station.coordinates, line, station };
  }
  if (input.lineId !== undefined && input.mileage !== undefined) {
    if (!network.lineInfo(input.lineId)) throw new ResolveError('unknown_line', said(`线路「${input.lineId}」不存在`, `unknown line "${input.lineId}"`));
    const m = tryParseMileage(input.mileage);
    if (!m) throw new ResolveError('bad_location', said(`「${input.mileage}」不是 K123+456 这样的里程`, `"${input.mileage}" is not a mileage like K123+456`));
    let coordinates: LonLat;
    try {
      coordinates = network.positionOf(input.lineId, input.mileage);
    } catch (e) {
      throw new ResolveError('bad_location', e instanceof Error ? saidOf(e) : said(`里程 ${input.mileage} 不在线路 ${input.lineId} 上`, `mileage ${input.mileage} is not on line ${input.lineId}`));
    }
    const located = network.locateOnLine(input.lineId, coordinates, LINE_REACH_M);
    if (!located) throw new ResolveError('bad_location', said(`无法在线路 ${input.lineId} 上定位里程 ${input.mileage}`, `mileage ${input.mileage} could not be placed on line ${input.lineId}`));
    // keep the mileage the caller gave: the round trip through coordinates may drift by a millimetre
    const mileage = formatMileage(m.metres, m.prefix, Number.isInteger(m.metres) ? 0 : 3);
    return { coordinates, line: { ...located, mileage, prefix: m.prefix, metres: m.metres, offsetM: 0 }, station: null };
  }
  if (input.lon !== undefined && input.lat !== undefined) {
    const { lon, lat } = input;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      throw new ResolveError('bad_location', said('经纬度超出范围', 'lon/lat out of range'));
    }
    const point: LonLat = [lon, lat];
    if (input.lineId !== undefined) {
      if (!network.lineInfo(input.lineId)) throw new ResolveError('unknown_line', said(`线路「${input.lineId}」不存在`, `unknown line "${input.lineId}"`));
      return { coordinates: point, line: network.locateOnLine(input.lineId, point, LINE_REACH_M), station: null };
    }
    return { coordinates: point, line: network.locate(point, LINE_REACH_M), station: null };
  }
  throw new ResolveError('bad_location', said('请给出经纬度、线路和里程，或车站', 'give lon and lat, lineId and mileage, or stationId'));
}

const categoryMaps = new WeakMap<Category[], Map<string, Category>>();
const ruleMaps = new WeakMap<ResponsibilityRule[], Map<string, ResponsibilityRule>>();

function findCategory(categories: Category[], id: string): Category {
  let m = categoryMaps.get(categories);
  if (!m) categoryMaps.set(categories, (m = new Map(categories.map((c) => [c.id, c]))));
  const c = m.get(id);
  if (!c) throw new ResolveError('unknown_category', said(`警情类别「${id}」不存在`, `unknown category "${id}"`));
  return c;
}

function ruleFor(rules: ResponsibilityRule[], categoryId: string, place: PlaceKind): ResponsibilityRule | undefined {
  let m = ruleMaps.get(rules);
  if (!m) ruleMaps.set(rules, (m = new Map(rules.map((r) => [`${r.categoryId}\u0000${r.placeKind}`, r]))));
  return m.get(`${categoryId}\u0000${place}`);
}

function uniq(refs: AgencyRef[]): AgencyRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(r.agencyId) && (seen.add(r.agencyId), true));
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

