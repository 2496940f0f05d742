import type { AreaClass, LocateResult, LonLat } from '@railjoint/contracts';

/** One line as the organisation core needs it; mileage is per chainage prefix (K, DK, …). */
export interface LineView {
  id: string;
  name: string;
  highSpeed: boolean;
  /** centre line to outer edge of the formation, metres (network default 12) */
  formationHalfWidthM: number;
  /** the mileage each prefix covers on this line, in metres; used to check jurisdiction ranges */
  mileageRanges: Array<{ prefix: string; fromMetres: number; toMetres: number }>;
  /** land-use class at a mileage (stretches not listed are "other") */
  areaClassAt(prefix: string, metres: number): AreaClass;
}

export interface StationView {
  id: string;
  name: string;
  coordinates: LonLat;
  lines: Array<{ lineId: string; prefix: string; metres: number; measureM: number }>;
  /** along-line reach of the precinct from the station point, metres (network default 600) */
  precinctM: number;
}

export interface StationNearby {
  stationId: string;
  name: string;
  /** along-line distance between the measure asked about and the station, metres (≥ 0) */
  alongM: number;
  precinctM: number;
}

/**
 * Exactly what the organisation core reads from the railway network. Kept narrow so the core
 * stays pure and testable with a hand-made fake; the network module adapts NetworkModel to it.
 */
export interface NetworkView {
  /** nearest line within maxOffsetM of the point, or null */
  locate(point: LonLat, maxOffsetM: number): LocateResult | null;
  /** the point projected onto one given line, or null when that line is farther than maxOffsetM */
  locateOnLine(lineId: string, point: LonLat, maxOffsetM: number): LocateResult | null;
  lineInfo(lineId: string): LineView | null;
  stationInfo(stationId: string): StationView | null;
  /** stations on the line whose point lies within withinM along the line of measureM, nearest first */
  stationsNear(lineId: string, measureM: number, withinM: number): StationNearby[];
  /** coordinates of a mileage on a line; throws when the line or mileage is unknown or off the line */
  positionOf(lineId: string, mileageText: string): LonLat;
}
