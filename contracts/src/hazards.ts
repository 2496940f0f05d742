import { z } from 'zod';
import { Id, LonLat } from './common.js';
import { PlaceKind, ProtectionZoneVerdict } from './organisation.js';
import { ChainInfo } from './network.js';

/**
 * Hazards along the line (安全隐患) under the dual section chief system (双段长制): every stretch
 * of line has a railway section chief and a local (county or township) section chief, who own the
 * hazards found on it and see them rectified by a deadline set by severity.
 */
export const HAZARD_TYPES = [
  'broken_fence',
  'illegal_crossing',
  'illegal_building',
  'quarrying',
  'light_materials',
  'trees',
  'livestock',
  'burning',
  'rock_fall',
  'stone_throwing_spot',
  'cable_theft_exposure',
  'other',
] as const;
export const HazardType = z.enum(HAZARD_TYPES);
export type HazardType = z.infer<typeof HazardType>;

export const HAZARD_SEVERITIES = ['minor', 'major', 'critical'] as const;
export const HazardSeverity = z.enum(HAZARD_SEVERITIES);
export type HazardSeverity = z.infer<typeof HazardSeverity>;

/** reported → assigned → rectifying → rectified → verified → closed (销号), or rejected with a reason */
export const HAZARD_STATUSES = ['reported', 'assigned', 'rectifying', 'rectified', 'verified', 'closed', 'rejected'] as const;
export const HazardStatus = z.enum(HAZARD_STATUSES);
export type HazardStatus = z.infer<typeof HazardStatus>;

export const HAZARD_SOURCES = ['patrol_finding', 'public_report', 'device_alarm', 'inspection'] as const;
export const HazardSourceKind = z.enum(HAZARD_SOURCES);
export type HazardSourceKind = z.infer<typeof HazardSourceKind>;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Phone = z.string().trim().regex(/^[0-9+\- ]{5,20}$/, 'a phone number: digits, spaces, + and -');
const Mileage = z.string().trim().min(1).max(32);

// ---- section chiefs (双段长) -----------------------------------------------------------------

export const ChiefInput = z.object({
  agencyId: Id,
  name: Text(50),
  phone: Phone.nullable().optional(),
});
export type ChiefInput = z.infer<typeof ChiefInput>;

/** One stretch of line and its two section chiefs. */
export const SectionChiefInput = z.object({
  lineId: Id,
  from: Mileage,
  to: Mileage,
  railway: ChiefInput,
  local: ChiefInput,
  note: z.string().trim().max(500).nullable().optional(),
});
export type SectionChiefInput = z.infer<typeof SectionChiefInput>;

export const Chief = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
});
export type Chief = z.infer<typeof Chief>;

export const SectionChief = z.object({
  id: z.string(),
  lineId: z.string(),
  lineName: z.string(),
  from: z.string(),
  to: z.string(),
  fromMeasureM: z.number(),
  toMeasureM: z.number(),
  railway: Chief,
  local: Chief,
  note: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type SectionChief = z.infer<typeof SectionChief>;

export const SectionChiefQuery = z.object({ lineId: Id.optional(), agencyId: Id.optional() });
export const SectionChiefList = z.object({ assignments: z.array(SectionChief) });

/** A refused row of an import, by its line in the file (the header is line 1). */
export const ImportRowError = z.object({ line: z.number(), field: z.string().optional(), message: z.string() });
export const SectionChiefImportResult = z.object({
  written: z.number(),
  /** the lines whose assignments the file replaced */
  lines: z.array(z.string()),
});
export type SectionChiefImportResult = z.infer<typeof SectionChiefImportResult>;

export const SectionChiefLookupQuery = z.object({ lineId: Id, mileage: Mileage });
export const SectionChiefLookup = z.object({
  lineId: z.string(),
  mileage: z.string(),
  measureM: z.number(),
  /** where a long chain repeats the mileage, the stretch meant (the first one) */
  chain: ChainInfo.nullable(),
  assignment: SectionChief.nullable(),
});

// ---- hazards ----------------------------------------------------------------------------------

export const HazardPlace = z.union([
  z.object({ lineId: Id, mileage: Mileage }).strict(),
  z.object({ lon: z.number().finite().gte(-180).lte(180), lat: z.number().finite().gte(-90).lte(90) }).strict(),
]);
export type HazardPlace = z.infer<typeof HazardPlace>;

export const HazardSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('inspection') }),
  z.object({ kind: z.literal('public_report'), reportId: Id.optional() }),
  z.object({ kind: z.literal('device_alarm'), alarmId: Id.optional() }),
  z.object({ kind: z.literal('patrol_finding'), findingId: Id }),
]);
export type HazardSource = z.infer<typeof HazardSource>;

