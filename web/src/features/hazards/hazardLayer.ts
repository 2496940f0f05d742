import { useEffect, useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import type { Hazard } from '@railjoint/contracts';
import { paths } from '../../app/paths';
import { useT } from '../../app/i18n/useT';
import { useHazards } from './hazardApi';
import { placeText } from './hazardText';

const SOURCE = 'hazards';
export const HAZARD_LAYERS = ['hazard-overdue', 'hazard-points'] as const;

/** Severity as the list shows it: red critical, amber major, blue-grey minor. */
const SEVERITY_COLOUR = ['match', ['get', 'severity'], 'critical', '#b3261e', 'major', '#d98a12', '#5b6b82'] as unknown as string;

export function hazardFeatures(hazards: readonly Hazard[], label: (h: Hazard) => string): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: hazards.map((h) => ({ type: 'Feature', properties: { id: h.id, severity: h.severity, overdue: h.overdue, name: label(h) }, geometry: { type: 'Point', coordinates: h.coordinates } })),
  };
}

function addLayers(map: MaplibreMap): void {
  if (map.getSource(SOURCE)) return;
  map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  // a ring round the overdue ones, so what the owners owe past its deadline stands out
  map.addLayer({ id: 'hazard-overdue', type: 'circle', source: SOURCE, filter: ['==', ['get', 'overdue'], true], paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 7, 14, 12] as unknown as number, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#b3261e', 'circle-stroke-width': 2 } });
  map.addLayer({ id: 'hazard-points', type: 'circle', source: SOURCE, paint: { 'circle-color': SEVERITY_COLOUR, 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 3.5, 14, 7] as unknown as number, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } });
}

/**
 * Open hazards on any map of the console, coloured by severity with the overdue ones ringed,
 * kept current by the live channel; a click opens the hazard's page.
 */
export function useHazardLayer(map: MaplibreMap | null, visible: boolean): void {
  const { t } = useT();
  const navigate = useNavigate();
  const open = useHazards({ view: 'open', type: '', severity: '' });
  const data = useMemo(() => (open.data ? hazardFeatures(open.data.hazards, (h) => `${t(`hazards.type.${h.type}`)} · ${placeText(h)}`) : null), [open.data, t]);
  useEffect(() => {
    if (map) addLayers(map);
  }, [map]);
  useEffect(() => {
    if (map && data) map.getSource<GeoJSONSource>(SOURCE)?.setData(data);
  }, [map, data]);
  useEffect(() => {
    if (!map) return;
    for (const id of HAZARD_LAYERS) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }, [map, visible]);
  useEffect(() => {
    if (!map) return;
    const click = (e: { features?: Array<{ properties?: Record<string, unknown> | null }> }) => {
      const id = e.features?.[0]?.properties?.id;
      if (typeof id === 'string') navigate(paths.hazard(id));
    };
    const pointer = () => (map.getCanvas().style.cursor = 'pointer');
    const plain = () => (map.getCanvas().style.cursor = '');
    map.on('click', 'hazard-points', click);
    map.on('mouseenter', 'hazard-points', pointer);
    map.on('mouseleave', 'hazard-points', plain);
    return () => {
      map.off('click', 'hazard-points', click);
      map.off('mouseenter', 'hazard-points', pointer);
      map.off('mouseleave', 'hazard-points', plain);
    };
  }, [map, navigate]);
}
