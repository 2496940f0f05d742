import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AuthSecurityTables } from '../auth/tables.js';
import type { PatrolTables } from '../../modules/patrols/tables.js';
import type { PublicReportTables } from '../../modules/public-reports/tables.js';
import type { DeviceTables } from '../../modules/devices/tables.js';
import type { AlarmTables } from '../../modules/alarms/tables.js';
import type { MaintenanceTables } from '../../modules/maintenance/tables.js';
import type { AlertTables } from '../../modules/alerts/tables.js';
import type { SharingLinkTables } from '../../modules/sharing/tables.js';
import type { NetworkPlaceTables } from '../../modules/network/tables.js';
import type { TrainRequestTables } from '../../modules/train-requests/tables.js';
import type { FederationTables } from '../../modules/federation/tables.js';
import type { AuditArchiveTables } from '../audit/tables.js';
import type { HazardTables } from '../../modules/hazards/tables.js';
import type { RiskTables } from '../../modules/risk/tables.js';
import type { DefensibleSpaceTables } from '../../modules/defensible-space/tables.js';
import type { GovernanceTables } from '../../modules/governance/tables.js';
import type { BriefingTables } from '../../modules/briefings/tables.js';
import type { AssessmentTables } from '../../modules/assessment/tables.js';
import type { SficTables } from '../../modules/sfic/tables.js';
import type { ResponsibilityListTables } from '../../modules/responsibility-list/tables.js';
import type { CooperationAgreementTables } from '../../modules/agreements/tables.js';
import type { PostCandidateTables } from '../../modules/allocation/posts/tables.js';
import type { WhatIfRunTables } from '../../modules/allocation/simulation/department/tables.js';

/**
 * Column types shared by SQLite and PostgreSQL. To keep one set of migrations for both engines,
 * booleans are integers (0/1), timestamps are ISO-8601 UTC text (which sorts correctly) and
 * structured values are JSON text.
 */
