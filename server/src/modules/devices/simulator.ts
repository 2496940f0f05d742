import type { DeviceKind } from '@railjoint/contracts';
import { createRng } from '../../demo/prng.js';

/**
 * A realistic fleet for demonstrations and benchmarks, as plain data: which message each device
 * sends at which moment of the run. The scenarios of the issue run side by side — intruders
 * walking along fences, trains passing sensors, a chattering sensor, a device that dies, a crew
 * working in a maintenance window — over heartbeats from every device and background noise that
 * fills the requested rate. Deterministic for a seed, so a demonstration can be replayed.
 */
export interface SimDevice {
  id: string;
  kind: DeviceKind;
  /** the sensor's length along the line, metres (0 for a point device) */
  lengthM: number;
  heartbeatS: number;
}

export interface SimMessage {
  /** milliseconds from the start of the run */
  atMs: number;
  deviceId: string;
  channel: 'event' | 'heartbeat' | 'state';
  body: Record<string, unknown> | 'offline';
  scenario: 'heartbeat' | 'intruder' | 'train' | 'chatter' | 'dies' | 'crew' | 'noise';
}

export interface SimPlan {
  forMs: number;
  /** messages per second, all scenarios and heartbeats included (noise fills what they leave) */
  rate: number;
  seed: number;
  /** train passes at a sensor (from the timetable), ms from the start and position along it */
  trainPasses: Array<{ deviceId: string; atMs: number; positionM: number }>;
  /** a sensor and the stretch of it inside a maintenance window, if there is one */
  crew: { deviceId: string; fromM: number; toM: number } | null;
}

const LINEAR: readonly DeviceKind[] = ['fibre_sensor', 'fence_sensor', 'radar', 'infrared_beam'];

export function planRun(devices: readonly SimDevice[], plan: SimPlan): SimMessage[] {
  const rng = createRng(plan.seed);
  const rnd = () => rng.next();
  const pick = <T>(list: readonly T[]) => rng.pick(list);
  const out: SimMessage[] = [];
  const linear = devices.filter((d) => LINEAR.includes(d.kind) && d.lengthM > 0);
  const dying = devices.find((d) => !LINEAR.includes(d.kind)) ?? devices[0];
  const chatterer = linear.at(-1) ?? null;
  // heartbeats, spread over each interval so a fleet does not beat in step; the dying device stops a third of the way in
  for (const d of devices) {
    const stop = d === dying ? plan.forMs / 3 : plan.forMs;
    for (let t = rnd() * d.heartbeatS * 1000; t < stop; t += d.heartbeatS * 1000) out.push({ atMs: t, deviceId: d.id, channel: 'heartbeat', body: {}, scenario: 'heartbeat' });
  }
  // an intruder walks along a fence at about 1.4 m/s, the sensor reporting every 5 s, for up to 4 minutes
  for (const d of linear.slice(0, Math.max(1, Math.floor(linear.length / 50))).filter((x) => x !== chatterer)) {
    const start = rnd() * plan.forMs * 0.5;
    let pos = rnd() * Math.max(0, d.lengthM - 400);
    for (let t = start; t < Math.min(plan.forMs, start + 240_000) && pos <= d.lengthM; t += 5000, pos += 7) out.push({ atMs: t, deviceId: d.id, channel: 'event', body: { type: 'intrusion', positionM: round(pos), confidence: 0.7 }, scenario: 'intruder' });
  }
  for (const p of plan.trainPasses) {
    for (const dt of [-4000, 0, 4000]) out.push({ atMs: p.atMs + dt, deviceId: p.deviceId, channel: 'event', body: { type: 'vibration', positionM: round(p.positionM), confidence: 0.9 }, scenario: 'train' });
  }
  // a sensor that activates and clears every 15 s: chattering within the first minute; a run
  // shorter than a minute gets it faster, so that it chatters at least three times there too
  if (chatterer) {
    const every = Math.min(15_000, plan.forMs / 4);
    for (let t = Math.min(10_000, every / 2); t < Math.min(plan.forMs, 130_000); t += every) {
      out.push({ atMs: t, deviceId: chatterer.id, channel: 'event', body: { type: 'climb', positionM: 20 }, scenario: 'chatter' });
      out.push({ atMs: t + Math.min(2000, every / 2), deviceId: chatterer.id, channel: 'event', body: { type: 'climb', positionM: 20, clear: true }, scenario: 'chatter' });
    }
  }
  if (dying) out.push({ atMs: plan.forMs / 3, deviceId: dying.id, channel: 'state', body: 'offline', scenario: 'dies' });
  if (plan.crew) {
    for (let t = 5000, pos = plan.crew.fromM; t < plan.forMs && pos <= plan.crew.toM; t += 20_000, pos += 25) out.push({ atMs: t, deviceId: plan.crew.deviceId, channel: 'event', body: { type: 'intrusion', positionM: round(pos), confidence: 0.8 }, scenario: 'crew' });
  }
  // background: faults, tampering and stray vibrations on random devices, up to the rate
  const noise = Math.max(0, Math.floor((plan.rate * plan.forMs) / 1000) - out.length);
  const kinds = ['vibration', 'fault', 'tamper'] as const;
  const alive = devices.filter((d) => d !== dying);
  for (let i = 0; i < noise && alive.length; i++) {
    const d = pick(alive);
    const type = d.kind === 'camera' ? 'object_detected' : pick(kinds);
    out.push({ atMs: rnd() * plan.forMs, deviceId: d.id, channel: 'event', body: { type, ...(d.lengthM > 0 ? { positionM: round(rnd() * d.lengthM) } : {}), confidence: round(rnd()) }, scenario: 'noise' });
  }
  return out.filter((m) => m.atMs >= 0 && m.atMs < plan.forMs).sort((a, b) => a.atMs - b.atMs);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** `90s`, `15m`, `2h`, or plain seconds → milliseconds; null when it is none of those. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Number(m[1]) * unit;
  return ms > 0 ? ms : null;
}

/** The payload a message goes out with: its time and a sequence number that grows across runs. */
export function payloadOf(m: SimMessage, startMs: number, seq: number): string {
  if (m.body === 'offline') return 'offline';
  const at = new Date(startMs + m.atMs).toISOString();
  return JSON.stringify(m.channel === 'heartbeat' ? { at, seq } : { ...m.body, at, seq });
}
