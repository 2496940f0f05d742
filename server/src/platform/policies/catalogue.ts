import type { ReadPolicy } from './grants.js';
import { COMMAND_READ, INCIDENT_READ } from './incidents.js';
import { TASK_READ } from './tasks.js';
import { UNIT_READ } from './units.js';
import { BULLETIN_FILE_READ, BULLETIN_READ } from './bulletins.js';
import { SITREP_READ } from './sitreps.js';
import { CHANNEL_READ } from './messages.js';
import { AGREEMENT_READ } from './agreements.js';
import { CHECKPOINT_READ, FINDING_READ, MEMBER_READ, PATROL_ALERT_READ, PATROL_READ, PLAN_READ, TEAM_READ } from './patrols.js';
import { PUBLIC_REPORT_READ, REPORTER_CONTACT_READ } from './public-reports.js';
import { ALARM_READ, DEVICE_READ } from './devices.js';
import { MAINTENANCE_READ } from './maintenance.js';
import { ALERT_READ } from './alerts.js';
import { HAZARD_READ } from './hazards.js';
import { MEETING_READ } from './meetings.js';
import { COOPERATION_AGREEMENT_READ } from './cooperation-agreements.js';
import { AGENCY_INDICATORS_READ } from './indicators.js';
import { FEDERATED_BULLETIN_READ, FEDERATED_INCIDENT_READ, FEDERATION_NODE_READ } from './federation.js';

/**
 * Every read rule of agency data, by the resource kind it governs. Routes declare which kind
 * they return (RouteSpec `reads`), live events name the resource they are about, and the
 * access-matrix test walks this list: a new kind of agency data starts here.
 */
export const READ_POLICIES = {
  incident: INCIDENT_READ,
  command: COMMAND_READ,
  task: TASK_READ,
  unit: UNIT_READ,
  bulletin: BULLETIN_READ,
  bulletin_file: BULLETIN_FILE_READ,
  sitrep: SITREP_READ,
  message: CHANNEL_READ,
  agreement: AGREEMENT_READ,
  patrol_team: TEAM_READ,
  patrol_member: MEMBER_READ,
  checkpoint: CHECKPOINT_READ,
  patrol_plan: PLAN_READ,
  patrol: PATROL_READ,
  finding: FINDING_READ,
  patrol_alert: PATROL_ALERT_READ,
  public_report: PUBLIC_REPORT_READ,
  reporter_contact: REPORTER_CONTACT_READ,
  device: DEVICE_READ,
  alarm: ALARM_READ,
  maintenance_window: MAINTENANCE_READ,
  alert: ALERT_READ,
  federation_node: FEDERATION_NODE_READ,
  federated_incident: FEDERATED_INCIDENT_READ,
  federated_bulletin: FEDERATED_BULLETIN_READ,
  hazard: HAZARD_READ,
  meeting: MEETING_READ,
  cooperation_agreement: COOPERATION_AGREEMENT_READ,
  agency_indicators: AGENCY_INDICATORS_READ,
} as const satisfies Record<string, ReadPolicy<any, any>>;

export type ResourceKind = keyof typeof READ_POLICIES;
