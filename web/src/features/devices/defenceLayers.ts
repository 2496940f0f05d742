import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import type { Device, MaintenanceWindow } from '@railjoint/contracts';
import { fovWedge } from './fovWedge';
import { sliceByMeasure, type LineParts } from './lineSlice';

export const DEVICE_SOURCE = 'defence-devices';
export const WINDOW_SOURCE = 'defence-windows';
export const DEVICE_LAYERS = ['defence-fov', 'defence-sensors', 'defence-points'] as const;
export const WINDOW_LAYERS = ['defence-windows'] as const;

/** Health in the colours the board uses: green online, red offline, grey never heard from. */
const STATUS_COLOUR = ['match', ['get', 'status'], 'online', '#1e7a46', 'offline', '#b3261e', '#8a94a6'] as unknown as string;

const LINEAR = new Set(['fibre_sensor', 'fence_sensor', 'radar', 'infrared_beam']);

/** Devices as map features: linear sensors along their stretch, cameras with their wedge, the rest as points. */
export function deviceFeatures(devices: readonly Device[], lines: ReadonlyMap<string, LineParts>): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const d of devices) {
    const props = { id: d.id, name: d.name, kind: d.kind, status: d.health.status };
    const p = d.placement;
    const parts = p.lineId ? lines.get(p.lineId) : undefined;
    if (LINEAR.has(d.kind) && parts && p.fromMeasureM !== null && p.toMeasureM !== null && p.fromMeasureM !== p.toMeasureM) {
      const stretch = sliceByMeasure(parts, p.fromMeasureM, p.toMeasureM);
      if (stretch.length) {
        features.push({ type: 'Feature', properties: { ...props, shape: 'stretch' }, geometry: { type: 'MultiLineString', coordinates: stretch } });
        continue;
      }
    }
    if (d.kind === 'camera' && d.fieldOfView) features.push({ type: 'Feature', properties: { ...props, shape: 'fov' }, geometry: { type: 'Polygon', coordinates: [fovWedge(p.coordinates, d.fieldOfView)] } });
    features.push({ type: 'Feature', properties: { ...props, shape: 'point' }, geometry: { type: 'Point', coordinates: p.coordinates } });
  }
  return { type: 'FeatureCollection', features };
}

/** Windows open now or still to come, along their stretch. */
export function windowFeatures(windows: readonly MaintenanceWindow[], lines: ReadonlyMap<string, LineParts>): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const w of windows) {
    if (w.status === 'cancelled' || w.status === 'ended') continue;
    const parts = lines.get(w.lineId);
    if (!parts) continue;
    const stretch = sliceByMeasure(parts, w.fromMeasureM, w.toMeasureM);
    if (stretch.length) features.push({ type: 'Feature', properties: { id: w.id, crew: w.crew, status: w.status }, geometry: { type: 'MultiLineString', coordinates: stretch } });
  }
  return { type: 'FeatureCollection', features };
}

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Adds the sources and layers once per map (above the network, under the HTML markers). */
export function addDefenceLayers(map: MaplibreMap): void {
  if (map.getSource(DEVICE_SOURCE)) return;
  map.addSource(WINDOW_SOURCE, { type: 'geojson', data: EMPTY });
  map.addSource(DEVICE_SOURCE, { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: 'defence-windows',
    type: 'line',
    source: WINDOW_SOURCE,
    paint: { 'line-color': '#d98a12', 'line-width': 10, 'line-opacity': ['match', ['get', 'status'], 'open', 0.55, 0.3] as unknown as number },
    layout: { 'line-cap': 'butt' },
  });
  map.addLayer({ id: 'defence-fov', type: 'fill', source: DEVICE_SOURCE, filter: ['==', ['get', 'shape'], 'fov'], minzoom: 11, paint: { 'fill-color': STATUS_COLOUR, 'fill-opacity': 0.15, 'fill-outline-color': STATUS_COLOUR } });
  map.addLayer({ id: 'defence-sensors', type: 'line', source: DEVICE_SOURCE, filter: ['==', ['get', 'shape'], 'stretch'], paint: { 'line-color': STATUS_COLOUR, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 2, 14, 5] as unknown as number, 'line-offset': 4 } });
  map.addLayer({
    id: 'defence-points',
    type: 'circle',
    source: DEVICE_SOURCE,
    filter: ['==', ['get', 'shape'], 'point'],
    paint: { 'circle-color': STATUS_COLOUR, 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2.5, 14, 6] as unknown as number, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 },
  });
}

export function setDefenceData(map: MaplibreMap, source: string, data: GeoJSON.FeatureCollection): void {
  map.getSource<GeoJSONSource>(source)?.setData(data);
}

export function setDefenceVisible(map: MaplibreMap, layers: readonly string[], visible: boolean): void {
  for (const id of layers) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
}
