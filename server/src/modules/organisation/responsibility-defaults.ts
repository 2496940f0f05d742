import { PLACE_KINDS, type AgencyType, type Category, type PlaceKind, type ResponsibilityRule } from '@railjoint/contracts';
import { DEFAULT_CATEGORIES, type CategoryGroup } from './taxonomy.js';

type Duty = { lead: AgencyType; support: AgencyType[]; inform?: AgencyType[]; timeLimitS?: number };
type PlaceDuties = Record<PlaceKind, Duty>;

const RPS: AgencyType = 'railway_police_station';
const TPT: AgencyType = 'train_police_team';
const CPB: AgencyType = 'county_police_bureau';
const TWN: AgencyType = 'township';
const RS: AgencyType = 'railway_station';
const TMS: AgencyType = 'track_maintenance_section';
const PSS: AgencyType = 'power_supply_section';
const VOL: AgencyType = 'volunteer_team';
const CC: AgencyType = 'coordination_centre';

/** Time to accept and act, by priority; P4 items are hazards to rectify, not emergencies. */
export const TIME_LIMIT_BY_PRIORITY_S: Record<Category['basePriority'], number> = {
  P1: 5 * 60,
  P2: 15 * 60,
  P3: 60 * 60,
  P4: 24 * 3600,
};
/** Hazards found in the zone or outside are rectified under the dual-section-chief system: days, not minutes. */
const HAZARD_RECTIFY_S = 3 * 24 * 3600;

// Territorial management: railway police lead on railway ground, stations and trains; local police outside.
const TERRITORIAL: PlaceDuties = {
  station: { lead: RPS, support: [RS] },
  train: { lead: TPT, support: [RPS] },
  line_enclosure: { lead: RPS, support: [TMS] },
  protection_zone: { lead: RPS, support: [CPB, TWN] },
  outside: { lead: CPB, support: [RPS] },
};

const BY_GROUP: Record<CategoryGroup, Partial<PlaceDuties>> = {
  line_safety: { protection_zone: { lead: RPS, support: [TWN, VOL] }, outside: { lead: CPB, support: [TWN], inform: [RPS] } },
  attack_on_train: {
    line_enclosure: { lead: RPS, support: [CPB] },
    // stones come from beyond the fence: local territory, railway police support the case
    protection_zone: { lead: CPB, support: [RPS, TWN] },
    outside: { lead: CPB, support: [RPS, TWN] },
    train: { lead: TPT, support: [RPS, CPB] },
  },
  equipment: {
    line_enclosure: { lead: RPS, support: [TMS, PSS] },
    protection_zone: { lead: RPS, support: [CPB, TMS] },
    outside: { lead: CPB, support: [RPS] },
  },
  overhead_line: {
    station: { lead: PSS, support: [RPS, RS] },
    train: { lead: PSS, support: [TPT, RPS] },
    line_enclosure: { lead: PSS, support: [RPS] },
    protection_zone: { lead: PSS, support: [RPS, TWN] },
    outside: { lead: TWN, support: [RPS], inform: [PSS] },
  },
  zone_hazard: {
    station: { lead: RS, support: [RPS] },
    line_enclosure: { lead: TMS, support: [RPS] },
    protection_zone: { lead: TWN, support: [RPS, TMS] },
    outside: { lead: TWN, support: [CPB], inform: [TMS] },
  },
  public_order: { protection_zone: { lead: CPB, support: [RPS] }, outside: { lead: CPB, support: [TWN] } },
  persons: { protection_zone: { lead: RPS, support: [CPB] }, outside: { lead: CPB, support: [RPS] } },
  dangerous: {
    station: { lead: RPS, support: [RS], inform: [CPB] },
    line_enclosure: { lead: RPS, support: [TMS, CPB] },
    protection_zone: { lead: RPS, support: [CPB, TWN] },
    outside: { lead: CPB, support: [RPS] },
  },
  traffic: {
    station: { lead: RPS, support: [RS, CPB] },
    line_enclosure: { lead: RPS, support: [CPB, TMS] },
    protection_zone: { lead: CPB, support: [RPS, TMS] },
    outside: { lead: CPB, support: [TWN], inform: [RPS] },
  },
};

