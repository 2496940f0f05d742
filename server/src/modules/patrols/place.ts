import type { CheckpointPlace, LonLat } from '@railjoint/contracts';
import type { NetworkModel } from '../network/network-model.js';
import { NetworkError } from '../network/network-model.js';
import { validationError, fieldError } from '../../platform/http/errors.js';

export interface PlacedPoint {
  coordinates: LonLat;
  lineId: string | null;
  mileage: string | null;
  measureM: number | null;
  sectionId: string | null;
  stationId: string | null;
}

/** A point off the track farther than this belongs to no section (a post at a village gate). */
const ON_LINE_M = 500;

/**
 * Where a checkpoint is, from how it was given: a mileage on a line (the first place it names,
 * where a long chain repeats it), a station (on its first line), or a point (the nearest line
 * within 500 m). Its section is what coverage counts it under.
 */
export function placeCheckpoint(model: NetworkModel, place: CheckpointPlace, field = 'body.place'): PlacedPoint {
  try {
    if ('mileage' in place) {
      const pos = model.position(place.lineId, place.mileage);
      const c = pos.candidates[0]!;
      return { coordinates: c.coordinates, lineId: pos.lineId, mileage: pos.mileage, measureM: c.measureM, sectionId: c.sectionId, stationId: null };
    }
    if ('stationId' in place) {
      const st = model.station(place.stationId);
      if (!st) throw validationError([fieldError(`${field}.stationId`, '车站不存在', 'no such station')]);
      const on = st.lines[0];
      return { coordinates: st.coordinates, lineId: on?.lineId ?? null, mileage: on?.mileage ?? null, measureM: on?.measureM ?? null, sectionId: on ? (model.sectionAt(on.lineId, on.measureM)?.id ?? null) : null, stationId: st.id };
    }
    const hit = model.locate([place.lon, place.lat], { maxOffsetM: ON_LINE_M });
    return { coordinates: [place.lon, place.lat], lineId: hit?.lineId ?? null, mileage: hit?.mileage ?? null, measureM: hit?.measureM ?? null, sectionId: hit?.sectionId ?? null, stationId: null };
  } catch (e) {
    if (e instanceof NetworkError) throw validationError([{ field: e.code === 'unknown_line' ? `${field}.lineId` : `${field}.mileage`, message: e.said }]);
    throw e;
  }
}
