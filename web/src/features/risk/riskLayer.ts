import { useEffect, useMemo } from 'react';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import type { NetworkGeoJSON, RiskCell } from '@railjoint/contracts';
import { useSignedInUser } from '../../app/signedInUser';
import { lineParts, sliceByMeasure } from '../devices/lineSlice';
import { useMayReadRisk, useRiskCells } from './riskApi';

const SOURCE = 'risk-cells';
export const RISK_LAYER = 'risk-cells';
/** The map's cells: 500 m reads as a heat band at the department's scale, 100 m would be tens of thousands of segments. */
const MAP_CELL_M = 500;
/** Only the riskiest fifth of the line is painted; the rest would cover the lines with pale noise. */
const SHOWN_SHARE = 0.2;

/** Cells as line segments along their line, each with its share (its rank over the department's cells: 0.01 = top 1%). */
export function riskFeatures(cells: readonly RiskCell[], parts: ReturnType<typeof lineParts>): GeoJSON.FeatureCollection {
  const total = cells.length;
  const features: GeoJSON.Feature[] = [];
  for (const c of cells) {
    const share = c.rank / Math.max(total, 1);
    if (share > SHOWN_SHARE || c.risk <= 0) continue;
    const line = parts.get(c.lineId);
    if (!line) continue;
    const coords = sliceByMeasure(line, c.fromMeasureM, c.toMeasureM);
    if (coords.length === 0) continue;
    features.push({ type: 'Feature', properties: { share, rank: c.rank }, geometry: coords.length === 1 ? { type: 'LineString', coordinates: coords[0]! } : { type: 'MultiLineString', coordinates: coords } });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The department's risk along the line as a heat band over the tracks (network kernel density,
 * which beats the retrospective baseline on the demo history): the top 1% dark red, then 5%, 10%
 * and 20% lighter. Asked for only while shown and only by those the server lets read risk.
 */
export function useRiskLayer(map: MaplibreMap | null, network: NetworkGeoJSON | null, visible: boolean): void {
  const may = useMayReadRisk(useSignedInUser());
  const q = useRiskCells({ method: 'nkde', cellM: MAP_CELL_M }, may && visible);
  const parts = useMemo(() => (network ? lineParts(network) : null), [network]);
  const data = useMemo(() => (q.data && parts ? riskFeatures(q.data.cells, parts) : null), [q.data, parts]);
  useEffect(() => {
    if (!map || map.getSource(SOURCE)) return;
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    // under the points and labels, so incidents, hazards and names stay readable on the band
    const before = map.getStyle().layers.find((l) => l.type === 'circle' || l.type === 'symbol')?.id;
    map.addLayer({
      id: RISK_LAYER,
      type: 'line',
      source: SOURCE,
      // round caps: at the department's zoom a 500 m cell is under a pixel long, and still shows as a dot
      layout: { 'line-cap': 'round', 'line-join': 'round', visibility: 'none' },
      paint: {
        'line-color': ['step', ['get', 'share'], '#7f0000', 0.01, '#d7301f', 0.05, '#fc8d59', 0.1, '#fdcc8a'] as unknown as string,
        'line-width': ['interpolate', ['linear'], ['zoom'], 6, 6, 10, 8, 14, 14] as unknown as number,
        'line-opacity': 0.75,
      },
    }, before);
  }, [map]);
  useEffect(() => {
    if (map && data) map.getSource<GeoJSONSource>(SOURCE)?.setData(data);
  }, [map, data]);
  useEffect(() => {
    if (map?.getLayer(RISK_LAYER)) map.setLayoutProperty(RISK_LAYER, 'visibility', visible && may ? 'visible' : 'none');
  }, [map, visible, may]);
}
