import type { OrganisationDocument, SharingAgreement } from '@railjoint/contracts';

/**
 * The demo department's data-sharing agreements (数据共享协议), as a department would sign them:
 * the centre shares up to secret with its own police stations and train police teams, and up to
 * restricted with the county bureaus; each police station shares up to restricted with the
 * county bureaus it has a joint-defence agreement with. Townships, volunteers, the railway
 * operator's units and security companies have none: they see public and internal bulletins only.
 */
export function demoSharingAgreements(org: OrganisationDocument): SharingAgreement[] {
  const centre = org.agencies.find((a) => a.type === 'coordination_centre');
  if (!centre) return [];
  const out: SharingAgreement[] = [];
  for (const a of org.agencies) {
    if (a.type === 'railway_police_station' || a.type === 'train_police_team') {
      out.push({ id: `ds-${centre.id}-${a.id}`, fromAgencyId: centre.id, toAgencyId: a.id, kinds: ['bulletin', 'incident', 'attachment'], maxClassification: 'secret', note: '处内共享' });
    } else if (a.type === 'county_police_bureau') {
      out.push({ id: `ds-${centre.id}-${a.id}`, fromAgencyId: centre.id, toAgencyId: a.id, kinds: ['bulletin', 'incident', 'attachment'], maxClassification: 'restricted', note: '路地警务数据共享协议' });
    }
  }
  const types = new Map(org.agencies.map((a) => [a.id, a.type]));
  for (const jd of org.agreements ?? []) {
    const stations = jd.agencyIds.filter((id) => types.get(id) === 'railway_police_station');
    const counties = jd.agencyIds.filter((id) => types.get(id) === 'county_police_bureau');
    for (const s of stations) {
      for (const c of counties) out.push({ id: `ds-${s}-${c}`, fromAgencyId: s, toAgencyId: c, kinds: ['bulletin', 'attachment'], maxClassification: 'restricted', note: `依${jd.id}` });
    }
  }
  return out;
}
