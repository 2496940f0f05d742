import { z } from 'zod';
import { Id, LonLat } from './common.js';
import { MileageText } from './network.js';

/**
 * Civil defence (人防, issue 10): joint-defence teams and their members, checkpoints, patrol
 * plans and the day's duties, patrols with verified check-ins, findings, alerts, coverage and
 * volunteer statements. Every write from the phone names itself with an id made on the phone, so a
 * retry (the offline queue sending again) never writes twice.
 */

export const TEAM_KINDS = ['railway_police_patrol', 'local_police_patrol', 'township_team', 'guard_post', 'security_company', 'volunteers', 'information_officers'] as const;
export const TeamKind = z.enum(TEAM_KINDS);
export type TeamKind = z.infer<typeof TeamKind>;

export const AVAILABILITY = ['available', 'limited', 'unavailable'] as const;
export const PATROL_MODES = ['foot', 'bicycle', 'vehicle'] as const;
export const PatrolMode = z.enum(PATROL_MODES);
export type PatrolMode = z.infer<typeof PatrolMode>;

const Day = z.iso.date();
const Time = z.iso.datetime({ offset: true });
/** An id made on the phone (a random UUID): the same id sent again is the same write. */
export const ClientId = z.uuid();
const Lon = z.number().gte(-180).lte(180);
const Lat = z.number().gte(-90).lte(90);
const Accuracy = z.number().min(0).max(10_000);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const Certificate = z.object({ name: Text(100), kind: z.enum(['training', 'certificate']), issuedOn: Day.optional(), expiresOn: Day.optional() }).strict();

/** A member's personal data: shown only to the team's own agency and the centre. */
export const MemberPersonal = z
  .object({
    name: Text(50),
    phone: z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'a phone number: digits, spaces and dashes').optional(),
    /** 居民身份证号码 */
    idNumber: z.string().trim().regex(/^[0-9]{17}[0-9Xx]$/, '18 characters: 17 digits and a digit or X').optional(),
  })
  .strict();
export type MemberPersonal = z.infer<typeof MemberPersonal>;

