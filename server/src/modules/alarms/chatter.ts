/**
 * Chattering (ISA-18.2): an alarm that activates three or more times a minute is noise for the
 * operator. Activations are the alarm's transitions into active (a first raise, or again after
 * clearing), not repeats of a standing condition: an intruder walking the fence is one activation.
 */
export const CHATTER_WINDOW_MS = 60_000;
export const CHATTER_THRESHOLD = 3;
const KEEP = 10;

/** The recent activation instants with this one added, oldest dropped. */
export function recordActivation(recent: readonly number[], atMs: number): number[] {
  return [...recent, atMs].sort((a, b) => a - b).slice(-KEEP);
}

export function isChattering(recent: readonly number[], atMs: number, windowMs = CHATTER_WINDOW_MS, threshold = CHATTER_THRESHOLD): boolean {
  return recent.filter((t) => t <= atMs && atMs - t < windowMs).length >= threshold;
}
