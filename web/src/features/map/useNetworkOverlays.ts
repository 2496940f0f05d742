import { useEffect, useMemo } from 'react';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import type { LonLat } from '@railjoint/contracts';
import type { NetworkGeoJSON } from '../../api/endpoints';
import { KM_POSTS_SOURCE } from './mapStyle';
import { kmPostFeatures, kmPostsOf, kmSpacing } from './kmPosts';
import { lineLabels, linePaths } from './lineLabels';
import { viewportLabels, type LabelSpec } from './viewportLabels';
import { declutterLabels } from './declutterLabels';

/** Towns are named from a regional view, villages only close in, where they help find the track. */
const TOWN_ZOOM = 10;
const VILLAGE_ZOOM = 12.5;

/**
 * What the map writes along the network, for what is in view: kilometre posts (`K500`, every tenth
 * zoomed out, every one zoomed in), each line's name along its course, and the towns and villages
 * callers name. Refreshed after each move; labels that would overlap a more important one are hidden.
 */
export function useNetworkOverlays(map: MaplibreMap | null, network: NetworkGeoJSON | null, showKmPosts: boolean): void {
  const posts = useMemo(() => (network ? kmPostsOf(network) : []), [network]);
  const lines = useMemo(() => (network ? linePaths(network) : []), [network]);
  const places = useMemo(
    () =>
      network?.features.flatMap((f) => (f.properties.kind === 'place' && f.geometry.type === 'Point' ? [{ id: f.properties.id, name: f.properties.name, town: f.properties.placeType === 'town', at: f.geometry.coordinates as LonLat }] : [])) ?? [],
    [network],
  );

  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(KM_POSTS_SOURCE)?.setData(kmPostFeatures(posts));
  }, [map, posts]);

  useEffect(() => {
    if (!map || !network) return;
    const labels = viewportLabels(map, (bounds, zoom) => {
      const out: LabelSpec[] = lineLabels(map, lines);
      if (showKmPosts) {
        const every = kmSpacing(zoom);
        for (const p of posts) {
          if (p.km % every === 0 && bounds.contains(p.coordinates)) {
            out.push({ key: `km:${p.lineId}:${p.label}`, text: p.label, at: p.coordinates, className: 'km-label', anchor: 'left', offset: [5, 0], data: { testid: 'km-label', km: String(p.km), lineId: p.lineId } });
          }
        }
      }
      for (const p of places) {
        if (zoom >= (p.town ? TOWN_ZOOM : VILLAGE_ZOOM) && bounds.contains(p.at)) out.push({ key: `place:${p.id}`, text: p.name, at: p.at, className: `place-label${p.town ? ' is-town' : ''}` });
      }
      return out;
    });
    const refresh = () => {
      labels.refresh();
      declutterLabels(map.getContainer());
    };
    if (map.loaded()) refresh();
    map.on('moveend', refresh);
    map.once('idle', refresh);
    return () => {
      map.off('moveend', refresh);
      map.off('idle', refresh);
      labels.remove();
    };
  }, [map, network, posts, lines, places, showKmPosts]);
}
