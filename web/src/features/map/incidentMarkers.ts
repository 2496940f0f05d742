import { Marker, type Map as MaplibreMap } from 'maplibre-gl';
import type { LonLat } from '@railjoint/contracts';
import { PRIORITY_COLOURS } from './colours';

export interface IncidentMarker {
  id: string;
  code: string;
  priority: keyof typeof PRIORITY_COLOURS;
  label: string;
  coordinates: LonLat;
}

/** Incidents as HTML markers (the style has no glyphs for symbol layers), coloured by priority. */
export function addIncidentMarkers(map: MaplibreMap, incidents: IncidentMarker[], selected: string | null, onClick: (id: string) => void): () => void {
  const markers = incidents.map((i) => {
    const el = document.createElement('button');
    el.type = 'button';
    el.className = `incident-marker priority-${i.priority}${i.id === selected ? ' is-selected' : ''}`;
    el.style.background = PRIORITY_COLOURS[i.priority];
    el.textContent = i.priority;
    el.title = i.label;
    el.setAttribute('aria-label', i.label);
    el.dataset.testid = 'incident-marker';
    el.dataset.id = i.id;
    el.addEventListener('click', (e) => {
      e.stopPropagation();
      onClick(i.id);
    });
    return new Marker({ element: el }).setLngLat(i.coordinates).addTo(map);
  });
  return () => markers.forEach((m) => m.remove());
}
