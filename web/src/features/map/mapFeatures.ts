import type { NetworkGeoJSON } from '../../api/endpoints';
import type { LonLat } from '@railjoint/contracts';

/** Only what the layers style by: km posts and area classes would be copied into the map worker for nothing. */
export interface MapFeatureProps {
  kind: 'line' | 'station' | 'site' | 'place';
  id: string;
  name: string;
  highSpeed?: boolean;
  siteType?: string;
  placeType?: string;
}

export function toMapFeatures(network: NetworkGeoJSON): GeoJSON.FeatureCollection<GeoJSON.Geometry, MapFeatureProps> {
  return {
    type: 'FeatureCollection',
    features: network.features.map((f) => {
      const p = f.properties;
      const props: MapFeatureProps = { kind: p.kind, id: p.id, name: p.name };
      if (p.kind === 'line') props.highSpeed = p.highSpeed;
      if (p.kind === 'site') props.siteType = p.siteType;
      if (p.kind === 'place') props.placeType = p.placeType;
      return { type: 'Feature', geometry: f.geometry as GeoJSON.Geometry, properties: props };
    }),
  };
}

export type Bounds = [LonLat, LonLat];

/** South-west and north-east corners of every coordinate in the geometries, or null when empty. */
export function boundsOf(geometries: Iterable<{ coordinates: unknown }>): Bounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      minX = Math.min(minX, c[0]);
      maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1]);
      maxY = Math.max(maxY, c[1]);
      return;
    }
    for (const inner of c) visit(inner);
  };
  for (const g of geometries) visit(g.coordinates);
  return Number.isFinite(minX) ? [[minX, minY], [maxX, maxY]] : null;
}
