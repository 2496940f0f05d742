import { z } from 'zod';
import { request } from './client';

/**
 * The platform's time in the console. The server's clock may differ from the browser's (a training
 * replay started at another instant, a workstation set wrong), and every clock, age, default and
 * deadline on the screen must agree with what the server stamps. So the console keeps the offset
 * between the two: measured over HTTP at start and at sign-in (halving the round trip), refreshed
 * by the live channel's `ready` and 15-second `clock` messages.
 */
let offsetMs = 0;
const listeners = new Set<() => void>();

/** Smaller corrections are jitter of the measurement: not worth re-rendering every clock for. */
const JITTER_MS = 250;

export function platformNow(): number {
  return Date.now() + offsetMs;
}

export function platformIso(): string {
  return new Date(platformNow()).toISOString();
}

/**
 * The server said `serverIso` somewhere between `sentAt` and `receivedAt` (browser times): the
 * midpoint is the best guess of when. A push message has no round trip: both are its arrival.
 */
export function observePlatformTime(serverIso: string, sentAt = Date.now(), receivedAt = sentAt): void {
  const server = Date.parse(serverIso);
  if (!Number.isFinite(server)) return;
  const next = server - (sentAt + receivedAt) / 2;
  if (Math.abs(next - offsetMs) < JITTER_MS) return;
  offsetMs = next;
  for (const listener of listeners) listener();
}

export function onPlatformClockChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const ClockAnswer = z.object({ now: z.string() });

/** Measures the offset against `GET /api/clock` (public, so it works before signing in). */
export async function syncPlatformClock(): Promise<void> {
  const sentAt = Date.now();
  const { now } = await request('GET', '/api/clock', { schema: ClockAnswer });
  observePlatformTime(now, sentAt, Date.now());
}
