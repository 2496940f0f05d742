import { Marker, type Map as MaplibreMap } from 'maplibre-gl';
import type { LonLat } from '@railjoint/contracts';

export interface TrainMarker {
  /** train number and service date: one run */
  key: string;
  train: string;
  label: string;
  coordinates: LonLat;
}

/** The trains near the open incident, where the timetable has them now, as tags with their number. */
export function addTrainMarkers(map: MaplibreMap, trains: readonly TrainMarker[]): () => void {
  const markers = trains.map((t) => {
    const el = document.createElement('div');
    el.className = 'train-marker';
    el.textContent = t.train;
    el.title = t.label;
    el.setAttribute('aria-label', t.label);
    el.dataset.testid = 'train-marker';
    el.dataset.train = t.train;
    return new Marker({ element: el, anchor: 'bottom', offset: [0, -4] }).setLngLat(t.coordinates).addTo(map);
  });
  return () => markers.forEach((m) => m.remove());
}
