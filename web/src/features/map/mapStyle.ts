import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { COLOURS } from './colours';
import { KM_DETAIL_ZOOM } from './kmPosts';

export const NETWORK_SOURCE = 'network';
export const AREAS_SOURCE = 'areas';
export const PICK_SOURCE = 'pick';
export const KM_POSTS_SOURCE = 'km-posts';
/** Layers whose features a hover names in the tooltip. */
export const HOVER_LAYERS = ['lines', 'stations', 'site-points'];

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

const isKind = (kind: string): ExpressionSpecification => ['==', ['get', 'kind'], kind];

/**
 * Everything the map draws comes from our own API: no tiles, glyphs or sprites are fetched, so the
 * console works on a closed police network. Hence no symbol layers: labels are HTML markers.
 */
export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      [AREAS_SOURCE]: { type: 'geojson', data: EMPTY },
      [NETWORK_SOURCE]: { type: 'geojson', data: EMPTY },
      [PICK_SOURCE]: { type: 'geojson', data: EMPTY },
      [KM_POSTS_SOURCE]: { type: 'geojson', data: EMPTY },
    },
    layers: LAYERS,
  };
}

const LAYERS: LayerSpecification[] = [
  { id: 'background', type: 'background', paint: { 'background-color': COLOURS.background } },
  {
    id: 'areas-fill',
    type: 'fill',
    source: AREAS_SOURCE,
    paint: {
      'fill-color': ['match', ['get', 'type'], 'county_police_bureau', COLOURS.countyFill, COLOURS.townshipFill],
      'fill-opacity': ['match', ['get', 'type'], 'county_police_bureau', 0.55, 0.35],
    },
  },
  {
    id: 'township-outline',
    type: 'line',
    source: AREAS_SOURCE,
    filter: ['==', ['get', 'type'], 'township'],
    paint: { 'line-color': COLOURS.townshipLine, 'line-width': 0.8, 'line-dasharray': [3, 2] },
  },
  {
    id: 'county-outline',
    type: 'line',
    source: AREAS_SOURCE,
    filter: ['==', ['get', 'type'], 'county_police_bureau'],
    paint: { 'line-color': COLOURS.countyLine, 'line-width': 1.6 },
  },
  {
    // bridges and tunnels drawn as a wide band under the track
    id: 'site-lines',
    type: 'line',
    source: NETWORK_SOURCE,
    filter: ['all', isKind('site'), ['==', ['geometry-type'], 'LineString']],
    layout: { 'line-cap': 'butt' },
    paint: { 'line-color': COLOURS.site, 'line-opacity': 0.55, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 4, 14, 12] },
  },
  {
    id: 'lines-casing',
    type: 'line',
    source: NETWORK_SOURCE,
    filter: isKind('line'),
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': COLOURS.casing, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 3.5, 14, 8] },
  },
  {
    id: 'lines',
    type: 'line',
    source: NETWORK_SOURCE,
    filter: isKind('line'),
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: {
      'line-color': ['case', ['==', ['get', 'highSpeed'], true], COLOURS.highSpeed, COLOURS.conventional],
      'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1.8, 14, 4.5],
    },
  },
  {
    // a tick on the track at each kilometre post: every tenth zoomed out, every one zoomed in
    id: 'km-ticks',
    type: 'circle',
    source: KM_POSTS_SOURCE,
    filter: ['any', ['==', ['get', 'tenth'], true], ['>=', ['zoom'], KM_DETAIL_ZOOM]],
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 1.8, 14, 3],
      'circle-color': COLOURS.kmPost,
      'circle-stroke-color': COLOURS.casing,
      'circle-stroke-width': 1,
    },
  },
  {
    id: 'pick-link',
    type: 'line',
    source: PICK_SOURCE,
    filter: ['==', ['geometry-type'], 'LineString'],
    paint: { 'line-color': COLOURS.pick, 'line-width': 1.5, 'line-dasharray': [2, 1.5] },
  },
  {
    id: 'site-points',
    type: 'circle',
    source: NETWORK_SOURCE,
    filter: ['all', isKind('site'), ['==', ['geometry-type'], 'Point']],
    minzoom: 9,
    paint: {
      'circle-radius': 3.5,
      'circle-color': COLOURS.site,
      'circle-stroke-color': COLOURS.casing,
      'circle-stroke-width': 1,
    },
  },
  {
    id: 'stations',
    type: 'circle',
    source: NETWORK_SOURCE,
    filter: isKind('station'),
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 2.5, 12, 5.5],
      'circle-color': COLOURS.station,
      'circle-stroke-color': COLOURS.stationStroke,
      'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 6, 1.2, 12, 2],
    },
  },
  {
    id: 'pick-snap',
    type: 'circle',
    source: PICK_SOURCE,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-radius': 4, 'circle-color': COLOURS.pick, 'circle-stroke-color': COLOURS.casing, 'circle-stroke-width': 1.5 },
  },
];
