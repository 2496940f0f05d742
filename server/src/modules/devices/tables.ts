import type { Generated } from 'kysely';

/**
 * The device registry, where each device stands and who may read it, its health, and every message
 * it sent that was accepted (refusals are only counted). Times are ISO-8601 UTC text, flags
 * integers, structured values JSON text, as everywhere.
 */
export interface DeviceTables {
  devices: DevicesTable;
  device_agencies: DeviceAgenciesTable;
  device_health: DeviceHealthTable;
  device_outages: DeviceOutagesTable;
  device_events: DeviceEventsTable;
  device_refusals: DeviceRefusalsTable;
}

export interface DevicesTable {
  id: string;
  kind: string;
  name: string;
  owner_agency_id: string;
  /** the location as given (JSON) */
  location: string;
  lon: number;
  lat: number;
  line_id: string | null;
  /** measures along the line geometry (metres) the device covers; a point device has from = to */
  from_m: number | null;
  to_m: number | null;
  from_mileage: string | null;
  to_mileage: string | null;
  /** JSON FieldOfView, cameras only */
  fov: string | null;
  stream_url: string | null;
  snapshot_url: string | null;
  nvr_camera: string | null;
  heartbeat_s: number | null;
  /** HMAC key of POST /api/device-events; stored as is until encryption at rest (issue 15) */
  key: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

/** The agencies a device (and its alarms) is read by: its owner and those with jurisdiction where it stands. */
export interface DeviceAgenciesTable {
  device_id: string;
  agency_id: string;
  relation: 'owner' | 'jurisdiction';
}

export interface DeviceHealthTable {
  device_id: string;
  status: 'unknown' | 'online' | 'offline';
  last_seen_at: string | null;
  /** when three heartbeats will have been missed: the sweep finds overdue devices by this */
  due_at: string | null;
  offline_reason: string | null;
  offline_since: string | null;
  /** the open repair task order of the current outage, if one was issued */
  repair_task_id: string | null;
}

/** Periods offline, for availability per device and owner. */
export interface DeviceOutagesTable {
  id: Generated<number>;
  device_id: string;
  from_at: string;
  to_at: string | null;
  reason: string;
}

export interface DeviceEventsTable {
  id: Generated<number>;
  device_id: string;
  /** `seq:<n>` or the NVR's event id: a second message with the same is a replay */
  dedupe: string;
  type: string;
  at: string;
  received_at: string;
  position_m: number | null;
  confidence: number | null;
  clear: number;
  data: string | null;
  source: string;
  alarm_id: string | null;
}

export interface DeviceRefusalsTable {
  reason: string;
  count: number;
  last_at: string;
}
