/**
 * Correlation: activations of neighbouring sensors along the same stretch within a distance and a
 * time (an intruder walking along the fence) belong to one alarm group, whose extent in mileage
 * grows with them. Pure: the engine loads the candidate groups, this decides.
 */
export interface CorrelationParams {
  /** how far beyond a group's extent an activation still joins it, metres along the line */
  distanceM: number;
  /** how long after a group's last activation a new one still joins it */
  windowMs: number;
}

export const DEFAULT_CORRELATION: CorrelationParams = { distanceM: 200, windowMs: 5 * 60_000 };

export interface GroupView {
  id: string;
  lineId: string | null;
  fromM: number | null;
  toM: number | null;
  lastAtMs: number;
  /** devices already in it: an activation off the line joins only its own device's group */
  deviceIds: readonly string[];
}

export interface ActivationView {
  deviceId: string;
  lineId: string | null;
  /** where along the line (measure); null for a device off the line */
  measureM: number | null;
  /** the stretch a camera sees, when it is a camera */
  stretch?: { fromM: number; toM: number } | null;
  atMs: number;
}

/** Distance from a measure (or stretch) to a group's extent; 0 when inside or overlapping. */
export function gapM(g: { fromM: number; toM: number }, from: number, to: number = from): number {
  if (to < g.fromM) return g.fromM - to;
  if (from > g.toM) return from - g.toM;
  return 0;
}

/** The group the activation joins (the nearest, then the latest), or null for a new group. */
export function correlate(groups: readonly GroupView[], a: ActivationView, p: CorrelationParams = DEFAULT_CORRELATION): string | null {
  let best: { id: string; gap: number; last: number } | null = null;
  for (const g of groups) {
    if (a.atMs - g.lastAtMs > p.windowMs || g.lastAtMs - a.atMs > p.windowMs) continue;
    let gap: number;
    if (a.lineId === null || a.measureM === null || g.lineId === null || g.fromM === null || g.toM === null) {
      if (!g.deviceIds.includes(a.deviceId)) continue;
      gap = 0;
    } else {
      if (g.lineId !== a.lineId) continue;
      const from = a.stretch?.fromM ?? a.measureM;
      const to = a.stretch?.toM ?? a.measureM;
      gap = gapM({ fromM: g.fromM, toM: g.toM }, from, to);
      if (gap > p.distanceM) continue;
    }
    if (!best || gap < best.gap || (gap === best.gap && g.lastAtMs > best.last)) best = { id: g.id, gap, last: g.lastAtMs };
  }
  return best?.id ?? null;
}

/** The extent after an activation at a measure; cameras confirm without stretching it. */
export function extend(extent: { fromM: number | null; toM: number | null }, measureM: number | null, isCamera: boolean): { fromM: number | null; toM: number | null } {
  if (measureM === null || isCamera) return extent;
  return { fromM: extent.fromM === null ? measureM : Math.min(extent.fromM, measureM), toM: extent.toM === null ? measureM : Math.max(extent.toM, measureM) };
}
