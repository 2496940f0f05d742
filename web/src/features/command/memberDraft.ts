import type { Agency } from '@railjoint/contracts';
import type { IncidentDetail } from '../../api/incidentSchemas';

export interface MemberDraft {
  agencyId: string;
  role: 'commander' | 'liaison';
  /** someone picked from the agency's roster (the server names them) … */
  userId?: string;
  /** … or, for an agency without one, the name typed */
  person: string;
  /** the commander chose (or cleared) the person: no longer filled from the roster */
  picked?: boolean;
}

/** Police and the centre usually command; stations, works sections and others join as liaisons. */
const COMMANDING_TYPES = new Set(['coordination_centre', 'railway_police_bureau', 'railway_police_department', 'railway_police_station', 'county_police_bureau']);

export function defaultRole(agency: Agency | undefined): MemberDraft['role'] {
  return agency && COMMANDING_TYPES.has(agency.type) ? 'commander' : 'liaison';
}

/** A start the commander edits: the lead agency, and the user's own agency when it is a centre. */
export function initialMembers(incident: IncidentDetail, agencies: Agency[], userAgencyId: string | null): MemberDraft[] {
  const out: MemberDraft[] = [];
  const own = agencies.find((a) => a.id === userAgencyId);
  if (own?.type === 'coordination_centre') out.push({ agencyId: own.id, role: 'commander', person: '' });
  const lead = incident.lead?.agencyId;
  if (lead && !out.some((m) => m.agencyId === lead)) out.push({ agencyId: lead, role: 'commander', person: '' });
  return out;
}

/** Centres and police first, then the rest, each group by name; those already in are left out. */
export function agencyChoices(agencies: Agency[], taken: Set<string>, search: string): Agency[] {
  const q = search.trim().toLowerCase();
  const rank = (a: Agency) => (COMMANDING_TYPES.has(a.type) ? 0 : 1);
  return agencies
    .filter((a) => !taken.has(a.id) && (!q || a.name.toLowerCase().includes(q) || a.id.toLowerCase().includes(q)))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh-CN'));
}
