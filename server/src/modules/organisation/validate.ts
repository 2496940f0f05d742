import {
  Agency,
  Agreement,
  Jurisdiction,
  OrganisationImport,
  tryParseMileage,
  type AgencyType,
  type OrganisationDocument,
  type OrgProblem,
} from '@railjoint/contracts';
import { ringProblems } from './geometry.js';
import type { NetworkView } from './network-view.js';

/** Which agency types may hold each jurisdiction kind (territorial management). */
export const KIND_AGENCY_TYPES: Record<Jurisdiction['kind'], readonly AgencyType[]> = {
  'line-range': ['railway_police_station', 'track_maintenance_section', 'power_supply_section', 'security_company', 'volunteer_team'],
  station: ['railway_police_station', 'railway_station'],
  area: ['county_police_bureau', 'township', 'volunteer_team'],
  train: ['train_police_team'],
};

interface PoliceRange {
  index: number;
  agencyId: string;
  from: number;
  to: number;
  fromText: string;
  toText: string;
}

type Report = (ref: string | null, path: string, message: string) => void;

/**
 * Checks an organisation import item by item so the steward sees every problem at once;
 * `doc` is returned only when there is no error (warnings do not block).
 */
export function checkOrganisation(input: unknown, network: NetworkView): { problems: OrgProblem[]; doc: OrganisationDocument | null } {
  const problems: OrgProblem[] = [];
  const err: Report = (ref, path, message) => problems.push({ ref, path, message, severity: 'error' });
  const warn: Report = (ref, path, message) => problems.push({ ref, path, message, severity: 'warning' });

  const env = OrganisationImport.safeParse(input);
  if (!env.success) {
    for (const issue of env.error.issues) err(null, pathText('', issue.path), issue.message);
    return { problems, doc: null };
  }

  const agencies: Agency[] = [];
  const byId = new Map<string, Agency>();
  const indexOf = new Map<string, number>();
  env.data.agencies.forEach((raw, i) => {
    const at = `agencies[${i}]`;
    const rawId = (raw as { id?: unknown } | null)?.id;
    const ref = typeof rawId === 'string' ? rawId : at;
    const r = Agency.safeParse(raw);
    if (!r.success) {
      for (const issue of r.error.issues) err(ref, pathText(at, issue.path), issue.message);
      return;
    }
    if (byId.has(r.data.id)) {
      err(ref, `${at}.id`, `duplicate agency id "${r.data.id}" (first at agencies[${indexOf.get(r.data.id)}])`);
      return;
    }
    byId.set(r.data.id, r.data);
    indexOf.set(r.data.id, i);
    agencies.push(r.data);
  });

  const parentPath = (id: string) => `agencies[${indexOf.get(id) ?? '?'}].parentId`;
  for (const a of agencies) {
    if (a.parentId === a.id) err(a.id, parentPath(a.id), 'an agency cannot be its own parent');
    else if (a.parentId && !byId.has(a.parentId)) err(a.id, parentPath(a.id), `parent "${a.parentId}" is not an agency in this import`);
  }
  for (const cycle of parentCycles(agencies, byId)) {
    if (cycle.length < 2) continue; // self-parent already reported
    for (const id of cycle) err(id, parentPath(id), `parent chain loops: ${[...cycle, cycle[0]].join(' → ')}`);
  }

  const jurisdictions: Jurisdiction[] = [];
  const police = new Map<string, PoliceRange[]>();
  env.data.jurisdictions.forEach((raw, i) => {
    const ref = `jurisdictions[${i}]`;
    const before = problems.length;
    const isArea = (raw as { kind?: unknown } | null)?.kind === 'area';
    const rings = isArea ? ringProblems((raw as { geometry?: unknown }).geometry) : [];
    for (const p of rings) err(ref, `${ref}.${p.path}`, p.message);
    const r = Jurisdiction.safeParse(raw);
    if (!r.success) {
      for (const issue of r.error.issues) {
        // ring problems were already put in words a steward can act on
        if (rings.length > 0 && issue.path[0] === 'geometry') continue;
        err(ref, pathText(ref, issue.path), issue.message);
      }
      return;
    }
    const j = r.data;
    const agency = byId.get(j.agencyId);
    if (!agency) err(ref, `${ref}.agencyId`, `unknown agency "${j.agencyId}"`);
    else if (!KIND_AGENCY_TYPES[j.kind].includes(agency.type)) {
      err(ref, `${ref}.kind`, `a ${agency.type} cannot hold a ${j.kind} jurisdiction (allowed: ${KIND_AGENCY_TYPES[j.kind].join(', ')})`);
    }
    if (j.kind === 'station' && !network.stationInfo(j.stationId)) err(ref, `${ref}.stationId`, `unknown station "${j.stationId}"`);
    if (j.kind === 'line-range') {
      const range = checkLineRange(j, ref, network, err);
      if (range && agency?.type === 'railway_police_station') {
        const key = `${j.lineId}\u0000${range.prefix}`;
        const list = police.get(key) ?? [];
        police.set(key, list);
        list.push({ index: i, agencyId: j.agencyId, from: range.from, to: range.to, fromText: range.fromText, toText: range.toText });
      }
    }
    if (problems.length === before) jurisdictions.push(j);
  });

  for (const [key, list] of police) checkPoliceCoverage(key.split('\u0000')[0]!, list, err, warn);

  const agreements = checkAgreements(env.data.agreements, byId, err);

  const hasError = problems.some((p) => p.severity === 'error');
  return { problems, doc: hasError ? null : { agencies, jurisdictions, agreements } };
}

