import type { IncidentLocationInput, LonLat, PlaceHit } from '@railjoint/contracts';

/**
 * Where a chosen place puts the call: a station by its id (so the station's own police and staff
 * answer for it), anything else at the nearest point of its line — the railway beside the village,
 * the crossing on the track — or its own point when no line is near. A point rather than a
 * mileage, so that a mileage a long chain repeats keeps the candidate chosen.
 */
export function hitLocation(hit: PlaceHit): IncidentLocationInput | null {
  switch (hit.kind) {
    case 'station':
      return { stationId: hit.id };
    case 'police_station':
      return { stationId: hit.stationId };
    case 'line':
      return null;
    default: {
      const [lon, lat] = hitPoint(hit)!;
      return { lon, lat };
    }
  }
}

/** The point the map goes to and looks up: on the railway where the place has a line. */
export function hitPoint(hit: PlaceHit): LonLat | null {
  switch (hit.kind) {
    case 'line':
      return null;
    case 'site':
      return hit.line.onLine;
    case 'place':
      return hit.line?.onLine ?? hit.coordinates;
    default:
      return hit.coordinates;
  }
}

/** The line a hit lies on, so that a bare "K123+456" typed next means that line. */
export function hitLineId(hit: PlaceHit): string | null {
  switch (hit.kind) {
    case 'line':
      return hit.id;
    case 'mileage':
      return hit.lineId;
    case 'site':
      return hit.line.lineId;
    case 'place':
      return hit.line?.lineId ?? null;
    default:
      return null;
  }
}