const BY_CATEGORY: Record<string, Partial<PlaceDuties>> = {
  // the kite is flown from the zone by a villager: the township acts, the power section checks the wire
  kite_balloon: { protection_zone: { lead: TWN, support: [RPS, PSS] }, line_enclosure: { lead: RPS, support: [PSS] } },
  light_material: { protection_zone: { lead: TWN, support: [PSS, RPS], timeLimitS: HAZARD_RECTIFY_S } },
  fence_damage: {
    line_enclosure: { lead: TMS, support: [RPS] },
    protection_zone: { lead: TMS, support: [RPS, TWN] },
    outside: { lead: TMS, support: [TWN] },
  },
  livestock_on_line: { protection_zone: { lead: TWN, support: [RPS, VOL] }, outside: { lead: TWN, support: [CPB] } },
  person_hit_by_train: {
    line_enclosure: { lead: RPS, support: [TMS], inform: [CPB, TWN] },
    protection_zone: { lead: RPS, support: [CPB], inform: [TWN] },
  },
  level_crossing_collision: {
    line_enclosure: { lead: RPS, support: [CPB, TMS] },
    protection_zone: { lead: RPS, support: [CPB, TMS] },
    outside: { lead: CPB, support: [RPS] },
  },
  fire_near_line: {
    line_enclosure: { lead: RPS, support: [TMS, PSS, CPB] },
    protection_zone: { lead: CPB, support: [TWN, RPS, PSS] },
    outside: { lead: CPB, support: [TWN], inform: [RPS] },
  },
  illegal_construction: { protection_zone: { lead: TWN, support: [RPS, TMS], timeLimitS: HAZARD_RECTIFY_S } },
  illegal_quarrying: { protection_zone: { lead: TWN, support: [RPS, TMS], timeLimitS: HAZARD_RECTIFY_S } },
  flood_landslide: {
    line_enclosure: { lead: TMS, support: [RPS] },
    protection_zone: { lead: TMS, support: [TWN, RPS] },
    outside: { lead: TWN, support: [TMS] },
  },
  ticket_scalping: { train: { lead: TPT, support: [] } },
  crowd_surge: { station: { lead: RPS, support: [RS, CPB] } },
  disturbed_passenger: { station: { lead: RPS, support: [RS] } },
  fugitive_spotted: { train: { lead: TPT, support: [RPS], inform: [CPB] }, station: { lead: RPS, support: [CPB] } },
};

function dutyFor(cat: Category, place: PlaceKind): Duty {
  const group = cat.group as CategoryGroup;
  return BY_CATEGORY[cat.id]?.[place] ?? BY_GROUP[group]?.[place] ?? TERRITORIAL[place];
}

/** The rule for one cell of the matrix; the coordination centre is told of every P1/P2. */
export function defaultRule(cat: Category, place: PlaceKind): ResponsibilityRule {
  const d = dutyFor(cat, place);
  const inform = [...(d.inform ?? [])];
  if ((cat.basePriority === 'P1' || cat.basePriority === 'P2') && d.lead !== CC && !inform.includes(CC)) inform.push(CC);
  return {
    categoryId: cat.id,
    placeKind: place,
    lead: d.lead,
    support: d.support.filter((t) => t !== d.lead),
    inform: inform.filter((t) => t !== d.lead && !d.support.includes(t)),
    timeLimitS: d.timeLimitS ?? TIME_LIMIT_BY_PRIORITY_S[cat.basePriority],
  };
}

export function defaultRules(categories: Category[]): ResponsibilityRule[] {
  return categories.flatMap((c) => PLACE_KINDS.map((p) => defaultRule(c, p)));
}

export const DEFAULT_RULES: ResponsibilityRule[] = defaultRules(DEFAULT_CATEGORIES);
