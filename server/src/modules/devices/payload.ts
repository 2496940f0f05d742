import { DeviceEventPayload, HeartbeatPayload, StatePayload, type DeviceEventType, type RefusalReason } from '@railjoint/contracts';

/**
 * The MQTT contract (docs/device-mqtt.md) as pure parsing: topic → device and channel, payload →
 * a typed message or the reason it is refused. Nothing here trusts the bytes: size first, then
 * JSON, then the schema, then the clock.
 */
export const TOPIC_PREFIX = 'railjoint/v1/devices/';
export const FRIGATE_TOPIC = 'frigate/events';
/** a device message is small; anything bigger is refused before it is parsed */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** how far ahead of the platform clock a device's time may be (clock drift), and how old */
export const MAX_FUTURE_MS = 5 * 60_000;
export const MAX_AGE_MS = 24 * 3600_000;

export type Channel = 'event' | 'heartbeat' | 'state';

export type Refusal = { ok: false; reason: RefusalReason; detail: string };
const refuse = (reason: RefusalReason, detail: string): Refusal => ({ ok: false, reason, detail });

export type Parsed =
  | { ok: true; kind: 'event'; event: DeviceEventPayload }
  | { ok: true; kind: 'heartbeat'; atMs: number; seq: number | null }
  | { ok: true; kind: 'state'; state: 'online' | 'offline'; atMs: number | null };

export function parseTopic(topic: string): { deviceId: string; channel: Channel } | { frigate: true } | null {
  if (topic === FRIGATE_TOPIC) return { frigate: true };
  if (!topic.startsWith(TOPIC_PREFIX)) return null;
  const rest = topic.slice(TOPIC_PREFIX.length).split('/');
  if (rest.length !== 2 || !rest[0] || !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(rest[0])) return null;
  const channel = rest[1];
  if (channel !== 'event' && channel !== 'heartbeat' && channel !== 'state') return null;
  return { deviceId: rest[0], channel };
}

function json(bytes: Buffer | string): { ok: true; value: unknown } | Refusal {
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  if (size > MAX_PAYLOAD_BYTES) return refuse('too_large', `${size} bytes; at most ${MAX_PAYLOAD_BYTES}`);
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return refuse('bad_json', (e as Error).message.slice(0, 200));
  }
}

function schemaRefusal(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Refusal {
  return refuse('bad_payload', issues.slice(0, 5).map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; '));
}

export function checkTime(atMs: number, nowMs: number): Refusal | null {
  if (atMs - nowMs > MAX_FUTURE_MS) return refuse('future_time', `${new Date(atMs).toISOString()} is ahead of the platform clock`);
  if (nowMs - atMs > MAX_AGE_MS) return refuse('stale_time', `${new Date(atMs).toISOString()} is more than a day old`);
  return null;
}

export function parseDeviceMessage(channel: Channel, bytes: Buffer | string, nowMs: number): Parsed | Refusal {
  if (channel === 'state') {
    const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
    if (size > MAX_PAYLOAD_BYTES) return refuse('too_large', `${size} bytes; at most ${MAX_PAYLOAD_BYTES}`);
    // the usual last will is the bare word
    const text = (typeof bytes === 'string' ? bytes : bytes.toString('utf8')).trim();
    if (text === 'online' || text === 'offline') return { ok: true, kind: 'state', state: text, atMs: null };
  }
  const parsed = json(bytes);
  if (!parsed.ok) return parsed;
  if (channel === 'state') {
    const s = StatePayload.safeParse(parsed.value);
    if (!s.success) return schemaRefusal(s.error.issues);
    const atMs = s.data.at ? Date.parse(s.data.at) : null;
    const late = atMs === null ? null : checkTime(atMs, nowMs);
    return late ?? { ok: true, kind: 'state', state: s.data.state, atMs };
  }
  if (channel === 'heartbeat') {
    const h = HeartbeatPayload.safeParse(parsed.value);
    if (!h.success) return schemaRefusal(h.error.issues);
    const atMs = Date.parse(h.data.at);
    return checkTime(atMs, nowMs) ?? { ok: true, kind: 'heartbeat', atMs, seq: h.data.seq ?? null };
  }
  const e = DeviceEventPayload.safeParse(parsed.value);
  if (!e.success) return schemaRefusal(e.error.issues);
  return checkTime(Date.parse(e.data.at), nowMs) ?? { ok: true, kind: 'event', event: e.data };
}

/** A Frigate event (frigate/events) reduced to what the platform uses. */
export interface FrigateEvent {
  camera: string;
  condition: DeviceEventType;
  /** Frigate's event id and the message type: new and end are each accepted once */
  eventId: string;
  type: 'new' | 'update' | 'end';
  atMs: number;
  zones: string[];
  score: number | null;
}

const LABELS: Record<string, DeviceEventType> = {
  person: 'person_detected',
  car: 'vehicle_detected',
  truck: 'vehicle_detected',
  bus: 'vehicle_detected',
  motorcycle: 'vehicle_detected',
  bicycle: 'vehicle_detected',
  dog: 'object_detected',
  cat: 'object_detected',
  cow: 'object_detected',
  horse: 'object_detected',
};

/**
 * Frigate's MQTT events: {type: new|update|end, before, after: {id, camera, label, current_zones,
 * start_time, end_time, top_score…}} with times as Unix seconds. An NVR can feed the platform as
 * it is, mapped to registered cameras by name.
 */
export function parseFrigate(bytes: Buffer | string, nowMs: number): { ok: true; event: FrigateEvent } | Refusal {
  const parsed = json(bytes);
  if (!parsed.ok) return parsed;
  const v = parsed.value as { type?: unknown; after?: Record<string, unknown> } | null;
  if (!v || typeof v !== 'object' || !['new', 'update', 'end'].includes(v.type as string) || !v.after || typeof v.after !== 'object') {
    return refuse('bad_payload', 'a Frigate event has type new|update|end and an "after" object');
  }
  const a = v.after;
  if (typeof a.camera !== 'string' || !a.camera || typeof a.label !== 'string' || typeof a.id !== 'string' || !a.id) return refuse('bad_payload', 'after.camera, after.label and after.id are strings');
  const condition = LABELS[a.label];
  if (!condition) return refuse('unmapped_label', `label "${String(a.label).slice(0, 40)}" is not mapped to an alarm condition`);
  const type = v.type as FrigateEvent['type'];
  const seconds = type === 'end' && typeof a.end_time === 'number' ? a.end_time : typeof a.frame_time === 'number' ? a.frame_time : typeof a.start_time === 'number' ? a.start_time : null;
  const atMs = seconds === null ? nowMs : Math.round(seconds * 1000);
  const late = checkTime(atMs, nowMs);
  if (late) return late;
  const zones = Array.isArray(a.current_zones) ? a.current_zones.filter((z): z is string => typeof z === 'string').slice(0, 20) : [];
  const score = typeof a.top_score === 'number' ? a.top_score : typeof a.score === 'number' ? a.score : null;
  return { ok: true, event: { camera: a.camera, condition, eventId: a.id.slice(0, 100), type, atMs, zones, score } };
}
