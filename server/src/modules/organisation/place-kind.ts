import type { PlaceKind, ProtectionZoneVerdict } from '@railjoint/contracts';

/** A point farther than this from the track is not "in the station" even within the precinct length. */
export const STATION_MAX_OFFSET_M = 150;

export interface PlaceFacts {
  /** the incident is on a train (a train number was given) */
  onTrain?: boolean;
  /** the location was given as a station */
  stationGiven?: boolean;
  /** the nearest station along the line, if any */
  nearestStation?: { alongM: number; precinctM: number } | null;
  /** distance from the line centre; null when no line is within reach */
  offsetM: number | null;
  formationHalfWidthM: number;
  zone: ProtectionZoneVerdict | null;
}

/** Ordered from the most specific place to the least: a train or station outranks the ground under it. */
export function decidePlaceKind(f: PlaceFacts): PlaceKind {
  if (f.onTrain) return 'train';
  if (f.stationGiven) return 'station';
  if (f.offsetM === null) return 'outside';
  const offset = Math.abs(f.offsetM);
  const st = f.nearestStation;
  if (st && st.alongM <= st.precinctM && offset <= STATION_MAX_OFFSET_M) return 'station';
  if (offset <= f.formationHalfWidthM) return 'line_enclosure';
  if (f.zone?.inside) return 'protection_zone';
  return 'outside';
}
