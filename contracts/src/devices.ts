import { z } from 'zod';
import { Id, LonLat } from './common.js';
import { MileageText } from './network.js';

/**
 * Technical defence (技防): field devices, where they are, who owns them, how they are doing, and
 * the messages they send. The MQTT contract is written out in docs/device-mqtt.md.
 */
export const DEVICE_KINDS = [
  'camera',
  'fibre_sensor',
  'fence_sensor',
  'radar',
  'infrared_beam',
  'level_crossing_detector',
  'emergency_call_post',
  'substation_door_sensor',
  'cable_sensor',
] as const;
export const DeviceKind = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** Kinds that cover a stretch of line rather than a point. */
export const LINEAR_KINDS: readonly DeviceKind[] = ['fibre_sensor', 'fence_sensor', 'radar', 'infrared_beam'];

/**
 * Device ids as devices and NVRs spell them: GB/T 28181 ids are 20 digits, which no JSON number
 * holds exactly, so ids are always text. MQTT topic levels must not contain / + #.
 */
export const DeviceId = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'device ids use letters, digits, _ . : - (GB/T 28181 ids: 20 digits, as text)');

const PointPlace = z.object({ lon: z.number().gte(-180).lte(180), lat: z.number().gte(-90).lte(90) }).strict();
const StationPlace = z.object({ stationId: Id }).strict();
/** A sensor along the line: from one mileage to another on one side (its positionM counts from `from`). */
const LinePlace = z
  .object({
    lineId: Id,
    from: MileageText,
    to: MileageText,
    side: z.enum(['left', 'right', 'both']).default('both'),
  })
  .strict();
export const DeviceLocation = z.union([PointPlace, StationPlace, LinePlace]);
export type DeviceLocation = z.infer<typeof DeviceLocation>;

/** A camera's field of view: where it looks (degrees from north, clockwise), how wide, how far. */
export const FieldOfView = z.object({
  bearingDeg: z.number().gte(0).lt(360),
  angleDeg: z.number().gt(0).lte(360),
  rangeM: z.number().gt(0).lte(5000),
});
export type FieldOfView = z.infer<typeof FieldOfView>;

/** Live view and snapshot links: the console opens them; no video passes through the server. */
export const MediaUrl = z
  .string()
  .max(1000)
  .regex(/^(rtsp|rtsps|https?|wss?|webrtc):\/\/[^\s]+$/i, 'an rtsp://, rtsps://, http(s)://, ws(s):// or webrtc:// link');

export const DeviceInput = z
  .object({
    id: DeviceId,
    kind: DeviceKind,
    name: z.string().trim().min(1).max(100),
    ownerAgencyId: Id,
    location: DeviceLocation,
    fieldOfView: FieldOfView.optional(),
    streamUrl: MediaUrl.optional(),
    snapshotUrl: MediaUrl.optional(),
    /** the camera's name in the NVR (Frigate `after.camera`), when it differs from the id */
    nvrCamera: z.string().trim().min(1).max(100).optional(),
    /** expected heartbeat interval, seconds; the platform default when absent */
    heartbeatS: z.number().int().min(5).max(86_400).optional(),
    /** the device's HMAC key for POST /api/device-events (hex or text, 16–128 characters); generated when absent */
    key: z.string().min(16).max(128).optional(),
    enabled: z.boolean().default(true),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'camera' && !('lon' in d.location)) ctx.addIssue({ code: 'custom', path: ['location'], message: 'a camera stands at a point (lon, lat)', params: { zh: '摄像机须位于一个点（经纬度）' } });
    if (d.fieldOfView && d.kind !== 'camera') ctx.addIssue({ code: 'custom', path: ['fieldOfView'], message: 'only cameras have a field of view', params: { zh: '只有摄像机有视场' } });
    if (d.kind === 'camera' && !d.fieldOfView) ctx.addIssue({ code: 'custom', path: ['fieldOfView'], message: 'a camera needs its field of view', params: { zh: '摄像机须填写视场' } });
  });
export type DeviceInput = z.infer<typeof DeviceInput>;

export const HEALTH_STATUSES = ['unknown', 'online', 'offline'] as const;
export const HealthStatus = z.enum(HEALTH_STATUSES);

