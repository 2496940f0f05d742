import { useEffect, useMemo } from 'react';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import type { NetworkGeoJSON, PostPlan } from '@railjoint/contracts';
import { lineParts, sliceByMeasure } from '../devices/lineSlice';
import { lastPostParams, usePostPlan } from './postsApi';

const CELLS = 'post-cells';
const SITES = 'post-sites';
export const POSTS_LAYERS = [CELLS, SITES];

/** What each stretch and each post is in the comparison: kept, gained, lost. */
export function postFeatures(plan: PostPlan, parts: ReturnType<typeof lineParts>): { cells: GeoJSON.FeatureCollection; sites: GeoJSON.FeatureCollection } {
  const cells: GeoJSON.Feature[] = [];
  for (const d of plan.demands) {
    if (!d.now && !d.proposed) continue;
    const line = parts.get(d.lineId);
    if (!line) continue;
    const coords = sliceByMeasure(line, d.fromMeasureM, d.toMeasureM);
    if (!coords.length) continue;
    const change = d.now && d.proposed ? 'kept' : d.proposed ? 'gained' : 'lost';
    cells.push({ type: 'Feature', properties: { change, weight: d.weight }, geometry: coords.length === 1 ? { type: 'LineString', coordinates: coords[0]! } : { type: 'MultiLineString', coordinates: coords } });
  }
  const sites: GeoJSON.Feature[] = plan.sites.map((s) => ({ type: 'Feature', properties: { role: siteRole(s), name: s.name, kind: s.kind }, geometry: { type: 'Point', coordinates: s.coordinates } }));
  return { cells: { type: 'FeatureCollection', features: cells }, sites: { type: 'FeatureCollection', features: sites } };
}

/** A place analysts added and the solver left out is still drawn: the analyst sees it was weighed. */
export function siteRole(s: PostPlan['sites'][number]): 'both' | 'proposed' | 'current' | 'candidate' {
  if (s.current) return s.chosen ? 'both' : 'current';
  return s.chosen ? 'proposed' : 'candidate';
}

export const POST_COLOURS = { kept: '#7f8c9b', gained: '#2f9e44', lost: '#d7301f', current: '#2f6fde', proposed: '#2f9e44', both: '#8e6fd8', candidate: '#f08c00' } as const;

/**
 * The last post plan asked for in the 风险 room's 岗位 tab, on the map: the stretches the current
 * and the proposed posts cover (kept grey, gained green, lost red) and the posts themselves
 * (current blue, proposed green, both purple, an added place left out orange; added places ringed dark).
 */
export function usePostsLayer(map: MaplibreMap | null, network: NetworkGeoJSON | null, visible: boolean): void {
  const params = visible ? lastPostParams() : null;
  const q = usePostPlan(params, visible);
  const parts = useMemo(() => (network ? lineParts(network) : null), [network]);
  const data = useMemo(() => (q.data && parts ? postFeatures(q.data, parts) : null), [q.data, parts]);
  useEffect(() => {
    if (!map || map.getSource(CELLS)) return;
    const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
    map.addSource(CELLS, { type: 'geojson', data: empty });
    map.addSource(SITES, { type: 'geojson', data: empty });
    const before = map.getStyle().layers.find((l) => l.type === 'symbol')?.id;
    map.addLayer({
      id: CELLS,
      type: 'line',
      source: CELLS,
      layout: { 'line-cap': 'round', visibility: 'none' },
      paint: { 'line-color': ['match', ['get', 'change'], 'gained', POST_COLOURS.gained, 'lost', POST_COLOURS.lost, POST_COLOURS.kept] as unknown as string, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 5, 12, 10] as unknown as number, 'line-opacity': 0.8 },
    }, before);
    map.addLayer({
      id: SITES,
      type: 'circle',
      source: SITES,
      layout: { visibility: 'none' },
      paint: {
        'circle-radius': ['match', ['get', 'kind'], 'user_place', 8, 6] as unknown as number,
        'circle-color': ['match', ['get', 'role'], 'proposed', POST_COLOURS.proposed, 'both', POST_COLOURS.both, 'candidate', POST_COLOURS.candidate, POST_COLOURS.current] as unknown as string,
        'circle-stroke-color': ['match', ['get', 'kind'], 'user_place', '#1a1a1a', '#ffffff'] as unknown as string,
        'circle-stroke-width': 1.5,
      },
    });
  }, [map]);
  useEffect(() => {
    if (!map || !data) return;
    map.getSource<GeoJSONSource>(CELLS)?.setData(data.cells);
    map.getSource<GeoJSONSource>(SITES)?.setData(data.sites);
  }, [map, data]);
  useEffect(() => {
    for (const id of POSTS_LAYERS) if (map?.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }, [map, visible]);
}
