import { tryParseMileage, type LonLat } from '@railjoint/contracts';
import type { NetworkGeoJSON } from '../../api/endpoints';

export interface KmPost {
  lineId: string;
  /** `K500`: the post as it is painted, prefix and kilometre */
  label: string;
  km: number;
  coordinates: LonLat;
}

/** Below this zoom every tenth post is drawn and named; from it, every post. */
export const KM_DETAIL_ZOOM = 11;

export function kmSpacing(zoom: number): 1 | 10 {
  return zoom < KM_DETAIL_ZOOM ? 10 : 1;
}

/**
 * The whole-kilometre posts of every line. A chain-break post (K10+800 → K10+950) is not a
 * kilometre post a patrol reads on the ground, so it is left out; so are a line's two ends unless
 * they fall on a whole kilometre.
 */
export function kmPostsOf(network: NetworkGeoJSON): KmPost[] {
  const out: KmPost[] = [];
  for (const f of network.features) {
    if (f.properties.kind !== 'line') continue;
    for (const p of f.properties.kmPosts) {
      const m = tryParseMileage(p.mileage);
      if (!m || p.ahead !== undefined || m.metres % 1000 !== 0) continue;
      const km = m.metres / 1000;
      out.push({ lineId: f.properties.id, label: `${m.prefix}${km}`, km, coordinates: p.coordinates });
    }
  }
  return out;
}

/** The posts as a GeoJSON source for the tick layer; `tenth` lets the style thin them out zoomed out. */
export function kmPostFeatures(posts: readonly KmPost[]): GeoJSON.FeatureCollection<GeoJSON.Point, { label: string; tenth: boolean }> {
  return {
    type: 'FeatureCollection',
    features: posts.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p.coordinates }, properties: { label: p.label, tenth: p.km % 10 === 0 } })),
  };
}
