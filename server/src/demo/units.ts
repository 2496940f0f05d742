import type { CreateUnitRequest, LonLat, NetworkGeoJSON, OrganisationDocument } from '@railjoint/contracts';
import { parseMileage } from '@railjoint/contracts';
import type { z } from 'zod';

type NewUnit = z.input<typeof CreateUnitRequest>;

/**
 * The demo's units, placed where such units wait: police-station cars and foot teams at their
 * stations, county cars in their county, volunteer teams on their stretch, train police riding
 * their trains. Deterministic: derived from the department, no randomness.
 */
export function generateDemoUnits(network: NetworkGeoJSON, org: OrganisationDocument): NewUnit[] {
  const stations = new Map(network.features.filter((f) => f.properties.kind === 'station').map((f) => [f.properties.id, f.geometry.coordinates as LonLat]));
  const posts = new Map<string, Array<{ metres: number; at: LonLat }>>();
  for (const f of network.features) {
    if (f.properties.kind !== 'line') continue;
    posts.set(f.properties.id, f.properties.kmPosts.map((p) => ({ metres: parseMileage(p.ahead ?? p.mileage).metres, at: p.coordinates })));
  }
  const postNear = (lineId: string, mileage: string): LonLat | null => {
    const list = posts.get(lineId);
    if (!list?.length) return null;
    const m = parseMileage(mileage).metres;
    return list.reduce((best, p) => (Math.abs(p.metres - m) < Math.abs(best.metres - m) ? p : best), list[0]!).at;
  };
  const units: NewUnit[] = [];
  for (const a of org.agencies) {
    const js = org.jurisdictions.filter((j) => j.agencyId === a.id);
    // A police station's units wait at the station it is named after (柳州站派出所 at 柳州), else its first.
    const stationNames = new Map(network.features.filter((f) => f.properties.kind === 'station').map((f) => [f.properties.id, f.properties.name]));
    const named = js.find((j) => j.kind === 'station' && a.name.startsWith(`${stationNames.get(j.stationId)}站`));
    const station = named ?? js.find((j) => j.kind === 'station');
    const range = js.find((j) => j.kind === 'line-range');
    const area = js.find((j) => j.kind === 'area');
    const trains = js.find((j) => j.kind === 'train');
    const at = (station?.kind === 'station' ? stations.get(station.stationId) : null) ?? (range?.kind === 'line-range' ? postNear(range.lineId, range.from) : null) ?? (area?.kind === 'area' ? centroid(area.geometry) : null);
    const short = a.id.replace(/^[a-z]+-/, '');
    if (a.type === 'railway_police_station' && at) {
      units.push({ id: `u-${short}-car`, agencyId: a.id, name: `${a.name.replace('派出所', '')}巡逻车`, kind: 'patrol_car', capabilities: ['first_aid'], crew: 2, position: at });
      units.push({ id: `u-${short}-foot`, agencyId: a.id, name: `${a.name.replace('派出所', '')}徒步巡组`, kind: 'foot_team', capabilities: [], crew: 2, position: at });
    } else if (a.type === 'county_police_bureau' && at) {
      units.push({ id: `u-${short}-car`, agencyId: a.id, name: `${a.name.replace(/公安(分)?局$/, '')}巡逻车`, kind: 'local_police_car', capabilities: [], crew: 2, position: at });
    } else if (a.type === 'volunteer_team' && at) {
      units.push({ id: `u-${short}`, agencyId: a.id, name: a.name, kind: 'volunteer_team', capabilities: [], crew: 4, position: at });
    } else if (a.type === 'train_police_team' && trains?.kind === 'train') {
      units.push({ id: `u-${short}`, agencyId: a.id, name: `${a.name}（${trains.trains[0]}）`, kind: 'train_police_team', capabilities: [], crew: 2, train: trains.trains[0] });
    } else if (a.type === 'railway_station' && at) {
      units.push({ id: `u-${short}-post`, agencyId: a.id, name: `${a.name}值守岗`, kind: 'station_post', capabilities: [], crew: 1, position: at });
    }
  }
  return units;
}

function centroid(g: { type: 'Polygon'; coordinates: LonLat[][] } | { type: 'MultiPolygon'; coordinates: LonLat[][][] }): LonLat {
  const ring = g.type === 'Polygon' ? g.coordinates[0]! : g.coordinates[0]![0]!;
  const n = ring.length - 1 || 1;
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) {
    x += ring[i]![0];
    y += ring[i]![1];
  }
  return [x / n, y / n];
}
