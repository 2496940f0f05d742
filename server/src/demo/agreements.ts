import { parseMileage, type Agreement, type NetworkGeoJSON, type OrganisationDocument } from '@railjoint/contracts';
import { OrgIndex } from '../modules/organisation/org-index.js';

/**
 * The demo's joint-defence agreements (联防协议), as a department signs them: each railway police
 * station with the county bureaus its stretch of line runs through, and with the volunteer teams
 * on that stretch.
 */
export function generateDemoAgreements(network: NetworkGeoJSON, org: OrganisationDocument): Agreement[] {
  const index = new OrgIndex(org);
  const posts = new Map<string, Array<{ metres: number; at: [number, number] }>>();
  for (const f of network.features) {
    if (f.properties.kind === 'line') posts.set(f.properties.id, f.properties.kmPosts.map((p) => ({ metres: parseMileage(p.ahead ?? p.mileage).metres, at: p.coordinates })));
  }
  const ranges = (agencyId: string) => org.jurisdictions.filter((j) => j.agencyId === agencyId && j.kind === 'line-range');
  const agreements: Agreement[] = [];
  for (const station of org.agencies.filter((a) => a.type === 'railway_police_station')) {
    const partners = new Set<string>();
    for (const r of ranges(station.id)) {
      if (r.kind !== 'line-range') continue;
      const lo = Math.min(parseMileage(r.from).metres, parseMileage(r.to).metres);
      const hi = Math.max(parseMileage(r.from).metres, parseMileage(r.to).metres);
      for (const p of posts.get(r.lineId) ?? []) {
        if (p.metres < lo || p.metres > hi) continue;
        for (const a of index.byPoint(p.at)) if (a.type === 'county_police_bureau') partners.add(a.agencyId);
      }
      for (const v of org.agencies.filter((a) => a.type === 'volunteer_team')) {
        const on = ranges(v.id).some((vr) => vr.kind === 'line-range' && vr.lineId === r.lineId && Math.max(parseMileage(vr.from).metres, parseMileage(vr.to).metres) >= lo && Math.min(parseMileage(vr.from).metres, parseMileage(vr.to).metres) <= hi);
        if (on) partners.add(v.id);
      }
    }
    if (partners.size) agreements.push({ id: `jd-${station.id}`, kind: 'joint_defence', agencyIds: [station.id, ...[...partners].sort()], note: `${station.name}路地联防协议` });
  }
  return agreements;
}