export const HazardInput = z.object({
  type: HazardType,
  severity: HazardSeverity,
  description: Text(2000),
  place: HazardPlace,
  source: HazardSource.default({ kind: 'inspection' }),
});
export type HazardInput = z.infer<typeof HazardInput>;

/** A patrol finding turned into a hazard: place, photos and finder come from the finding. */
export const HazardFromFinding = z.object({
  type: HazardType,
  severity: HazardSeverity,
  description: Text(2000).optional(),
});
export type HazardFromFinding = z.infer<typeof HazardFromFinding>;

export const HazardNote = z.object({ note: z.string().trim().max(2000).optional() });
export const HazardVerify = z.object({ passed: z.boolean(), note: z.string().trim().max(2000).optional() });
export const HazardReject = z.object({ reason: Text(2000) });

export const HazardPhoto = z.object({ id: z.string(), phase: z.enum(['before', 'after']), contentType: z.string(), size: z.number(), receivedAt: z.string() });
export const HazardPhotoQuery = z.object({ photoId: Id, phase: z.enum(['before', 'after']).default('before') });

export const HazardOwner = z.object({ agencyId: z.string(), agencyName: z.string(), chief: z.string() });

/** `by` is the sign-in name the record keeps; `byName` the person as people know them */
export const HazardHistoryEntry = z.object({ at: z.string(), by: z.string(), byName: z.string(), agencyId: z.string(), action: z.string(), detail: z.unknown() });

export const Hazard = z.object({
  id: z.string(),
  code: z.string(),
  type: HazardType,
  severity: HazardSeverity,
  status: HazardStatus,
  description: z.string(),
  coordinates: LonLat,
  lineId: z.string(),
  lineName: z.string(),
  mileage: z.string(),
  measureM: z.number(),
  sectionId: z.string().nullable(),
  sectionName: z.string().nullable(),
  placeKind: PlaceKind,
  protectionZone: ProtectionZoneVerdict.nullable(),
  source: z.object({ kind: HazardSourceKind, ref: z.string().nullable() }),
  finderAgencyId: z.string(),
  finderAgencyName: z.string(),
  railwayOwner: HazardOwner,
  localOwner: HazardOwner,
  townshipId: z.string().nullable(),
  townshipName: z.string().nullable(),
  countyId: z.string().nullable(),
  reportedBy: z.string(),
  reportedAt: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  escalatedAt: z.string().nullable(),
  assignedAt: z.string().nullable(),
  rectifyingAt: z.string().nullable(),
  rectifiedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  rejectedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  rectificationNote: z.string().nullable(),
  verificationNote: z.string().nullable(),
  photos: z.array(HazardPhoto),
});
export type Hazard = z.infer<typeof Hazard>;

/** The lifecycle steps as the API names them (`fail_verification` is `verify` with `passed: false`). */
export const HAZARD_ACTIONS = ['assign', 'start', 'rectify', 'verify', 'fail_verification', 'close', 'reject'] as const;
export const HazardActionName = z.enum(HAZARD_ACTIONS);
export type HazardActionName = z.infer<typeof HazardActionName>;

export const HazardDetail = Hazard.extend({
  history: z.array(HazardHistoryEntry),
  reportedByName: z.string(),
  /** the steps this reader may take now (their agency's part and the hazard's status), so a console offers only those */
  actions: z.array(HazardActionName),
  /** the photo phases this reader may add now */
  photoPhases: z.array(z.enum(['before', 'after'])),
});
export type HazardDetail = z.infer<typeof HazardDetail>;

const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const HazardQuery = z.object({
  status: HazardStatus.optional(),
  /** open: anything not closed or rejected */
  open: Bool.optional(),
  overdue: Bool.optional(),
  townshipId: Id.optional(),
  /** hazards an agency owns (either section chief's agency) */
  ownerAgencyId: Id.optional(),
  /** hazards an agency has any part in: owner, county or finder */
  agencyId: Id.optional(),
  lineId: Id.optional(),
  sectionId: Id.optional(),
  type: HazardType.optional(),
  severity: HazardSeverity.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export type HazardQuery = z.infer<typeof HazardQuery>;

export const HazardList = z.object({ hazards: z.array(Hazard) });

export const LedgerRow = z.object({
  key: z.string(),
  name: z.string(),
  total: z.number(),
  open: z.number(),
  overdue: z.number(),
  closed: z.number(),
});
export type LedgerRow = z.infer<typeof LedgerRow>;

/** The ledger (台账): counts per township, section and owner, over the hazards the reader may read. */
export const HazardLedger = z.object({
  at: z.string(),
  totals: LedgerRow,
  byTownship: z.array(LedgerRow),
  bySection: z.array(LedgerRow),
  byOwner: z.array(LedgerRow),
  hazards: z.array(Hazard),
});
export type HazardLedger = z.infer<typeof HazardLedger>;
