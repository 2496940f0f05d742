import { Marker, type Map as MaplibreMap } from 'maplibre-gl';
import { stationDisplayName } from '@railjoint/contracts';
import type { NetworkGeoJSON } from '../../api/endpoints';

/**
 * Station names as HTML markers: text layers would need a glyph server, which a closed network
 * does not have, while the browser already has every CJK font the user reads with.
 * Returns the function that removes them.
 */
export function addStationLabels(map: MaplibreMap, network: NetworkGeoJSON): () => void {
  const markers: Marker[] = [];
  for (const f of network.features) {
    if (f.properties.kind !== 'station' || f.geometry.type !== 'Point') continue;
    const el = document.createElement('div');
    el.className = 'station-label';
    el.textContent = stationDisplayName(f.properties.name);
    // The label names the dot beside it; the dot is what assistive tech should not read twice.
    el.setAttribute('aria-hidden', 'true');
    markers.push(new Marker({ element: el, anchor: 'left', offset: [7, 0] }).setLngLat(f.geometry.coordinates).addTo(map));
  }
  return () => {
    for (const m of markers) m.remove();
  };
}

export type ZoomBand = 'low' | 'mid' | 'high';

/**
 * Which HTML labels a zoom can carry before they overlap into noise: county names when the whole
 * department is in view, station names from mid zoom, township names only close in.
 */
export function zoomBand(zoom: number): ZoomBand {
  return zoom < 9 ? 'low' : zoom < 12 ? 'mid' : 'high';
}
