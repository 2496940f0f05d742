import { Marker, type Map as MaplibreMap } from 'maplibre-gl';
import type { LonLat } from '@railjoint/contracts';
import type { AreaCollection } from '../../api/endpoints';

/**
 * A point to hang an area's name on: the vertex average of its largest outer ring. Not a true
 * pole of inaccessibility, but county and township outlines are compact enough for it to land
 * inside, and a name slightly off-centre costs nothing.
 */
function labelPoint(geometry: AreaCollection['features'][number]['geometry']): LonLat | null {
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.coordinates.map((p) => p[0]);
  let best: LonLat[] | undefined;
  for (const ring of rings) if (ring && (!best || ring.length > best.length)) best = ring;
  if (!best || best.length < 2) return null;
  // the closing vertex repeats the first and would pull the average towards it
  const open = best.slice(0, -1);
  const sum = open.reduce<[number, number]>((acc, p) => [acc[0] + p[0], acc[1] + p[1]], [0, 0]);
  return [sum[0] / open.length, sum[1] / open.length];
}

/** Area names as HTML markers (no glyph server); CSS shows each type at its own zoom band. */
export function addAreaLabels(map: MaplibreMap, areas: AreaCollection): () => void {
  const markers: Marker[] = [];
  for (const f of areas.features) {
    const at = labelPoint(f.geometry);
    if (!at) continue;
    const el = document.createElement('div');
    el.className = `area-label area-label-${f.properties.type}`;
    el.textContent = f.properties.name;
    el.setAttribute('aria-hidden', 'true');
    markers.push(new Marker({ element: el, anchor: 'center' }).setLngLat(at).addTo(map));
  }
  return () => {
    for (const m of markers) m.remove();
  };
}
