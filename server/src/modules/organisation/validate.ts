import {
  Agency,
  AreaJurisdiction,
  Jurisdiction,
  OrganisationImport,
  type AgencyType,
  type OrganisationDocument,
  type OrgProblem,
} from '@railjoint/contracts';
import type { NetworkView } from './network-view.js';
import { measureOf } from './network-lookups.js';
import { geometryProblems } from './polygon.js';
import { checkPoliceCoverage, type PlacedRange } from './validate-coverage.js';
import { placeRange } from './org-index.js';

/**
 * Which agency types may hold which kind of jurisdiction. Railway police stations hold km ranges and
 * stations, never polygons: their territory is railway ground, and one way of describing it keeps
 * overlaps and gaps checkable. Bureaus, departments and the centre hold nothing themselves; they
 * answer through the agencies below them.
 */
export const JURISDICTION_TYPES: Readonly<Record<Jurisdiction['kind'], readonly AgencyType[]>> = {
  'line-range': ['railway_police_station', 'track_maintenance_section', 'power_supply_section', 'security_company', 'volunteer_team'],
  station: ['railway_police_station', 'railway_station'],
  area: ['county_police_bureau', 'township', 'volunteer_team'],
  train: ['train_police_team'],
};

/** Agency types that are useless without a jurisdiction: they are only ever found through one. */
const NEEDS_JURISDICTION: readonly AgencyType[] = ['railway_police_station', 'train_police_team', 'county_police_bureau', 'township', 'railway_station'];

export interface OrgCheck {
  problems: OrgProblem[];
  /** the parsed document, or null when any problem is an error */
  doc: OrganisationDocument | null;
}

/**
 * Checks an organisation import against the network, listing every problem with the agency id or
 * `jurisdictions[i]` it is about and a JSON path, instead of stopping at the first.
 */
export function checkOrganisation(input: unknown, network: NetworkView): OrgCheck {
  const problems: OrgProblem[] = [];
  const envelope = OrganisationImport.safeParse(input);
  if (!envelope.success) {
    for (const i of envelope.error.issues) problems.push(error(null, jsonPath('', i.path), i.message));
    return { problems, doc: null };
  }
  const agencies = checkAgencies(envelope.data.agencies, problems);
  const byId = new Map(agencies.map((a) => [a.agency.id, a.agency]));
  checkParents(agencies, byId, problems);
  const jurisdictions: Jurisdiction[] = [];
  const placed: PlacedRange[] = [];
  envelope.data.jurisdictions.forEach((raw, i) => {
    const j = parseJurisdiction(raw, i, problems);
    if (!j) return;
    jurisdictions.push(j);
    const range = checkJurisdiction(j, i, byId, network, problems);
    if (range) placed.push(range);
  });
  checkPoliceCoverage(placed, jurisdictions, byId, problems);
  const held = new Set(jurisdictions.map((j) => j.agencyId));
  for (const { agency, index } of agencies) {
    if (NEEDS_JURISDICTION.includes(agency.type) && !held.has(agency.id)) {
      problems.push(warning(agency.id, `agencies[${index}]`, `${agency.type} "${agency.name}" has no jurisdiction, so no location will ever name it`));
    }
  }
  const hasError = problems.some((p) => p.severity === 'error');
  return { problems, doc: hasError ? null : { agencies: agencies.map((a) => a.agency), jurisdictions } };
}

interface Indexed {
  agency: Agency;
  index: number;
}

function checkAgencies(raws: unknown[], problems: OrgProblem[]): Indexed[] {
  const out: Indexed[] = [];
  const firstIndex = new Map<string, number>();
  raws.forEach((raw, i) => {
    const rawId = isRecord(raw) && typeof raw.id === 'string' ? raw.id : null;
    const ref = rawId ?? `agencies[${i}]`;
    const parsed = Agency.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(error(ref, jsonPath(`agencies[${i}]`, issue.path), issue.message));
      return;
    }
    const prev = firstIndex.get(parsed.data.id);
    if (prev !== undefined) {
      problems.push(error(ref, `agencies[${i}].id`, `duplicate agency id "${parsed.data.id}" (first at agencies[${prev}])`));
      return;
    }
    firstIndex.set(parsed.data.id, i);
    out.push({ agency: parsed.data, index: i });
  });
  return out;
}

