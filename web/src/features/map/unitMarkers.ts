import { Marker, type Map as MaplibreMap } from 'maplibre-gl';
import type { LonLat, UnitStatus } from '@railjoint/contracts';
import { UNIT_STATUS_COLOURS } from './colours';

export interface UnitMarker {
  id: string;
  status: UnitStatus;
  label: string;
  coordinates: LonLat;
}

/** Units as small squares coloured by status (HTML markers: the style has no symbol layers). */
export function addUnitMarkers(map: MaplibreMap, units: UnitMarker[]): () => void {
  const markers = units.map((u) => {
    const el = document.createElement('div');
    el.className = `unit-marker unit-${u.status}`;
    el.style.background = UNIT_STATUS_COLOURS[u.status];
    el.title = u.label;
    el.setAttribute('aria-label', u.label);
    el.dataset.testid = 'unit-marker';
    el.dataset.id = u.id;
    el.dataset.status = u.status;
    return new Marker({ element: el }).setLngLat(u.coordinates).addTo(map);
  });
  return () => markers.forEach((m) => m.remove());
}
