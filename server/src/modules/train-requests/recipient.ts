import type { OrganisationDocument } from '@railjoint/contracts';
import type { NetworkModel } from '../network/network-model.js';

/**
 * The railway station that answers for the stretch: of the stations on the incident's line, the
 * nearest one a railway station agency holds by a station jurisdiction. That is whom a railway
 * police dispatcher rings to reach the train dispatcher (列车调度员).
 */
export function stationAgencyFor(model: NetworkModel, org: Pick<OrganisationDocument, 'agencies' | 'jurisdictions'>, lineId: string, measureM: number): string | null {
  const stationAgencies = new Set(org.agencies.filter((a) => a.type === 'railway_station').map((a) => a.id));
  const holders = new Map<string, string>();
  for (const j of org.jurisdictions) {
    if (j.kind === 'station' && stationAgencies.has(j.agencyId) && !holders.has(j.stationId)) holders.set(j.stationId, j.agencyId);
  }
  const nearest = model
    .stationsOnLine(lineId)
    .filter((s) => holders.has(s.id))
    .sort((a, b) => Math.abs(a.on.measureM - measureM) - Math.abs(b.on.measureM - measureM))[0];
  return nearest ? holders.get(nearest.id)! : null;
}
