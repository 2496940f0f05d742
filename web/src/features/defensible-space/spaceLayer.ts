import { useEffect, useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { paths } from '../../app/paths';
import { useSignedInUser } from '../../app/signedInUser';
import { mayReadSpace, useSpaceSites } from './spaceApi';

const SOURCE = 'space-sites';
const LAYER = 'space-sites';

/**
 * Assessed sites on any map, coloured by their latest total (red below 40, amber below 70, green
 * from 70; grey not yet assessed), as open rings so they are not taken for hazards; a
 * click opens the site. Users who may not read assessments (volunteers, auditors) get no layer.
 */
export function useSpaceLayer(map: MaplibreMap | null, visible: boolean): void {
  const navigate = useNavigate();
  const user = useSignedInUser();
  const sites = useSpaceSites(!!user && mayReadSpace(user));
  const data = useMemo<GeoJSON.FeatureCollection | null>(
    () =>
      sites.data
        ? { type: 'FeatureCollection', features: sites.data.sites.map((s) => ({ type: 'Feature', properties: { id: s.id, name: s.name, total: s.latest?.total ?? -1 }, geometry: { type: 'Point', coordinates: s.coordinates } })) }
        : null,
    [sites.data],
  );
  useEffect(() => {
    if (!map || map.getSource(SOURCE)) return;
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({
      id: LAYER,
      type: 'circle',
      source: SOURCE,
      paint: {
        'circle-color': ['step', ['get', 'total'], '#8a94a6', 0, '#b3261e', 40, '#d98a12', 70, '#1e7a46'] as unknown as string,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 5, 14, 10] as unknown as number,
        'circle-opacity': 0.35,
        'circle-stroke-color': ['step', ['get', 'total'], '#8a94a6', 0, '#b3261e', 40, '#d98a12', 70, '#1e7a46'] as unknown as string,
        'circle-stroke-width': 2,
      },
    });
  }, [map]);
  useEffect(() => {
    if (map && data) map.getSource<GeoJSONSource>(SOURCE)?.setData(data);
  }, [map, data]);
  useEffect(() => {
    if (map?.getLayer(LAYER)) map.setLayoutProperty(LAYER, 'visibility', visible ? 'visible' : 'none');
  }, [map, visible, data]);
  useEffect(() => {
    if (!map) return;
    const click = (e: { features?: Array<{ properties?: Record<string, unknown> | null }> }) => {
      const id = e.features?.[0]?.properties?.id;
      if (typeof id === 'string') navigate(paths.spaceSite(id));
    };
    map.on('click', LAYER, click);
    return () => {
      map.off('click', LAYER, click);
    };
  }, [map, navigate]);
}