export const MemberInput = z
  .object({
    teamId: Id,
    personal: MemberPersonal,
    /** the member's sign-in account, if they have one (a volunteer patrolling with the phone) */
    username: z.string().min(2).max(64).nullable().default(null),
    skills: z.array(Text(40)).max(20).default([]),
    certificates: z.array(Certificate).max(20).default([]),
    availability: z.enum(AVAILABILITY).default('available'),
    availabilityNote: z.string().trim().max(200).nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();
export type MemberInput = z.infer<typeof MemberInput>;

export const TeamMember = z.object({
  id: z.string(),
  teamId: z.string(),
  agencyId: z.string(),
  /** the name when the reader may see personal data, else 队员/member and a short number */
  label: z.string(),
  personal: MemberPersonal.nullable(),
  username: z.string().nullable(),
  skills: z.array(z.string()),
  certificates: z.array(Certificate.extend({ expired: z.boolean() })),
  availability: z.enum(AVAILABILITY),
  availabilityNote: z.string().nullable(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const TeamInput = z.object({ agencyId: Id, name: Text(100), kind: TeamKind, active: z.boolean().default(true), note: z.string().trim().max(500).nullable().default(null) }).strict();
export type TeamInput = z.infer<typeof TeamInput>;

export const PatrolTeam = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  name: z.string(),
  kind: TeamKind,
  active: z.boolean(),
  note: z.string().nullable(),
  members: z.array(TeamMember),
  /** certificates that have run out or will within 30 days */
  certificatesExpiring: z.number(),
  updatedAt: z.string(),
});
export type PatrolTeam = z.infer<typeof PatrolTeam>;

/** Where a checkpoint is: a line and mileage, a station, or a point. */
export const CheckpointPlace = z.union([z.object({ lineId: Id, mileage: MileageText }).strict(), z.object({ stationId: Id }).strict(), z.object({ lon: Lon, lat: Lat }).strict()]);
export type CheckpointPlace = z.infer<typeof CheckpointPlace>;

export const CHECKPOINT_KINDS = ['checkpoint', 'post'] as const;

export const CheckpointInput = z
  .object({
    agencyId: Id,
    name: Text(100),
    /** a post (看护点) is a fixed sentinel post; a checkpoint (巡防点) is passed on a patrol */
    kind: z.enum(CHECKPOINT_KINDS).default('checkpoint'),
    place: CheckpointPlace,
    radiusM: z.number().int().min(5).max(1000).default(50),
    /** a registered NFC tag's UID instead of (or as well as) the printed code */
    nfcTagId: z.string().trim().regex(/^[0-9A-Fa-f]{2}([:-]?[0-9A-Fa-f]{2}){3,15}$/, 'an NFC UID in hex, e.g. 04:A2:1B:7C:9D:33:80').nullable().default(null),
    active: z.boolean().default(true),
    note: z.string().trim().max(500).nullable().default(null),
  })
  .strict();
export type CheckpointInput = z.infer<typeof CheckpointInput>;

export const Checkpoint = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  name: z.string(),
  kind: z.enum(CHECKPOINT_KINDS),
  place: CheckpointPlace,
  coordinates: LonLat,
  lineId: z.string().nullable(),
  mileage: z.string().nullable(),
  sectionId: z.string().nullable(),
  stationId: z.string().nullable(),
  radiusM: z.number(),
  nfcTagId: z.string().nullable(),
  /** printed codes of an earlier version no longer check in (a code was lost or copied) */
  codeVersion: z.number(),
  active: z.boolean(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

/** What to print at a checkpoint: the QR code (SVG, drawn on the server) and the code to type when the camera fails. */
export const CheckpointCode = z.object({ checkpointId: z.string(), version: z.number(), token: z.string(), typedCode: z.string(), svg: z.string() });

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, Beijing time');
/** A time window of the day; `to` at or before `from` runs past midnight. */
export const PlanWindow = z.object({ from: HHMM, to: HHMM }).strict();

export const PlanInput = z
  .object({
    agencyId: Id,
    name: Text(100),
    /** patrol: the checkpoints in order, `rounds` times per window; sentinel: a check-in at each post every `checkEveryH` hours of each shift */
    kind: z.enum(['patrol', 'sentinel']).default('patrol'),
    stretch: z.object({ lineId: Id, from: MileageText, to: MileageText }).strict().nullable().default(null),
    checkpointIds: z.array(Id).min(1).max(100),
    /** ISO weekdays, 1 = Monday */
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    windows: z.array(PlanWindow).min(1).max(12),
    rounds: z.number().int().min(1).max(24).default(1),
    checkEveryH: z.number().int().min(1).max(24).nullable().default(null),
    teamIds: z.array(Id).min(1).max(20),
    mode: PatrolMode.default('foot'),
    validFrom: Day,
    validUntil: Day.nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.kind === 'sentinel' && p.checkEveryH === null) ctx.addIssue({ code: 'custom', path: ['checkEveryH'], message: 'a sentinel plan says how often its posts check in', params: { zh: '定点值守计划须填写岗位签到间隔' } });
    if (new Set(p.checkpointIds).size !== p.checkpointIds.length) ctx.addIssue({ code: 'custom', path: ['checkpointIds'], message: 'a checkpoint appears twice', params: { zh: '巡防点重复出现' } });
    if (new Set(p.days).size !== p.days.length) ctx.addIssue({ code: 'custom', path: ['days'], message: 'a day appears twice', params: { zh: '日期重复出现' } });
    if (new Set(p.teamIds).size !== p.teamIds.length) ctx.addIssue({ code: 'custom', path: ['teamIds'], message: 'a team appears twice', params: { zh: '巡防队重复出现' } });
    if (p.validUntil !== null && p.validUntil < p.validFrom) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'before validFrom', params: { zh: '早于生效日期' } });
  });
export type PlanInput = z.infer<typeof PlanInput>;

export const PatrolPlan = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  name: z.string(),
  kind: z.enum(['patrol', 'sentinel']),
  stretch: z.object({ lineId: z.string(), from: z.string(), to: z.string() }).nullable(),
  checkpointIds: z.array(z.string()),
  days: z.array(z.number()),
  windows: z.array(PlanWindow),
  rounds: z.number(),
  checkEveryH: z.number().nullable(),
  teamIds: z.array(z.string()),
  mode: PatrolMode,
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  active: z.boolean(),
  /** teams of two or more agencies: a joint patrol (联勤联巡), counted as such */
  joint: z.boolean(),
  agencies: z.array(z.string()),
  version: z.number(),
  updatedAt: z.string(),
});
export type PatrolPlan = z.infer<typeof PatrolPlan>;

export const DutyCheckpoint = z.object({
  id: z.string(),
  name: z.string(),
  seq: z.number(),
  coordinates: LonLat,
  radiusM: z.number(),
  mileage: z.string().nullable(),
  /** the accepted check-in that fulfilled it, if any */
  checkedInAt: z.string().nullable(),
  late: z.boolean(),
});

export const PatrolDuty = z.object({
  id: z.string(),
  planId: z.string(),
  planName: z.string(),
  kind: z.enum(['patrol', 'sentinel']),
  date: z.string(),
  slotStart: z.string(),
  slotEnd: z.string(),
  teamIds: z.array(z.string()),
  joint: z.boolean(),
  mode: PatrolMode,
  checkpoints: z.array(DutyCheckpoint),
  /** upcoming, open (in its slot or grace), done, partly_done or missed (after the grace) */
  status: z.enum(['upcoming', 'open', 'done', 'partly_done', 'missed']),
});
export type PatrolDuty = z.infer<typeof PatrolDuty>;

