import type { LonLat } from '@railjoint/contracts';
import { distanceM } from '../network/geo.js';

/** Just what duplicate detection needs from an incident, stored or just reported. */
export interface DuplicateProbe {
  id?: string;
  categoryId: string;
  coordinates: LonLat | null;
  /** the located line and the mileage in metres (same prefix assumed when lineId matches) */
  lineId?: string | null;
  mileageM?: number | null;
  occurredAt?: string | null;
  receivedAt?: string | null;
}

export interface DuplicateCandidate {
  id: string;
  score: number;
  distanceM: number;
  /** how the distance was measured: straight line, or along the same line by mileage */
  by: 'point' | 'mileage';
  timeApartS: number;
}

export interface DuplicateOptions {
  distanceM?: number;
  windowS?: number;
}

function when(p: DuplicateProbe): number | null {
  const t = Date.parse(p.occurredAt ?? p.receivedAt ?? '');
  return Number.isFinite(t) ? t : null;
}

/**
 * Open incidents that are probably the same event as the new report: same category, near in
 * space and time. Several callers about one fire on the line is the common case; the dispatcher
 * merges, so recall matters more than precision and the score only orders the list.
 */
export function findLikelyDuplicates(
  report: DuplicateProbe,
  open: readonly (DuplicateProbe & { id: string })[],
  opts: DuplicateOptions = {},
): DuplicateCandidate[] {
  const maxD = opts.distanceM ?? 500;
  const windowS = opts.windowS ?? 1800;
  const t0 = when(report);
  const out: DuplicateCandidate[] = [];
  for (const o of open) {
    if (o.id === report.id || o.categoryId !== report.categoryId) continue;
    const t1 = when(o);
    // Without a time on either side we cannot rule it out by time: treat as simultaneous.
    const apartS = t0 === null || t1 === null ? 0 : Math.abs(t1 - t0) / 1000;
    if (apartS > windowS) continue;
    const d = separation(report, o);
    if (!d || d.m > maxD) continue;
    const score = 0.6 * (1 - d.m / maxD) + 0.4 * (1 - apartS / windowS);
    out.push({ id: o.id, score: Math.round(score * 1000) / 1000, distanceM: Math.round(d.m), by: d.by, timeApartS: Math.round(apartS) });
  }
  return out.sort((a, b) => b.score - a.score || a.distanceM - b.distanceM);
}

// Along the same line the mileage is the better measure: two reports "at K123+400" from either
// side of a cutting can be far apart as the crow flies yet be the same spot on the track.
function separation(a: DuplicateProbe, b: DuplicateProbe): { m: number; by: 'point' | 'mileage' } | null {
  const sameLine = a.lineId != null && a.lineId === b.lineId && a.mileageM != null && b.mileageM != null;
  const byMileage = sameLine ? Math.abs(a.mileageM! - b.mileageM!) : Infinity;
  const byPoint = a.coordinates && b.coordinates ? distanceM(a.coordinates, b.coordinates) : Infinity;
  if (byMileage === Infinity && byPoint === Infinity) return null;
  return byMileage <= byPoint ? { m: byMileage, by: 'mileage' } : { m: byPoint, by: 'point' };
}
