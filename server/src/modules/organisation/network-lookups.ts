import type { AreaClass } from '@railjoint/contracts';
import { DEFAULT_FORMATION_HALF_WIDTH_M, DEFAULT_PRECINCT_M, type LineView, type NetworkView, type StationView } from './network-view.js';

export interface StationOnLine {
  station: StationView;
  measureM: number;
  precinctM: number;
}

interface LineTables {
  /** sorted by measure, so the nearest station is a binary search away */
  stations: StationOnLine[];
  areaStretches: { lo: number; hi: number; areaClass: AreaClass }[];
}

// Keyed by the view object: a new network model comes with a new view, which drops the old tables.
const cache = new WeakMap<NetworkView, Map<string, LineTables>>();

/**
 * The measure of a mileage on a line. Where a long chain makes the mileage occur twice, the first
 * occurrence is taken: any fixed choice lets two ranges that meet at such a mileage touch instead of
 * overlapping or leaving a gap, and the first is what a reader of the km posts meets first.
 */
export function measureOf(network: NetworkView, lineId: string, mileage: string): number | null {
  const found = network.positions(lineId, mileage);
  return found.length ? Math.min(...found.map((p) => p.measureM)) : null;
}

export function formationHalfWidthOf(line: LineView): number {
  return line.formationHalfWidthM ?? DEFAULT_FORMATION_HALF_WIDTH_M;
}

/** The station nearest along the line to a measure, with its along-line distance. */
export function nearestStation(network: NetworkView, lineId: string, measureM: number): (StationOnLine & { alongM: number }) | null {
  const { stations } = tables(network, lineId);
  if (stations.length === 0) return null;
  let lo = 0;
  let hi = stations.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stations[mid]!.measureM < measureM) lo = mid + 1;
    else hi = mid;
  }
  let best: StationOnLine | undefined;
  for (const i of [lo - 1, lo]) {
    const s = stations[i];
    if (s && (!best || Math.abs(s.measureM - measureM) < Math.abs(best.measureM - measureM))) best = s;
  }
  return best ? { ...best, alongM: Math.abs(best.measureM - measureM) } : null;
}

/** The station's measure on a line it serves, or null when it does not serve it. */
export function stationMeasure(network: NetworkView, stationId: string, lineId: string): number | null {
  return tables(network, lineId).stations.find((s) => s.station.id === stationId)?.measureM ?? null;
}

export function areaClassAt(network: NetworkView, lineId: string, measureM: number): AreaClass {
  for (const s of tables(network, lineId).areaStretches) if (measureM >= s.lo && measureM <= s.hi) return s.areaClass;
  return 'other';
}

function tables(network: NetworkView, lineId: string): LineTables {
  let perLine = cache.get(network);
  if (!perLine) cache.set(network, (perLine = new Map()));
  let t = perLine.get(lineId);
  if (!t) perLine.set(lineId, (t = buildTables(network, lineId)));
  return t;
}

function buildTables(network: NetworkView, lineId: string): LineTables {
  const stations: StationOnLine[] = [];
  for (const station of network.stationsOnLine(lineId)) {
    // The precinct is measured around the station's point, so project the point rather than trust
    // a mileage that may be missing or rounded.
    const at = network.locateOnLine(lineId, station.point);
    if (at) stations.push({ station, measureM: at.measureM, precinctM: station.precinctM ?? DEFAULT_PRECINCT_M });
  }
  stations.sort((a, b) => a.measureM - b.measureM);
  const areaStretches: LineTables['areaStretches'] = [];
  for (const s of network.line(lineId)?.areaClasses ?? []) {
    const a = measureOf(network, lineId, s.from);
    const b = measureOf(network, lineId, s.to);
    if (a !== null && b !== null) areaStretches.push({ lo: Math.min(a, b), hi: Math.max(a, b), areaClass: s.areaClass });
  }
  return { stations, areaStretches };
}
