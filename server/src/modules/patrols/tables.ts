/**
 * Tables of civil defence (issue 10). Times are ISO-8601 UTC text, flags integers, lists JSON
 * text, as everywhere. Personal data (names, phone numbers, identity numbers, reporters' contacts)
 * lives in `personal_records` alone, sealed with SM4 and written and read only through
 * personal-data.ts.
 */
export interface PatrolTables {
  patrol_teams: PatrolTeamsTable;
  patrol_members: PatrolMembersTable;
  personal_records: PersonalRecordsTable;
  checkpoints: CheckpointsTable;
  patrol_plans: PatrolPlansTable;
  patrol_plan_teams: PatrolPlanTeamsTable;
  patrol_plan_checkpoints: PatrolPlanCheckpointsTable;
  patrol_duties: PatrolDutiesTable;
  patrols: PatrolsTable;
  patrol_track: PatrolTrackTable;
  patrol_check_ins: PatrolCheckInsTable;
  patrol_findings: PatrolFindingsTable;
  finding_photos: FindingPhotosTable;
  patrol_alerts: PatrolAlertsTable;
  patrol_points: PatrolPointsTable;
  patrol_section_risks: PatrolSectionRisksTable;
  client_writes: ClientWritesTable;
}

export interface PatrolTeamsTable {
  id: string;
  agency_id: string;
  name: string;
  kind: string;
  active: number;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface PatrolMembersTable {
  id: string;
  team_id: string;
  /** the team's agency, kept on the row so lists filter without a join */
  agency_id: string;
  /** the sign-in account (username) of a member who patrols with the phone */
  username: string | null;
  skills: string;
  certificates: string;
  availability: string;
  availability_note: string | null;
  active: number;
  /** a short number within the team, for the label others see instead of the name */
  seq: number;
  created_at: string;
  updated_at: string;
}

/** Personal data of a member or a public reporter: one SM4-sealed JSON value per subject. */
export interface PersonalRecordsTable {
  /** `<kind>:<subject id>`: one key column, as the re-seal after a key rotation walks them */
  id: string;
  subject_kind: string;
  subject_id: string;
  /** sealed JSON {name, phone, idNumber, email} (platform/crypto/personal-data.ts) */
  data: string;
  updated_at: string;
}

export interface CheckpointsTable {
  id: string;
  agency_id: string;
  name: string;
  kind: string;
  /** the place as given (line and mileage, station, point), JSON */
  place: string;
  lon: number;
  lat: number;
  line_id: string | null;
  mileage: string | null;
  measure_m: number | null;
  section_id: string | null;
  station_id: string | null;
  radius_m: number;
  nfc_tag_id: string | null;
  code_version: number;
  active: number;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface PatrolPlansTable {
  id: string;
  agency_id: string;
  name: string;
  kind: string;
  /** {lineId, from, to} or null, JSON */
  stretch: string | null;
  checkpoint_ids: string;
  days: string;
  windows: string;
  rounds: number;
  check_every_h: number | null;
  team_ids: string;
  mode: string;
  valid_from: string;
  valid_until: string | null;
  active: number;
  joint: number;
  /** 1: duties written day by day from the patrol game's sampled schedules, never by the sweep (migration 039) */
  randomised: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Which teams (and so agencies) take part in a plan: the SQL filters read this. */
export interface PatrolPlanTeamsTable {
  plan_id: string;
  team_id: string;
  agency_id: string;
}

export interface PatrolPlanCheckpointsTable {
  plan_id: string;
  checkpoint_id: string;
  seq: number;
}

/** One slot of a plan on one day, frozen when generated so later plan changes do not rewrite the past. */
export interface PatrolDutiesTable {
  id: string;
  plan_id: string;
  plan_version: number;
  /** the Beijing day, YYYY-MM-DD */
  date: string;
  slot_start: string;
  slot_end: string;
  kind: string;
  mode: string;
  checkpoint_ids: string;
  team_ids: string;
  joint: number;
  /** when the sweep settled it (missed checkpoints alerted, or nothing missing) */
  settled_at: string | null;
  created_at: string;
}

export interface PatrolsTable {
  id: string;
  team_id: string;
  agency_id: string;
  duty_id: string | null;
  plan_id: string | null;
  mode: string;
  member_ids: string;
  started_by: string;
  client_started_at: string;
  started_at: string;
  client_finished_at: string | null;
  finished_at: string | null;
  finish_reason: string | null;
  /** the latest position reported and its phone time */
  last_lon: number | null;
  last_lat: number | null;
  last_at: string | null;
  /** where and when (phone time) the patrol last moved more than a few metres */
  moved_lon: number | null;
  moved_lat: number | null;
  moved_at: string;
  welfare_alerted_at: string | null;
}

export interface PatrolTrackTable {
  patrol_id: string;
  client_at: string;
  lon: number;
  lat: number;
  accuracy_m: number;
  received_at: string;
}

export interface PatrolCheckInsTable {
  id: string;
  patrol_id: string;
  checkpoint_id: string;
  duty_id: string | null;
  team_id: string;
  agency_id: string;
  method: string;
  lon: number;
  lat: number;
  accuracy_m: number;
  client_at: string;
  received_at: string;
  accepted: number;
  late: number;
  reason: string | null;
  factors: string;
  by_user: string;
}

export interface PatrolFindingsTable {
  id: string;
  patrol_id: string;
  team_id: string;
  agency_id: string;
  category: string;
  description: string;
  lon: number;
  lat: number;
  client_at: string;
  received_at: string;
  incident_id: string | null;
  by_user: string;
}

export interface FindingPhotosTable {
  id: string;
  finding_id: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  received_at: string;
}

export interface PatrolAlertsTable {
  id: string;
  kind: string;
  /** the addressee: the agency of the team it is about */
  agency_id: string;
  team_id: string;
  patrol_id: string | null;
  duty_id: string | null;
  checkpoint_ids: string;
  detail: string;
  /** one alert per fact, however many instances sweep */
  dedupe_key: string;
  raised_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

/** The points (积分) and hours ledger: one row per credit, never updated. */
export interface PatrolPointsTable {
  id: string;
  team_id: string | null;
  member_id: string | null;
  public_report_id: string | null;
  kind: string;
  points: number;
  hours: number;
  ref_id: string;
  at: string;
  /** the Beijing month, YYYY-MM, for statements */
  month: string;
  /** kind, cause and beneficiary: unique, so a replayed cause never credits twice */
  credit_key: string;
}

export interface PatrolSectionRisksTable {
  section_id: string;
  line_id: string;
  weight: number;
  reason: string;
  updated_at: string;
  updated_by: string;
}

/**
 * Every write from the phone, by the id the phone made for it: a retry finds its first answer
 * here instead of writing again. The request's hash tells a retry from a different request that
 * reused the id.
 */
export interface ClientWritesTable {
  id: string;
  kind: string;
  user_id: string;
  request_hash: string;
  status: number;
  answer: string;
  received_at: string;
}
