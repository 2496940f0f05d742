import { parseMileage, type LonLat, type NetworkGeoJSON, type OrganisationDocument } from '@railjoint/contracts';
import type { z } from 'zod';
import type { DeviceInput as DeviceInputSchema } from '@railjoint/contracts';
import { distanceM } from '../modules/network/geo.js';
import { bearingDeg } from '../modules/devices/fov.js';

type NewDevice = z.input<typeof DeviceInputSchema>;

/**
 * The demo's technical defence, placed where departments put it: a fibre fence sensor over two
 * kilometres every 20 km of line with a camera watching its middle, an emergency call post every
 * 40 km, detectors at level crossings and door sensors at substations. Owners are the sections
 * that keep that stretch (track maintenance, power supply) and the police station for cameras.
 * Deterministic: derived from the department, no randomness.
 */
export function generateDemoDevices(network: NetworkGeoJSON, org: OrganisationDocument): NewDevice[] {
  const type = new Map(org.agencies.map((a) => [a.id, a.type]));
  const keeper = (lineId: string, mileage: string, agencyType: string): string | null => {
    const m = parseMileage(mileage);
    for (const j of org.jurisdictions) {
      if (j.kind !== 'line-range' || j.lineId !== lineId || type.get(j.agencyId) !== agencyType) continue;
      const a = parseMileage(j.from);
      const b = parseMileage(j.to);
      if (a.prefix === m.prefix && m.metres >= Math.min(a.metres, b.metres) && m.metres <= Math.max(a.metres, b.metres)) return j.agencyId;
    }
    return null;
  };
  const firstOf = (agencyType: string) => org.agencies.find((a) => a.type === agencyType)?.id ?? null;
  const out: NewDevice[] = [];
  for (const f of network.features) {
    if (f.properties.kind !== 'line') continue;
    const line = f.properties;
    const posts = line.kmPosts;
    for (let i = 0; i + 2 < posts.length; i++) {
      const [a, mid, b] = [posts[i]!, posts[i + 1]!, posts[i + 2]!];
      // a chain break inside the stretch would make its length a guess: those stretches are skipped
      if (mid.ahead || b.ahead || parseMileage(a.ahead ?? a.mileage).prefix !== parseMileage(b.mileage).prefix) continue;
      const from = a.ahead ?? a.mileage;
      const owner = keeper(line.id, from, 'track_maintenance_section') ?? firstOf('track_maintenance_section');
      if (!owner) continue;
      if (i % 20 === 5) {
        const tag = `${line.id}-${i}`;
        out.push({ id: `fs-${tag}`, kind: 'fibre_sensor', name: `${line.name} ${from} 光纤振动监测`, ownerAgencyId: owner, location: { lineId: line.id, from, to: b.mileage, side: 'both' } });
        const camAt = beside(a.coordinates, b.coordinates, mid.coordinates, 60);
        const police = keeper(line.id, mid.mileage, 'railway_police_station') ?? owner;
        out.push({
          id: `cam-${tag}`,
          kind: 'camera',
          name: `${line.name} ${mid.mileage} 视频监控`,
          ownerAgencyId: police,
          location: { lon: camAt[0], lat: camAt[1] },
          fieldOfView: { bearingDeg: Math.round(bearingDeg(camAt, mid.coordinates) * 10) / 10, angleDeg: 90, rangeM: 400 },
          streamUrl: `rtsp://nvr.lz.railjoint.cn/${tag}`,
          snapshotUrl: `https://nvr.lz.railjoint.cn/snapshot/${tag}.jpg`,
        });
      }
      if (i % 40 === 25) {
        const at = beside(a.coordinates, b.coordinates, mid.coordinates, 15);
        out.push({ id: `ecp-${line.id}-${i}`, kind: 'emergency_call_post', name: `${line.name} ${mid.mileage} 应急求助柱`, ownerAgencyId: owner, location: { lon: at[0], lat: at[1] } });
      }
    }
  }
  const sites = network.features.filter((f) => f.properties.kind === 'site');
  for (const s of sites) {
    const p = s.properties as { id: string; name: string; siteType: string; lineId: string };
    const g = s.geometry as { type: string; coordinates: unknown };
    const at = (g.type === 'Point' ? g.coordinates : (g.coordinates as LonLat[])[0]) as LonLat;
    if (p.siteType === 'level_crossing' && out.filter((d) => d.kind === 'level_crossing_detector').length < 20) {
      const owner = firstOf('track_maintenance_section')!;
      out.push({ id: `lcd-${p.id}`, kind: 'level_crossing_detector', name: `${p.name} 道口检测器`, ownerAgencyId: owner, location: { lon: at[0], lat: at[1] } });
    }
    if (p.siteType === 'substation') {
      const owner = firstOf('power_supply_section')!;
      out.push({ id: `sub-${p.id}`, kind: 'substation_door_sensor', name: `${p.name} 门禁传感器`, ownerAgencyId: owner, location: { lon: at[0], lat: at[1] } });
      out.push({ id: `cab-${p.id}`, kind: 'cable_sensor', name: `${p.name} 电缆防盗`, ownerAgencyId: owner, location: { lon: at[0], lat: at[1] } });
    }
  }
  return out;
}

/** A point `offsetM` to the right of the line a→b, beside `at`. */
function beside(a: LonLat, b: LonLat, at: LonLat, offsetM: number): LonLat {
  const len = distanceM(a, b) || 1;
  const kx = distanceM([at[0], at[1]], [at[0] + 0.001, at[1]]) / 0.001;
  const ky = distanceM([at[0], at[1]], [at[0], at[1] + 0.001]) / 0.001;
  const east = ((b[0] - a[0]) * kx) / len;
  const north = ((b[1] - a[1]) * ky) / len;
  return [at[0] + (north * offsetM) / kx, at[1] - (east * offsetM) / ky];
}

