/**
 * Alarm floods (ISA-18.2, EEMUA 191): more than 10 new alarms in 10 minutes at one console. A
 * console is an agency's alarm list: the centre's sees every alarm, another agency's those of its
 * own devices and where it has jurisdiction.
 */
export const FLOOD_WINDOW_MS = 10 * 60_000;
export const FLOOD_THRESHOLD = 10;
/** ISA-18.2 average rates per console: about 6 an hour acceptable, 12 the most manageable. */
export const ACCEPTABLE_PER_HOUR = 6;
export const MANAGEABLE_PER_HOUR = 12;

export function inFlood(recentCount: number, threshold = FLOOD_THRESHOLD): boolean {
  return recentCount > threshold;
}

export interface Episode {
  startMs: number;
  endMs: number | null;
}

/** Share of [fromMs, toMs) spent in flood (episodes clipped; an open one runs to `toMs`). */
export function floodShare(episodes: readonly Episode[], fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  let total = 0;
  let reached = fromMs;
  for (const e of [...episodes].sort((a, b) => a.startMs - b.startMs)) {
    const a = Math.max(reached, e.startMs);
    const b = Math.min(toMs, e.endMs ?? toMs);
    if (b > a) {
      total += b - a;
      reached = b;
    }
  }
  return total / (toMs - fromMs);
}

/** What the sweep does with a console: open an episode, close it, or nothing. */
export function floodTransition(open: boolean, recentCount: number, threshold = FLOOD_THRESHOLD): 'start' | 'end' | null {
  const flooded = inFlood(recentCount, threshold);
  if (flooded && !open) return 'start';
  if (!flooded && open) return 'end';
  return null;
}