export interface Database extends AlertTables, SharingLinkTables, AuthSecurityTables, AuditArchiveTables, DeviceTables, AlarmTables, MaintenanceTables, PatrolTables, PublicReportTables, NetworkPlaceTables, TrainRequestTables, FederationTables, HazardTables, RiskTables, DefensibleSpaceTables, GovernanceTables, BriefingTables, AssessmentTables, SficTables, ResponsibilityListTables, CooperationAgreementTables, PostCandidateTables, WhatIfRunTables {
  settings: SettingsTable;
  agencies: AgenciesTable;
  users: UsersTable;
  sessions: SessionsTable;
  network_lines: NetworkLinesTable;
  network_stations: NetworkStationsTable;
  network_sites: NetworkSitesTable;
  jurisdictions: JurisdictionsTable;
  categories: CategoriesTable;
  responsibility_rules: ResponsibilityRulesTable;
  change_log: ChangeLogTable;
  audit_log: AuditLogTable;
  bulletins: BulletinsTable;
  bulletin_recipients: BulletinRecipientsTable;
  bulletin_reads: BulletinReadsTable;
  bulletin_attachments: BulletinAttachmentsTable;
  sharing_agreements: SharingAgreementsTable;
  commands: CommandsTable;
  command_members: CommandMembersTable;
  command_plans: CommandPlansTable;
  tasks: TasksTable;
  task_updates: TaskUpdatesTable;
  sitreps: SitrepsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_cursor: WebhookCursorTable;
  messages: MessagesTable;
  message_attachments: MessageAttachmentsTable;
  centre_seats: CentreSeatsTable;
  duty_shifts: DutyShiftsTable;
  shift_logs: ShiftLogsTable;
  task_attachments: TaskAttachmentsTable;
  centres: CentresTable;
  outbox: OutboxTable;
  counters: CountersTable;
  incidents: IncidentsTable;
  incident_agencies: IncidentAgenciesTable;
  incident_timeline: IncidentTimelineTable;
  units: UnitsTable;
  unit_positions: UnitPositionsTable;
  assignments: AssignmentsTable;
  transfers: TransfersTable;
  agreements: AgreementsTable;
  timetable_feeds: TimetableFeedsTable;
  timetable_stops: TimetableStopsTable;
  timetable_trips: TimetableTripsTable;
  timetable_stop_times: TimetableStopTimesTable;
  timetable_calendar: TimetableCalendarTable;
  timetable_calendar_dates: TimetableCalendarDatesTable;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AgenciesTable {
  id: string;
  name: string;
  type: string;
  parent_id: string | null;
  duty_phone: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  agency_id: string;
  roles: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  client: string | null;
}

export interface NetworkLinesTable {
  id: string;
  name: string;
  high_speed: number;
  feature: string;
  updated_at: string;
}

export interface NetworkStationsTable {
  id: string;
  name: string;
  telecode: string | null;
  feature: string;
  updated_at: string;
}

export interface NetworkSitesTable {
  id: string;
  name: string;
  site_type: string;
  line_id: string;
  feature: string;
  updated_at: string;
}

export interface JurisdictionsTable {
  id: Generated<number>;
  agency_id: string;
  kind: string;
  spec: string;
  created_at: string;
}

export interface CategoriesTable {
  id: string;
  name_zh: string;
  name_en: string;
  pinyin: string;
  category_group: string;
  base_priority: string;
  updated_at: string;
}

export interface ResponsibilityRulesTable {
  category_id: string;
  place_kind: string;
  lead: string;
  support: string;
  inform: string;
  time_limit_s: number;
  updated_at: string;
}

export interface ChangeLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: string | null;
  actor_agency_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  detail: string;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AgencyRow = Selectable<AgenciesTable>;

export interface OutboxTable {
  id: Generated<number>;
  event_id: string;
  at: string;
  body: string;
  published_at: string | null;
}

export interface CountersTable {
  key: string;
  value: number;
}

export interface IncidentsTable {
  id: string;
  code: string;
  category_id: string;
  channel: string;
  status: string;
  priority: string;
  /** why it has that priority (the rules' reasons, then any dispatcher's change), JSON */
  priority_reasons: string;
  description: string;
  /** SM4-sealed JSON {name, phone} (platform/crypto/personal-data.ts) */
  reporter: string | null;
  /** keyed hash of the reporter's phone, to find repeat callers */
  reporter_phone_key: string | null;
  external_ref: string | null;
  location_input: string;
  lon: number | null;
  lat: number | null;
  line_id: string | null;
  metres: number | null;
  mileage: string | null;
  section_id: string | null;
  station_id: string | null;
  train: string | null;
  place_kind: string;
  /** the resolver's answer at reception (jurisdiction, responsibility, reasons), JSON */
  resolution: string;
  lead_agency_id: string | null;
  time_limit_s: number;
  duplicate_of: string | null;
  merged_into: string | null;
  outcome_code: string | null;
  summary: string | null;
  occurred_at: string;
  received_at: string;
  dispatched_at: string | null;
  en_route_at: string | null;
  on_scene_at: string | null;
  cleared_at: string | null;
  closed_at: string | null;
  created_by: string;
  updated_at: string;
  version: number;
  /** 响应等级 I–IV; null until first judged */
  response_level: string | null;
  /** the level's rules, reasons, who set it, who was told (JSON) */
  level_state: string | null;
  injured: Generated<number>;
  dead: Generated<number>;
  /** when the line was reported closed to traffic; null while it runs */
  line_blocked_at: string | null;
  /** situation reports drafted automatically every so many minutes; null for none */
  sitrep_every_min: number | null;
  sitrep_due_at: string | null;
}

export interface IncidentAgenciesTable {
  incident_id: string;
  agency_id: string;
  role: string;
}

export interface IncidentTimelineTable {
  id: Generated<number>;
  incident_id: string;
  at: string;
  actor_user_id: string;
  actor_name: string;
  actor_agency_id: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  detail: string;
  client: string | null;
}

export interface TimetableFeedsTable {
  id: Generated<number>;
  imported_at: string;
  imported_by: string | null;
  agency_timezone: string;
  /** JSON: counts and warnings of the import */
  summary: string;
}

export interface TimetableStopsTable {
  stop_id: string;
  name: string;
  lat: number | null;
  lon: number | null;
  station_id: string | null;
}

export interface TimetableTripsTable {
  trip_id: string;
  train_no: string;
  service_id: string;
  route_id: string;
}

export interface TimetableStopTimesTable {
  trip_id: string;
  stop_sequence: number;
  stop_id: string;
  arrival_s: number;
  departure_s: number;
}

export interface TimetableCalendarTable {
  service_id: string;
  days: string;
  start_date: string;
  end_date: string;
}

export interface TimetableCalendarDatesTable {
  service_id: string;
  date: string;
  exception_type: number;
}

export interface UnitsTable {
  id: string;
  callsign: string;
  agency_id: string;
  kind: string;
  capabilities: string;
  crew: number;
  status: string;
  lon: number | null;
  lat: number | null;
  position_at: string | null;
  /** the train a train police team is riding */
  train: string | null;
  updated_at: string;
}

export interface UnitPositionsTable {
  id: Generated<number>;
  unit_id: string;
  at: string;
  lon: number;
  lat: number;
  source: string;
}

export interface AssignmentsTable {
  id: string;
  incident_id: string;
  unit_id: string;
  agency_id: string;
  /** assigned → acknowledged → ended, or withdrawn; escalated marks an unanswered one */
  status: string;
  eta_s: number | null;
  assigned_at: string;
  assigned_by: string;
  ack_deadline: string;
  acknowledged_at: string | null;
  escalated_at: string | null;
  ended_at: string | null;
}

export interface TransfersTable {
  id: string;
  incident_id: string;
  from_agency_id: string | null;
  to_agency_id: string;
  reason: string;
  status: string;
  sent_at: string;
  sent_by: string;
  deadline: string;
  answered_at: string | null;
  answered_by: string | null;
  answer_reason: string | null;
}

export interface AgreementsTable {
  id: string;
  kind: string;
  /** JSON array of agency ids */
  agency_ids: string;
  note: string | null;
  updated_at: string;
}

export interface AuditLogTable {
  /** 1, 2, 3… without gaps: a gap is a deleted entry */
  seq: number;
  at: string;
  user_id: string | null;
  username: string | null;
  agency_id: string | null;
  /** comma-separated */
  roles: string;
  /** address and user agent the request came from */
  client: string | null;
  kind: string;
  entity: string;
  entity_id: string;
  action: string;
  result: string;
  /** JSON */
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface BulletinsTable {
  id: string;
  code: string;
  kind: string;
  title: string;
  body: string;
  instruction: string | null;
  classification: string;
  /** 0 public … 3 secret */
  class_rank: number;
  status: string;
  sender_agency_id: string;
  created_by: string;
  created_at: string;
  valid_from: string;
  valid_until: string;
  urgency: string;
  severity: string;
  certainty: string;
  /** the distribution as asked for, JSON */
  distribution: string;
  /** ",commander,officer," or '' for every role */
  roles: string;
  source: string;
  cap_sender: string | null;
  cap_identifier: string | null;
  cap_sent: string | null;
  updated_at: string;
  version: number;
}

export interface BulletinRecipientsTable {
  bulletin_id: string;
  agency_id: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  reminded_at: string | null;
  reminders: Generated<number>;
}

export interface BulletinReadsTable {
  id: Generated<number>;
  bulletin_id: string;
  user_id: string;
  agency_id: string;
  at: string;
  /** bulletin, cap, attachment:<id> */
  what: string;
}

export interface BulletinAttachmentsTable {
  id: string;
  bulletin_id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  created_by: string;
  created_at: string;
}

export interface SharingAgreementsTable {
  id: string;
  from_agency_id: string;
  to_agency_id: string;
  kinds: string;
  max_rank: number;
  valid_from: string | null;
  valid_until: string | null;
  note: string | null;
  updated_at: string;
}

export interface CommandsTable {
  id: string;
  incident_id: string;
  name: string;
  status: string;
  opened_at: string;
  opened_by: string;
  closed_at: string | null;
  version: number;
}

export interface CommandMembersTable {
  command_id: string;
  agency_id: string;
  role: string;
  person: string;
  user_id: string | null;
}

export interface CommandPlansTable {
  command_id: string;
  period: number;
  starts_at: string;
  ends_at: string;
  /** JSON list */
  objectives: string;
  notes: string | null;
  created_by: string;
}

export interface TasksTable {
  id: string;
  code: string;
  command_id: string | null;
  incident_id: string | null;
  campaign: string | null;
  title: string;
  detail: string | null;
  to_agency_id: string;
  to_unit_id: string | null;
  from_agency_id: string;
  issued_by: string;
  issued_at: string;
  deadline: string;
  status: string;
  acknowledged_at: string | null;
  completed_at: string | null;
  /** when it was flagged overdue to the issuer (once) */
  overdue_at: string | null;
  version: number;
}

export interface TaskUpdatesTable {
  id: Generated<number>;
  task_id: string;
  at: string;
  by: string;
  agency_id: string;
  kind: string;
  note: string | null;
}

export interface SitrepsTable {
  id: string;
  incident_id: string;
  number: number;
  status: string;
  title: string;
  /** JSON list of {key, heading, body} */
  sections: string;
  /** JSON map data (lines, incident, units) as of generation */
  map: string;
  generated_at: string;
  generated_by: string;
  /** 1 when the schedule made it */
  scheduled: number;
  updated_at: string;
  released_at: string | null;
  released_by: string | null;
  version: number;
  /** JSON list of {id, code, text}: the task orders as of drafting, shown to each reader only those they may read */
  tasks: string;
}

export interface WebhooksTable {
  id: string;
  agency_id: string;
  url: string;
  /** HMAC key; shown to the agency once, kept to sign */
  secret: string;
  /** comma-separated patterns: incident.*, bulletin.published, * */
  events: string;
  active: number;
  created_by: string;
  created_at: string;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: string;
  event_id: string;
  event_type: string;
  body: string;
  /** pending, delivered, failed */
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookCursorTable {
  name: string;
  /** the last outbox id fanned out */
  seq: number;
}

export interface MessagesTable {
  id: string;
  incident_id: string;
  /** incident (every agency on it) or command (the joint command's members) */
  channel: string;
  from_agency_id: string;
  from_user: string;
  text: string;
  created_at: string;
}

export interface MessageAttachmentsTable {
  id: string;
  message_id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
}

export interface CentreSeatsTable {
  id: string;
  /** the coordination centre the seat is in */
  centre_agency_id: string;
  /** the member agency whose seat it is (the centre itself for its own dispatch and command seats) */
  agency_id: string;
  name: string;
  /** dispatch, command or liaison */
  kind: string;
  position: number;
}

export interface DutyShiftsTable {
  id: string;
  seat_id: string;
  user_id: string;
  starts_at: string;
  ends_at: string;
  created_by: string;
}

export interface ShiftLogsTable {
  id: string;
  centre_agency_id: string;
  seat_id: string;
  from_user: string;
  to_user: string;
  handed_at: string;
  notes: string;
  /** JSON: open incidents, open tasks, unacknowledged bulletins at the handover */
  snapshot: string;
  accepted_at: string | null;
}

export interface TaskAttachmentsTable {
  id: string;
  task_id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  created_by: string;
  created_at: string;
}

export interface CentresTable {
  agency_id: string;
  /** bureau or department */
  level: string;
  parent_agency_id: string | null;
  updated_at: string;
}
