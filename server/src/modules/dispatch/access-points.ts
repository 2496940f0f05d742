import type { NetworkModel } from '../network/network-model.js';
import type { AccessPoint } from './eta.js';

const cache = new WeakMap<NetworkModel, AccessPoint[]>();

/**
 * Ways into the railway: every access gate in the fence, every level crossing (a road meets the
 * track there) and every station, placed on their lines.
 */
export function accessPointsOf(model: NetworkModel): AccessPoint[] {
  const hit = cache.get(model);
  if (hit) return hit;
  const points: AccessPoint[] = [];
  for (const s of model.sites()) {
    if (s.siteType !== 'access_gate' && s.siteType !== 'level_crossing') continue;
    const g = s.feature.geometry;
    const coordinates = g.type === 'Point' ? g.coordinates : g.coordinates[0]!;
    points.push({ id: s.id, name: s.name, kind: 'access_gate', coordinates, lineId: s.lineId, measureM: s.fromMeasureM });
  }
  for (const st of model.stations()) {
    for (const on of st.lines) points.push({ id: st.id, name: st.name, kind: 'station', coordinates: st.coordinates, lineId: on.lineId, measureM: on.measureM });
  }
  cache.set(model, points);
  return points;
}