export const StartPatrolRequest = z
  .object({
    id: ClientId,
    teamId: Id,
    dutyId: Id.nullable().default(null),
    /** who walks; default the member whose account starts it */
    memberIds: z.array(Id).max(20).default([]),
    mode: PatrolMode.optional(),
    /** the phone's time */
    at: Time,
  })
  .strict();
export type StartPatrolRequest = z.infer<typeof StartPatrolRequest>;

export const TrackPoint = z.object({ at: Time, lon: Lon, lat: Lat, accuracyM: Accuracy }).strict();
export const TrackRequest = z.object({ id: ClientId, points: z.array(TrackPoint).min(1).max(1000) }).strict();
export type TrackRequest = z.infer<typeof TrackRequest>;

export const CHECK_IN_METHODS = ['qr', 'typed', 'nfc'] as const;
export const CheckInRequest = z
  .object({
    id: ClientId,
    checkpointId: Id,
    /** qr: the scanned token; typed: the code printed under it; nfc: the tag's UID */
    method: z.enum(CHECK_IN_METHODS),
    code: z.string().trim().min(1).max(300),
    lon: Lon,
    lat: Lat,
    accuracyM: Accuracy,
    at: Time,
  })
  .strict();
export type CheckInRequest = z.infer<typeof CheckInRequest>;

export const FindingRequest = z
  .object({
    id: ClientId,
    /** an incident category (a broken fence is fence_damage, an object on the line obstacle_on_line…) */
    category: Id,
    description: Text(2000),
    lon: Lon,
    lat: Lat,
    accuracyM: Accuracy.optional(),
    at: Time,
    injuries: z.boolean().optional(),
  })
  .strict();
export type FindingRequest = z.infer<typeof FindingRequest>;

export const FinishPatrolRequest = z.object({ id: ClientId, at: Time }).strict();
export type FinishPatrolRequest = z.infer<typeof FinishPatrolRequest>;

export const CHECK_IN_REFUSALS = [
  'code_invalid',
  'code_revoked',
  'code_wrong_checkpoint',
  'code_replayed',
  'checkpoint_inactive',
  'not_in_plan',
  'time_in_future',
  'before_start',
  'after_finish',
  'too_far',
  'out_of_window',
  'implausible_speed',
] as const;
export const CheckInRefusal = z.enum(CHECK_IN_REFUSALS);
export type CheckInRefusal = z.infer<typeof CheckInRefusal>;

/** One factor of the verification: whether it held, and the figures it was judged on. */
export const CheckInFactor = z.object({ held: z.boolean(), detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) });

export const CheckIn = z.object({
  id: z.string(),
  patrolId: z.string(),
  checkpointId: z.string(),
  dutyId: z.string().nullable(),
  method: z.enum(CHECK_IN_METHODS),
  coordinates: LonLat,
  accuracyM: z.number(),
  /** the phone's time, and when the server received it (later when it was queued offline) */
  clientAt: z.string(),
  receivedAt: z.string(),
  accepted: z.boolean(),
  late: z.boolean(),
  reason: CheckInRefusal.nullable(),
  factors: z.object({ code: CheckInFactor, position: CheckInFactor, window: CheckInFactor, speed: CheckInFactor, clock: CheckInFactor }),
});
export type CheckIn = z.infer<typeof CheckIn>;

export const FindingPhoto = z.object({ id: z.string(), contentType: z.string(), size: z.number(), receivedAt: z.string() });

export const Finding = z.object({
  id: z.string(),
  patrolId: z.string(),
  teamId: z.string(),
  agencyId: z.string(),
  category: z.string(),
  description: z.string(),
  coordinates: LonLat,
  clientAt: z.string(),
  receivedAt: z.string(),
  incidentId: z.string().nullable(),
  incidentCode: z.string().nullable(),
  photos: z.array(FindingPhoto),
});
export type Finding = z.infer<typeof Finding>;

