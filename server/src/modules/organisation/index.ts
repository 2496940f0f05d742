export type { LineView, NetworkView, StationNearby, StationView } from './network-view.js';
export { DEFAULT_CATEGORIES, CATEGORY_GROUPS, type CategoryGroup } from './taxonomy.js';
export {
  DEFAULT_FORMATION_HALF_WIDTH_M,
  PROTECTION_ZONE_BASIS,
  PROTECTION_ZONE_WIDTHS_M,
  protectionZoneVerdict,
  protectionZoneWidthM,
} from './protection-zone.js';
export { decidePlaceKind, STATION_MAX_OFFSET_M, type PlaceFacts } from './place-kind.js';
export { DEFAULT_RULES, TIME_LIMIT_BY_PRIORITY_S, defaultRule, defaultRules } from './responsibility-defaults.js';
export { OrgIndex, normTrain, type LineRangeHit } from './org-index.js';
export { checkOrganisation, KIND_AGENCY_TYPES } from './validate.js';
export { reason, typeLabel, REASON_CODES, type Lang, type ReasonParams } from './reasons-i18n.js';
export {
  LINE_REACH_M,
  placeKindOnLine,
  ResolveError,
  resolveLocation,
  type ResolveContext,
  type ResolveErrorCode,
  type ResolveInput,
} from './resolver.js';
