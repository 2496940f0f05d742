/**
 * Device health as pure rules. GB/T 28181 sends a keepalive every 60 s and calls a device offline
 * after three missed; the interval is configurable per device and for the platform.
 */
export const MISSED_BEATS = 3;

export type HealthStatus = 'unknown' | 'online' | 'offline';

/** Is a device that was last heard of at lastSeenMs overdue at nowMs (three intervals missed)? */
export function missedBeats(lastSeenMs: number | null, intervalS: number, nowMs: number): boolean {
  if (lastSeenMs === null) return false;
  return nowMs - lastSeenMs > MISSED_BEATS * intervalS * 1000;
}

/** The instant before which a device of this interval counts as overdue. */
export function overdueBefore(nowMs: number, intervalS: number): number {
  return nowMs - MISSED_BEATS * intervalS * 1000;
}

/** What a message from the device does to its state: any accepted message means it is alive, except its last will. */
export function afterMessage(status: HealthStatus, kind: 'event' | 'heartbeat' | 'online' | 'offline'): { status: HealthStatus; changed: boolean } {
  const next: HealthStatus = kind === 'offline' ? 'offline' : 'online';
  return { status: next, changed: next !== status };
}

export interface Outage {
  fromMs: number;
  toMs: number | null;
}

/**
 * Share of [fromMs, toMs) a device was not offline. Outages may overlap the period's edges or
 * each other (a will and a sweep both recorded): the offline time is their union, clipped.
 */
export function availability(outages: readonly Outage[], fromMs: number, toMs: number): { availability: number; offlineMs: number } {
  if (toMs <= fromMs) return { availability: 1, offlineMs: 0 };
  const clipped = outages
    .map((o) => [Math.max(fromMs, o.fromMs), Math.min(toMs, o.toMs ?? toMs)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let offline = 0;
  let curA = -Infinity;
  let curB = -Infinity;
  for (const [a, b] of clipped) {
    if (a > curB) {
      if (curB > curA) offline += curB - curA;
      curA = a;
      curB = b;
    } else curB = Math.max(curB, b);
  }
  if (curB > curA) offline += curB - curA;
  return { availability: 1 - offline / (toMs - fromMs), offlineMs: offline };
}