/** Findings the reader may see, each with the hazard it became (if any), newest first. */
export const FindingListQuery = z.object({
  /** `none`: only findings not yet registered as hazards */
  hazard: z.enum(['none', 'any']).default('any'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const FindingListItem = Finding.extend({ hazardId: z.string().nullable(), hazardCode: z.string().nullable(), teamName: z.string() });
export type FindingListItem = z.infer<typeof FindingListItem>;
export const FindingList = z.object({ findings: z.array(FindingListItem) });

export const Patrol = z.object({
  id: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  agencyId: z.string(),
  dutyId: z.string().nullable(),
  planId: z.string().nullable(),
  mode: PatrolMode,
  memberIds: z.array(z.string()),
  startedBy: z.string(),
  clientStartedAt: z.string(),
  startedAt: z.string(),
  clientFinishedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** finished on the phone, or closed by the platform after a long silence */
  finishReason: z.enum(['finished', 'timeout']).nullable(),
  lastPosition: LonLat.nullable(),
  lastReportAt: z.string().nullable(),
  trackPoints: z.number(),
  checkIns: z.array(CheckIn),
  findings: z.array(Finding),
});
export type Patrol = z.infer<typeof Patrol>;

export const TrackAnswer = z.object({ patrolId: z.string(), received: z.number(), stored: z.number(), receivedAt: z.string() });
export const TrackList = z.object({ patrolId: z.string(), points: z.array(z.object({ at: z.string(), coordinates: LonLat, accuracyM: z.number(), receivedAt: z.string() })) });

/**
 * The offline queue's batch: each item is judged on its own (its own transaction, its own
 * answer), so one bad item never holds back the rest. Items are checked one by one, so a bad one
 * gets its own 400 naming its fields (`items[3].body.lon`) instead of refusing the whole batch.
 */
export const SYNC_KINDS = ['start', 'track', 'check_in', 'finding', 'finish'] as const;
export const SyncItem = z.object({ kind: z.enum(SYNC_KINDS), patrolId: ClientId.optional(), body: z.record(z.string(), z.unknown()) });
export const SyncRequest = z.object({ items: z.array(SyncItem).min(1).max(500) }).strict();
export const SyncResults = z.object({
  results: z.array(
    z.object({
      index: z.number(),
      kind: z.enum(SYNC_KINDS),
      /** the item's own id, when it had one */
      id: z.string().nullable(),
      /** what the single-item route would have answered */
      status: z.number(),
      replayed: z.boolean(),
      result: z.unknown().optional(),
      error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
    }),
  ),
  receivedAt: z.string(),
});

export const PATROL_ALERT_KINDS = ['missed_checkpoint', 'late_checkpoint', 'welfare'] as const;
export const PatrolAlert = z.object({
  id: z.string(),
  kind: z.enum(PATROL_ALERT_KINDS),
  agencyId: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  patrolId: z.string().nullable(),
  dutyId: z.string().nullable(),
  checkpointIds: z.array(z.string()),
  /** figures the console words (minutes late, minutes without movement, the slot) */
  detail: z.record(z.string(), z.unknown()),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type PatrolAlert = z.infer<typeof PatrolAlert>;

export const SectionRiskInput = z.object({ weight: z.number().min(0).max(10), reason: Text(500) }).strict();
export const SectionRisk = z.object({ sectionId: z.string(), lineId: z.string(), weight: z.number(), reason: z.string(), updatedAt: z.string(), updatedBy: z.string() });

export const SectionCoverage = z.object({
  sectionId: z.string(),
  lineId: z.string(),
  name: z.string(),
  riskWeight: z.number(),
  lastPatrolledAt: z.string().nullable(),
  /** hours since the last accepted check-in in the section; null when never */
  hoursSince: z.number().nullable(),
  /** checkpoint visits the day's duties asked for, and how they went */
  planned: z.number(),
  onTime: z.number(),
  late: z.number(),
  missed: z.number(),
  pending: z.number(),
  jointPlanned: z.number(),
  /** joint duties done by patrols of two or more agencies together */
  jointDone: z.number(),
  planIds: z.array(z.string()),
});
export type SectionCoverage = z.infer<typeof SectionCoverage>;

export const CoverageReport = z.object({
  date: z.string(),
  at: z.string(),
  sections: z.array(SectionCoverage),
  totals: z.object({ sections: z.number(), patrolledToday: z.number(), planned: z.number(), onTime: z.number(), late: z.number(), missed: z.number(), pending: z.number(), jointPlanned: z.number(), jointDone: z.number() }),
});

export const TeamRecord = z.object({
  teamId: z.string(),
  teamName: z.string(),
  agencyId: z.string(),
  planned: z.number(),
  onTime: z.number(),
  late: z.number(),
  missed: z.number(),
  refused: z.number(),
  patrols: z.number(),
  hours: z.number(),
  findings: z.number(),
  jointDuties: z.number(),
  alerts: z.number(),
});

export const StatementRow = z.object({
  memberId: z.string(),
  label: z.string(),
  patrols: z.number(),
  hours: z.number(),
  checkInsOnTime: z.number(),
  checkInsLate: z.number(),
  findings: z.number(),
  usefulFindings: z.number(),
  points: z.number(),
});
export const Statement = z.object({
  month: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  rows: z.array(StatementRow),
  totals: StatementRow.omit({ memberId: true, label: true }),
});
export type Statement = z.infer<typeof Statement>;

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