function checkLineRange(
  j: Extract<Jurisdiction, { kind: 'line-range' }>,
  ref: string,
  network: NetworkView,
  err: Report,
): { prefix: string; from: number; to: number; fromText: string; toText: string } | null {
  const line = network.lineInfo(j.lineId);
  if (!line) {
    err(ref, `${ref}.lineId`, `unknown line "${j.lineId}"`);
    return null;
  }
  const a = tryParseMileage(j.from);
  const b = tryParseMileage(j.to);
  if (!a || !b) return null; // the schema already reported it
  if (a.prefix !== b.prefix) {
    err(ref, `${ref}.to`, `from ${j.from} and to ${j.to} use different chainage prefixes; split the range at the chain break`);
    return null;
  }
  const [lo, hi, loText, hiText] = a.metres <= b.metres ? [a, b, j.from, j.to] : [b, a, j.to, j.from];
  const spans = line.mileageRanges.filter((r) => r.prefix === a.prefix);
  if (spans.length === 0) {
    err(ref, `${ref}.from`, `line ${line.name} has no ${a.prefix} mileage`);
    return null;
  }
  const fits = spans.some((s) => lo.metres >= s.fromMetres - 1e-6 && hi.metres <= s.toMetres + 1e-6);
  if (!fits) {
    const desc = spans.map((s) => `${s.fromMetres}–${s.toMetres} m`).join(', ');
    err(ref, `${ref}.from`, `range ${loText}—${hiText} lies outside the mileage of line ${line.name} (${a.prefix}: ${desc})`);
    return null;
  }
  return { prefix: a.prefix, from: lo.metres, to: hi.metres, fromText: loText, toText: hiText };
}

/** Police station ranges must not overlap (two stations would both own a stretch); gaps are only suspicious. */
function checkPoliceCoverage(lineId: string, list: PoliceRange[], err: Report, warn: Report): void {
  list.sort((x, y) => x.from - y.from || x.to - y.to);
  let reach: PoliceRange | null = null;
  for (const r of list) {
    if (reach) {
      const at = `jurisdictions[${r.index}]`;
      if (r.from < reach.to && r.agencyId !== reach.agencyId) {
        err(at, `${at}.from`, `range ${r.fromText}—${r.toText} of ${r.agencyId} overlaps ${reach.fromText}—${reach.toText} of ${reach.agencyId} (jurisdictions[${reach.index}]) on line ${lineId}`);
      } else if (r.from > reach.to) {
        warn(at, `${at}.from`, `no police station covers ${reach.toText}—${r.fromText} on line ${lineId} (gap between ${reach.agencyId} and ${r.agencyId})`);
      }
    }
    if (!reach || r.to > reach.to) reach = r;
  }
}

/** Each loop in the parent graph once, as the list of its members. */
function parentCycles(agencies: Agency[], byId: Map<string, Agency>): string[][] {
  const state = new Map<string, 'walking' | 'done'>();
  const cycles: string[][] = [];
  for (const start of agencies) {
    const path: string[] = [];
    let cur: string | null | undefined = start.id;
    while (cur && byId.has(cur) && !state.has(cur)) {
      state.set(cur, 'walking');
      path.push(cur);
      cur = byId.get(cur)?.parentId;
    }
    if (cur && state.get(cur) === 'walking') cycles.push(path.slice(path.indexOf(cur)));
    for (const id of path) state.set(id, 'done');
  }
  return cycles;
}

function pathText(base: string, path: ReadonlyArray<PropertyKey>): string {
  let out = base;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '$' : out;
}

function checkAgreements(raw: unknown[], agencies: Map<string, Agency>, err: Report): Agreement[] {
  const out: Agreement[] = [];
  const seen = new Set<string>();
  raw.forEach((item, i) => {
    const at = `agreements[${i}]`;
    const r = Agreement.safeParse(item);
    if (!r.success) {
      for (const issue of r.error.issues) err(at, pathText(at, issue.path), issue.message);
      return;
    }
    const a = r.data;
    let ok = true;
    if (seen.has(a.id)) {
      err(a.id, `${at}.id`, `duplicate agreement id "${a.id}"`);
      ok = false;
    }
    seen.add(a.id);
    a.agencyIds.forEach((id, k) => {
      if (!agencies.has(id)) {
        err(a.id, `${at}.agencyIds[${k}]`, `unknown agency "${id}"`);
        ok = false;
      }
    });
    if (new Set(a.agencyIds).size < 2) {
      err(a.id, `${at}.agencyIds`, 'an agreement needs at least two different agencies');
      ok = false;
    }
    if (ok) out.push(a);
  });
  return out;
}
