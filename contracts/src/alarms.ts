import { z } from 'zod';
import { Id } from './common.js';
import { MileageText } from './network.js';
import { PlaceKind, Priority } from './organisation.js';
import { DeviceEventType, DeviceKind, FieldOfView } from './devices.js';

/**
 * Alarms (one per device and condition), alarm groups (neighbouring sensors along one stretch),
 * the context that explains them (a train passing, a maintenance window), the rules that turn
 * groups into incidents, and the ISA-18.2 figures of how well the alarm system serves its consoles.
 */
export const AlarmAnnotation = z.object({
  kind: z.enum(['train_passing', 'maintenance_window', 'chattering']),
  /** what explains it: the train number, the window's crew */
  text: z.string(),
  ref: z.string().nullable(),
});
export type AlarmAnnotation = z.infer<typeof AlarmAnnotation>;

export const Alarm = z.object({
  id: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  deviceKind: DeviceKind,
  condition: DeviceEventType,
  state: z.enum(['active', 'cleared']),
  acknowledged: z.boolean(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  shelvedUntil: z.string().nullable(),
  shelveReason: z.string().nullable(),
  /** events that raised or repeated it */
  count: z.number(),
  activations: z.number(),
  firstAt: z.string(),
  lastAt: z.string(),
  clearedAt: z.string().nullable(),
  lineId: z.string().nullable(),
  mileage: z.string().nullable(),
  groupId: z.string().nullable(),
  chattering: z.boolean(),
  /** not shown as raised: a rule explained it (a train passing) or it chatters */
  suppressed: z.boolean(),
  annotations: z.array(AlarmAnnotation),
  falseAlarm: z.object({ by: z.string(), at: z.string(), reason: z.string() }).nullable(),
});
export type Alarm = z.infer<typeof Alarm>;

export const AlarmGroup = z.object({
  id: z.string(),
  lineId: z.string().nullable(),
  lineName: z.string().nullable(),
  fromMileage: z.string().nullable(),
  toMileage: z.string().nullable(),
  extentM: z.number(),
  firstAt: z.string(),
  lastAt: z.string(),
  /** a camera detection in the same place confirms it */
  confirmed: z.boolean(),
  /** what the rules decided, and why */
  decision: z.object({ action: z.enum(['incident', 'verify', 'none']), ruleId: z.string().nullable(), reason: z.string() }).nullable(),
  incidentId: z.string().nullable(),
  /** the incident's number (JQ…), for a link to its page */
  incidentCode: z.string().nullable(),
  annotations: z.array(AlarmAnnotation),
  alarms: z.array(Alarm),
});
export type AlarmGroup = z.infer<typeof AlarmGroup>;

export const AlarmListQuery = z.object({
  state: z.enum(['active', 'cleared', 'all']).default('active'),
  suppressed: z.enum(['hide', 'include']).default('hide'),
  deviceId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const AlarmList = z.object({
  /** a flood (more than 10 new alarms in 10 minutes at the reader's console) switches to grouped */
  mode: z.enum(['list', 'grouped']),
  flood: z.object({ recent: z.number(), threshold: z.number(), windowS: z.number() }),
  alarms: z.array(Alarm),
  groups: z.array(AlarmGroup),
});

export const ShelveRequest = z.object({
  reason: z.string().trim().min(4).max(500),
  /** how long, minutes (at most a shift: 12 h) */
  minutes: z.number().int().min(1).max(720),
});
export const FalseAlarmRequest = z.object({ reason: z.string().trim().min(4).max(500) });
export const AckRequest = z.object({ note: z.string().trim().max(500).optional() });

// ---- maintenance windows (天窗) ----

const IsoTime = z.iso.datetime({ offset: true });

export const MaintenanceWindowInput = z
  .object({
    lineId: Id,
    from: MileageText,
    to: MileageText,
    start: IsoTime,
    end: IsoTime,
    crew: z.string().trim().min(1).max(200),
    agencyId: Id,
    note: z.string().trim().max(1000).optional(),
  })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), { path: ['end'], message: 'must be after start', params: { zh: '须晚于开始时间' } })
  .refine((w) => Date.parse(w.end) - Date.parse(w.start) <= 24 * 3600_000, { path: ['end'], message: 'a window lasts at most 24 hours', params: { zh: '一个天窗至多 24 小时' } });
export type MaintenanceWindowInput = z.infer<typeof MaintenanceWindowInput>;

export const MaintenanceWindow = z.object({
  id: z.string(),
  lineId: z.string(),
  lineName: z.string(),
  from: z.string(),
  to: z.string(),
  start: z.string(),
  end: z.string(),
  crew: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  note: z.string().nullable(),
  status: z.enum(['planned', 'open', 'ended', 'cancelled']),
  /** metres along the line geometry (internal measure): the map draws the stretch from them */
  fromMeasureM: z.number(),
  toMeasureM: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;
export const MaintenanceWindowQuery = z.object({
  from: IsoTime.optional(),
  to: IsoTime.optional(),
  lineId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const CancelWindowRequest = z.object({ reason: z.string().trim().min(4).max(500) });

// ---- rules: alarm groups → incidents ----

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, Beijing time');

export const AlarmRule = z
  .object({
    id: Id,
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean().default(true),
    when: z
      .object({
        deviceKinds: z.array(DeviceKind).min(1).optional(),
        conditions: z.array(DeviceEventType).min(1).optional(),
        placeKinds: z.array(PlaceKind).min(1).optional(),
        highSpeed: z.boolean().optional(),
        /** Beijing time; from > to spans midnight (20:00–06:00 is night) */
        timeOfDay: z.object({ from: HHMM, to: HHMM }).optional(),
        confirmed: z.boolean().optional(),
        /** the group stretches at least this far along the line (an intruder walking the fence) */
        minExtentM: z.number().min(0).max(100_000).optional(),
      })
      .strict(),
    then: z.discriminatedUnion('action', [
      z.object({ action: z.literal('incident'), category: Id, priority: Priority }).strict(),
      z.object({ action: z.literal('verify') }).strict(),
      z.object({ action: z.literal('none') }).strict(),
    ]),
    /** kept on the incident as the reason for its priority */
    reason: z.string().trim().min(4).max(500),
  })
  .strict();
export type AlarmRule = z.infer<typeof AlarmRule>;
export const AlarmRules = z.object({ rules: z.array(AlarmRule).max(200) });

// ---- cameras at an incident ----

export const CoveringCamera = z.object({
  id: z.string(),
  name: z.string(),
  ownerAgencyId: z.string(),
  distanceM: z.number(),
  fieldOfView: FieldOfView,
  snapshotUrl: z.string().nullable(),
  streamUrl: z.string().nullable(),
  online: z.boolean(),
});
export const CoveringCameras = z.object({ cameras: z.array(CoveringCamera) });

// ---- ISA-18.2 / EEMUA 191 figures ----

/** The longest period the figures are asked for: a year, a leap day included. */
export const KPI_MAX_PERIOD_DAYS = 366;
/** Up to this many days the figures keep each hour; longer periods are drawn per Beijing day. */
export const KPI_HOURLY_MAX_DAYS = 31;
/**
 * A period: by default the 24 hours up to now. Refused when it ends before it starts or is longer
 * than a year (a `from` alone is checked against now by the server).
 */
export const KpiQuery = z
  .object({ from: IsoTime.optional(), to: IsoTime.optional() })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) > Date.parse(q.from), { path: ['to'], message: 'must be after from', params: { zh: '须晚于开始时间' } })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= KPI_MAX_PERIOD_DAYS * 86_400_000, {
    path: ['from'],
    message: `the period is at most ${KPI_MAX_PERIOD_DAYS} days`,
    params: { zh: `统计期最长 ${KPI_MAX_PERIOD_DAYS} 天` },
  });
export const AlarmKpis = z.object({
  from: z.string(),
  to: z.string(),
  targets: z.object({ acceptablePerHour: z.number(), manageablePerHour: z.number(), floodPer10Min: z.number() }),
  consoles: z.array(
    z.object({
      agencyId: z.string(),
      name: z.string(),
      alarms: z.number(),
      perHour: z.number(),
      floodShare: z.number(),
      /**
       * alarms in each hour of the period, oldest first (the first and last may be partial);
       * empty when the period is longer than KPI_HOURLY_MAX_DAYS (then read `daily`)
       */
      hourly: z.array(z.number()),
      /** per Beijing day of the period, oldest first: its alarms, the hours of it in the period and its busiest hour */
      daily: z.array(z.object({ day: z.string(), alarms: z.number(), hours: z.number(), peakHour: z.number() })),
    }),
  ),
  top: z.array(z.object({ id: z.string(), deviceId: z.string(), deviceName: z.string(), condition: z.string(), count: z.number() })),
  chattering: z.array(z.object({ alarmId: z.string(), deviceId: z.string(), deviceName: z.string(), condition: z.string() })),
  stale: z.array(z.object({ alarmId: z.string(), deviceId: z.string(), deviceName: z.string(), condition: z.string(), activeSince: z.string() })),
  falseAlarms: z.object({
    byDevice: z.array(z.object({ deviceId: z.string(), alarms: z.number(), falseAlarms: z.number(), rate: z.number() })),
    byKind: z.array(z.object({ kind: DeviceKind, alarms: z.number(), falseAlarms: z.number(), rate: z.number() })),
  }),
  availability: z.object({ devices: z.number(), mean: z.number() }),
});
export type AlarmKpis = z.infer<typeof AlarmKpis>;