function checkParents(agencies: Indexed[], byId: Map<string, Agency>, problems: OrgProblem[]): void {
  const indexOf = new Map(agencies.map((a) => [a.agency.id, a.index]));
  for (const { agency, index } of agencies) {
    if (agency.parentId && !byId.has(agency.parentId)) {
      problems.push(error(agency.id, `agencies[${index}].parentId`, `unknown parent agency "${agency.parentId}"`));
    }
  }
  // Each agency has one parent, so following parents from every agency finds each cycle; `done`
  // makes the whole walk linear.
  const done = new Set<string>();
  for (const { agency } of agencies) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let id: string | null | undefined = agency.id;
    while (id && byId.has(id) && !done.has(id) && !onPath.has(id)) {
      onPath.set(id, path.length);
      path.push(id);
      id = byId.get(id)!.parentId;
    }
    if (id && onPath.has(id)) {
      const cycle = path.slice(onPath.get(id)!);
      problems.push(error(id, `agencies[${indexOf.get(id)}].parentId`, `parent cycle: ${[...cycle, id].join(' → ')}`));
    }
    for (const p of path) done.add(p);
  }
}

function parseJurisdiction(raw: unknown, i: number, problems: OrgProblem[]): Jurisdiction | null {
  const ref = `jurisdictions[${i}]`;
  if (isRecord(raw) && raw.kind === 'area') {
    const rest = AreaJurisdiction.omit({ geometry: true }).safeParse(raw);
    const geo = geometryProblems(raw.geometry);
    if (!rest.success) for (const issue of rest.error.issues) problems.push(error(ref, jsonPath(ref, issue.path), issue.message));
    for (const g of geo) problems.push(error(ref, `${ref}.geometry${g.path}`, g.message));
    if (!rest.success || geo.length) return null;
  }
  const parsed = Jurisdiction.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(error(ref, jsonPath(ref, issue.path), issue.message));
    return null;
  }
  return parsed.data;
}

function checkJurisdiction(j: Jurisdiction, i: number, byId: Map<string, Agency>, network: NetworkView, problems: OrgProblem[]): PlacedRange | null {
  const ref = `jurisdictions[${i}]`;
  const agency = byId.get(j.agencyId);
  if (!agency) problems.push(error(ref, `${ref}.agencyId`, `unknown agency "${j.agencyId}"`));
  else if (!JURISDICTION_TYPES[j.kind].includes(agency.type)) {
    problems.push(error(ref, `${ref}.kind`, `a ${agency.type} cannot hold a ${j.kind} jurisdiction (allowed: ${JURISDICTION_TYPES[j.kind].join(', ')})`));
  }
  if (j.kind === 'station' && !network.station(j.stationId)) problems.push(error(ref, `${ref}.stationId`, `unknown station "${j.stationId}"`));
  if (j.kind !== 'line-range') return null;
  if (!network.line(j.lineId)) {
    problems.push(error(ref, `${ref}.lineId`, `unknown line "${j.lineId}"`));
    return null;
  }
  let onLine = true;
  for (const end of ['from', 'to'] as const) {
    if (measureOf(network, j.lineId, j[end]) === null) {
      onLine = false;
      problems.push(error(ref, `${ref}.${end}`, `${j[end]} is not on line ${j.lineId}: before its first or after its last km post, or inside a short chain`));
    }
  }
  if (!onLine || !agency) return null;
  const entry = placeRange(network, agency, j.lineId, j.from, j.to)!;
  if (entry.hi - entry.lo < 1) problems.push(warning(ref, `${ref}.to`, `the range ${j.from}—${j.to} is empty`));
  return { entry, index: i };
}

export function error(ref: string | null, path: string, message: string): OrgProblem {
  return { ref, path, message, severity: 'error' };
}

export function warning(ref: string | null, path: string, message: string): OrgProblem {
  return { ref, path, message, severity: 'warning' };
}

function jsonPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