export const DeviceHealth = z.object({
  status: HealthStatus,
  lastSeenAt: z.string().nullable(),
  /** why it is offline: missed heartbeats, or the MQTT last will */
  offlineReason: z.enum(['missed_heartbeats', 'last_will', 'state_offline']).nullable(),
  offlineSince: z.string().nullable(),
});

/** Where a device was placed on the network when it was registered. */
export const DevicePlacement = z.object({
  coordinates: LonLat,
  lineId: z.string().nullable(),
  lineName: z.string().nullable(),
  fromMileage: z.string().nullable(),
  toMileage: z.string().nullable(),
  /** metres along the line geometry (internal measure), for distances between devices */
  fromMeasureM: z.number().nullable(),
  toMeasureM: z.number().nullable(),
});

export const Device = z.object({
  id: z.string(),
  kind: DeviceKind,
  name: z.string(),
  ownerAgencyId: z.string(),
  ownerName: z.string(),
  location: DeviceLocation,
  placement: DevicePlacement,
  fieldOfView: FieldOfView.nullable(),
  streamUrl: z.string().nullable(),
  snapshotUrl: z.string().nullable(),
  nvrCamera: z.string().nullable(),
  heartbeatS: z.number(),
  enabled: z.boolean(),
  health: DeviceHealth,
  /** agencies with jurisdiction where the device stands (they read it and its alarms) */
  jurisdiction: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Device = z.infer<typeof Device>;

/** The answer to a registration: the key is shown this once when the platform generated it. */
export const DeviceSaved = Device.extend({ key: z.string().optional() });

export const DeviceList = z.object({ devices: z.array(Device), nextCursor: z.string().nullable() });
export const DeviceListQuery = z.object({
  kind: DeviceKind.optional(),
  status: HealthStatus.optional(),
  ownerAgencyId: Id.optional(),
  lineId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.string().max(200).optional(),
});

export const DeviceImportQuery = z.object({ format: z.enum(['csv', 'geojson']).optional() });
export const DeviceImportResult = z.object({
  created: z.number(),
  updated: z.number(),
  /** every refused row with its line (CSV) or feature index (GeoJSON); nothing is written when any */
  errors: z.array(z.object({ row: z.number(), field: z.string(), message: z.string() })),
  /** keys generated for new devices that had none, shown once */
  keys: z.array(z.object({ id: z.string(), key: z.string() })),
});
export type DeviceImportResult = z.infer<typeof DeviceImportResult>;
export const DeviceExportQuery = z.object({ format: z.enum(['csv', 'geojson']).default('csv') });

// ---- messages from the field (MQTT topics railjoint/v1/devices/{id}/event|heartbeat|state) ----

export const DEVICE_EVENT_TYPES = [
  'intrusion',
  'fence_cut',
  'climb',
  'vibration',
  'tamper',
  'fault',
  'person_detected',
  'vehicle_detected',
  'object_detected',
  'call_button',
  'door_open',
  'cable_cut',
  'beam_break',
] as const;
export const DeviceEventType = z.enum(DEVICE_EVENT_TYPES);
export type DeviceEventType = z.infer<typeof DeviceEventType>;

const IsoTime = z.iso.datetime({ offset: true });

export const DeviceEventPayload = z
  .object({
    type: DeviceEventType,
    at: IsoTime,
    /** grows with every message of the device; a repeated one is refused as a replay */
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /** metres along a linear sensor from its start (`from`) */
    positionM: z.number().min(0).max(200_000).optional(),
    confidence: z.number().min(0).max(1).optional(),
    /** the condition ended */
    clear: z.boolean().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type DeviceEventPayload = z.infer<typeof DeviceEventPayload>;

export const HeartbeatPayload = z
  .object({
    at: IsoTime,
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** `online`/`offline` as plain text (the usual last will) or as {"state": …}. */
export const StatePayload = z.object({ state: z.enum(['online', 'offline']), at: IsoTime.optional() }).strict();

/** Why a message was refused; each is counted. */
export const REFUSAL_REASONS = [
  'too_large',
  'bad_topic',
  'bad_json',
  'bad_payload',
  'unknown_device',
  'disabled_device',
  'future_time',
  'stale_time',
  'replayed_seq',
  'bad_signature',
  'unmapped_camera',
  'unmapped_label',
  'internal_error',
] as const;
export const RefusalReason = z.enum(REFUSAL_REASONS);
export type RefusalReason = z.infer<typeof RefusalReason>;

/** A gateway's batch over HTTP: each message exactly as it would go over MQTT, signed with its device's key. */
export const DeviceEventBatch = z.object({
  messages: z
    .array(
      z
        .object({
          deviceId: DeviceId,
          topic: z.enum(['event', 'heartbeat', 'state']),
          /** the MQTT payload, as text (over 64 KiB is refused and counted as too_large) */
          payload: z.string().max(16 * 1024 * 1024),
          /** hex HMAC-SHA256 of the payload's UTF-8 bytes under the device's key */
          signature: z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hex digits (HMAC-SHA256)'),
        })
        .strict(),
    )
    .min(1)
    .max(500),
});
export type DeviceEventBatch = z.infer<typeof DeviceEventBatch>;

export const DeviceEventBatchResult = z.object({
  accepted: z.number(),
  refused: z.number(),
  results: z.array(z.object({ index: z.number(), ok: z.boolean(), reason: RefusalReason.optional() })),
});

export const IngestStats = z.object({
  /** refused messages since the platform's first start, by reason */
  refused: z.record(z.string(), z.number()),
  mqtt: z.object({ mode: z.enum(['external', 'embedded', 'off']), url: z.string().nullable(), connected: z.boolean() }),
});

export const AvailabilityQuery = z.object({
  from: IsoTime.optional(),
  to: IsoTime.optional(),
});
export const Availability = z.object({
  from: z.string(),
  to: z.string(),
  devices: z.array(z.object({ id: z.string(), name: z.string(), kind: DeviceKind, ownerAgencyId: z.string(), availability: z.number(), offlineS: z.number() })),
  owners: z.array(z.object({ agencyId: z.string(), name: z.string(), devices: z.number(), availability: z.number() })),
});

// ---- false alarms per device (the share of its alarms operators marked false) ----

/** A period: by default the month up to now (a day is too few alarms to judge a device by). */
export const FalseAlarmRateQuery = z
  .object({ from: IsoTime.optional(), to: IsoTime.optional() })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) > Date.parse(q.from), { path: ['to'], message: 'must be after from', params: { zh: '须晚于开始时间' } });

const FalseCounts = {
  /** alarms raised before the period ended and last repeated in it (those a rule explained or that chatter left out) */
  alarms: z.number(),
  falseAlarms: z.number(),
  /** falseAlarms / alarms, 0–1; 0 when there were no alarms */
  rate: z.number(),
};

export const DeviceFalseAlarmRate = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  kind: DeviceKind,
  ownerAgencyId: z.string(),
  ownerName: z.string(),
  ...FalseCounts,
});
export type DeviceFalseAlarmRate = z.infer<typeof DeviceFalseAlarmRate>;

/** Every device the reader may see that raised alarms in the period, the highest rate first. */
export const FalseAlarmRates = z.object({
  from: z.string(),
  to: z.string(),
  devices: z.array(DeviceFalseAlarmRate),
  byKind: z.array(z.object({ kind: DeviceKind, ...FalseCounts })),
});
export type FalseAlarmRates = z.infer<typeof FalseAlarmRates>;

/** One device's false alarms over a period: the totals, per Beijing day, and the latest marks with why. */
export const DeviceFalseAlarms = z.object({
  deviceId: z.string(),
  from: z.string(),
  to: z.string(),
  ...FalseCounts,
  daily: z.array(z.object({ day: z.string(), alarms: z.number(), falseAlarms: z.number() })),
  /** the latest twenty marked false, newest first; `by` is the person's display name */
  recent: z.array(z.object({ alarmId: z.string(), condition: DeviceEventType, at: z.string(), by: z.string(), reason: z.string() })),
});
export type DeviceFalseAlarms = z.infer<typeof DeviceFalseAlarms>;
