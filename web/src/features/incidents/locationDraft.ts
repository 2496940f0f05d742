import type { IncidentLocationInput, LonLat, PlaceHit } from '@railjoint/contracts';
import type { StationEntry } from '../search/searchIndex';
import { hitLocation } from '../search/placeHit';

export type LocationMode = 'place' | 'station' | 'mileage' | 'train' | 'point';
export const LOCATION_MODES: LocationMode[] = ['place', 'station', 'mileage', 'train', 'point'];

export interface LocationDraft {
  mode: LocationMode;
  /** what a caller named (a crossing, a village, a police station, "湘桂 500"), as the search found it */
  place: PlaceHit | null;
  station: StationEntry | null;
  lineId: string;
  mileage: string;
  train: string;
  car: string;
  lon: string;
  lat: string;
}

export const EMPTY_LOCATION: LocationDraft = { mode: 'mileage', place: null, station: null, lineId: '', mileage: '', train: '', car: '', lon: '', lat: '' };

export function withPoint(draft: LocationDraft, point: LonLat): LocationDraft {
  return { ...draft, mode: 'point', lon: point[0].toFixed(6), lat: point[1].toFixed(6) };
}

/** The request's location, or the catalogue key of what is missing. */
export function toLocationInput(d: LocationDraft): { ok: true; value: IncidentLocationInput } | { ok: false; missing: 'form.needPlace' | 'form.needStation' | 'form.needMileage' | 'form.needTrain' | 'form.needPoint' } {
  switch (d.mode) {
    case 'place': {
      const at = d.place ? hitLocation(d.place) : null;
      return at ? { ok: true, value: at } : { ok: false, missing: 'form.needPlace' };
    }
    case 'station':
      return d.station ? { ok: true, value: { stationId: d.station.id } } : { ok: false, missing: 'form.needStation' };
    case 'mileage':
      return d.lineId && d.mileage.trim() ? { ok: true, value: { lineId: d.lineId, mileage: d.mileage.trim().toUpperCase() } } : { ok: false, missing: 'form.needMileage' };
    case 'train': {
      if (!d.train.trim()) return { ok: false, missing: 'form.needTrain' };
      const car = Number.parseInt(d.car, 10);
      return { ok: true, value: Number.isFinite(car) ? { train: d.train.trim().toUpperCase(), car } : { train: d.train.trim().toUpperCase() } };
    }
    case 'point': {
      const lon = Number.parseFloat(d.lon);
      const lat = Number.parseFloat(d.lat);
      return Number.isFinite(lon) && Number.isFinite(lat) ? { ok: true, value: { lon, lat } } : { ok: false, missing: 'form.needPoint' };
    }
  }
}
