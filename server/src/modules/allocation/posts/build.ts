import type { CoverInstance, LonLat } from '@railjoint/contracts';
import { distanceM } from '../../network/geo.js';
import { etaFigures, etaLowerBoundS, prepareTarget, type AccessPoint, type DispatchUnit, type EtaModel } from '../../dispatch/eta.js';

export interface PostCandidate {
  id: string;
  name: string;
  kind: 'station' | 'access_gate' | 'unit_post';
  coordinates: LonLat;
  /** a patrol car stands there now */
  current: boolean;
}

export interface DemandCell {
  id: string;
  lineId: string;
  /** the cell's middle, along the line and on the map */
  measureM: number;
  coordinates: LonLat;
  weight: number;
}

/**
 * Who covers what: a post covers a cell when a patrol car leaving it reaches the cell within the
 * limit by the dispatch ETA model — by road to a gate or station on that line, then on foot along
 * the track. The straight-line lower bound of the same model skips the pairs that cannot make it,
 * so only nearby pairs are estimated.
 */
export function postCoverage(candidates: readonly PostCandidate[], cells: readonly DemandCell[], access: readonly AccessPoint[], model: EtaModel, limitS: number): Record<string, string[]> {
  const covers: Record<string, string[]> = Object.fromEntries(candidates.map((c) => [c.id, [] as string[]]));
  const byLine = new Map<string, AccessPoint[]>();
  for (const a of access) (byLine.get(a.lineId) ?? byLine.set(a.lineId, []).get(a.lineId)!).push(a);
  const units: DispatchUnit[] = candidates.map((c) => ({ id: c.id, agencyId: '', kind: 'patrol_car', status: 'available', position: c.coordinates, onRailway: false }));
  for (const cell of cells) {
    // only the access points of the cell's own line matter inside the fence
    const prepared = prepareTarget({ coordinates: cell.coordinates, placeKind: 'line_enclosure', line: { lineId: cell.lineId, measureM: cell.measureM } }, byLine.get(cell.lineId) ?? []);
    units.forEach((u, k) => {
      if (etaLowerBoundS(prepared, model, distanceM(u.position!, cell.coordinates)) > limitS) return;
      const f = etaFigures(u, prepared, model);
      if (f && f.etaS <= limitS) covers[candidates[k]!.id]!.push(cell.id);
    });
  }
  return covers;
}

/** The covering instance of p posts among the candidates, none fixed: where the posts would best be from scratch. */
export function postInstance(p: number, candidates: readonly PostCandidate[], cells: readonly DemandCell[], covers: Record<string, string[]>): CoverInstance {
  return { p: Math.min(p, candidates.length), sites: candidates.map((c) => ({ id: c.id })), demands: cells.map((c) => ({ id: c.id, weight: c.weight })), covers };
}

/** The weight a set of posts covers. */
export function coveredBy(posts: Iterable<string>, cells: readonly DemandCell[], covers: Record<string, string[]>): { weight: number; cells: Set<string> } {
  const hit = new Set<string>();
  for (const p of posts) for (const c of covers[p] ?? []) hit.add(c);
  return { weight: cells.reduce((a, c) => a + (hit.has(c.id) ? c.weight : 0), 0), cells: hit };
}
