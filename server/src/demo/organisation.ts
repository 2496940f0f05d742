import type { Agency, AgencyType, AreaGeometry, Jurisdiction, LonLat, OrganisationDocument } from '@railjoint/contracts';
import { LocalProjection, pointInArea, type XY } from './geometry.js';
import { toGeoRing, unionCells, voronoiTiling, type Tiling } from './partition.js';
import { COUNTIES, POLICE_STATIONS, TRAIN_TEAMS, UNITS, VOLUNTEER_STATIONS, type CountySpec } from './department.js';
import type { BuiltLine, BuiltNetwork, StationInfo } from './network.js';
import { dutyPhone } from './names.js';
import type { Rng } from './prng.js';

/** An agency with the short ASCII code its users' names are made from. */
export interface RosterEntry {
  agency: Agency;
  code: string;
}

export interface OrgBuild {
  organisation: OrganisationDocument;
  roster: RosterEntry[];
}

export type LineRange = Extract<Jurisdiction, { kind: 'line-range' }>;

/**
 * Splits a line among owners by the stations each owns: a boundary falls half-way between two
 * neighbouring stations of different owners (rounded to 100 m and kept clear of chain breaks), the
 * first owner reaches back to the first post and the last to the last post. The ranges touch end to
 * end and never overlap.
 */
export function ownershipRanges(line: BuiltLine, ownerOf: (station: StationInfo) => string | undefined): LineRange[] {
  const owned = line.stations.map((s) => ({ s, owner: ownerOf(s.info) })).filter((x): x is { s: (typeof line.stations)[number]; owner: string } => x.owner !== undefined);
  if (owned.length === 0) return [];
  const ranges: Array<{ owner: string; from: number; to: number }> = [{ owner: owned[0]!.owner, from: 0, to: line.lengthM }];
  for (let i = 1; i < owned.length; i++) {
    const prev = ranges[ranges.length - 1]!;
    if (owned[i]!.owner === prev.owner) continue;
    const cut = niceCut(line, (owned[i - 1]!.s.measure + owned[i]!.s.measure) / 2);
    prev.to = cut;
    ranges.push({ owner: owned[i]!.owner, from: cut, to: line.lengthM });
  }
  return ranges.filter((r) => r.to > r.from).map((r) => rangeOf(line, r.owner, r.from, r.to));
}

/** A range between two measures, written in mileage (the ends of the line use its first and last post). */
export function rangeOf(line: BuiltLine, agencyId: string, from: number, to: number): LineRange {
  return { agencyId, kind: 'line-range', lineId: line.spec.id, from: line.model.text(from), to: line.model.text(to) };
}

/** A measure near `s` whose mileage is a round 100 m and unambiguous, so that boundaries read well. */
export function niceCut(line: BuiltLine, s: number): number {
  const m = line.model.at(s);
  const target = Math.round(m / 100) * 100;
  const s2 = s + (target - m);
  if (s2 > 0 && s2 < line.lengthM && Math.abs(line.model.at(s2) - target) < 0.01 && line.model.isClear(target)) return s2;
  return line.model.clearMeasure(s, line.lengthM);
}

/** A stretch of `halfM` either side of a measure, clipped to the line and clear of chain breaks. */
export function stretchAround(line: BuiltLine, agencyId: string, centre: number, halfM: number): LineRange {
  const from = niceCut(line, Math.max(0, centre - halfM));
  const to = niceCut(line, Math.min(line.lengthM, centre + halfM));
  return rangeOf(line, agencyId, Math.min(from, to), Math.max(from, to));
}

export function areaGeometry(polygons: XY[][][], tiling: Tiling): AreaGeometry {
  const rings = polygons.map((p) => p.map((r) => toGeoRing(r, tiling.toLonLat)));
  return rings.length === 1 ? { type: 'Polygon', coordinates: rings[0]! } : { type: 'MultiPolygon', coordinates: rings };
}

export function countyBureauName(county: string): string {
  return county.endsWith('区') ? `${county}公安分局` : `${county}公安局`;
}

interface CountyArea {
  county: CountySpec;
  geometry: AreaGeometry;
  townships: Array<{ name: string; py: string; geometry: AreaGeometry }>;
}

/**
 * County and township areas as a Voronoi tiling of township seeds: a township with stations is
 * seeded at them (so each station lies in its real township), the others around the county seat;
 * a county the data gives no station is seeded at the kilometre post nearest its seat, so that
 * every county is crossed by a line.
 */
function countyAreas(net: BuiltNetwork, rng: Rng): CountyArea[] {
  const byName = new Map<string, StationInfo>();
  for (const s of net.stations.values()) byName.set(s.info.name, s.info);
  const posts: LonLat[] = [];
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const line of net.lines) {
    for (const v of line.postVertex) posts.push(line.coords[v]!);
    for (const c of line.coords) {
      minLon = Math.min(minLon, c[0]);
      maxLon = Math.max(maxLon, c[0]);
      minLat = Math.min(minLat, c[1]);
      maxLat = Math.max(maxLat, c[1]);
    }
  }
  const M = 0.25;
  const bbox: [number, number, number, number] = [minLon - M, minLat - M, maxLon + M, maxLat + M];
  const seeds: LonLat[] = [];
  const owner: Array<{ c: number; t: number }> = [];
  const seen = new Set<string>();
  const addSeed = (p: LonLat, c: number, t: number) => {
    const key = `${p[0]},${p[1]}`;
    if (seen.has(key)) throw new Error(`two township seeds at ${key}`);
    seen.add(key);
    seeds.push(p);
    owner.push({ c, t });
  };
  COUNTIES.forEach((county, c) => {
    const proj = new LocalProjection(county.seat[0], county.seat[1]);
    const hasStation = county.townships.some((tw) => (tw.stations ?? []).some((n) => byName.has(n)));
    county.townships.forEach((tw, t) => {
      const stations = (tw.stations ?? []).map((n) => byName.get(n)).filter((s): s is StationInfo => s !== undefined);
      if (stations.length) for (const s of stations) addSeed(s.at, c, t);
      else if (!hasStation && t === 0) addSeed(nearest(posts, county.seat), c, t);
      else {
        const angle = rng.range(0, 2 * Math.PI);
        const d = county.urban ? rng.range(900, 2200) : rng.range(4000, 11000);
        addSeed(proj.toLonLat([Math.cos(angle) * d, Math.sin(angle) * d]), c, t);
      }
    });
  });
  const tiling = voronoiTiling(seeds, bbox);
  return COUNTIES.map((county, c) => {
    const countyCells = tiling.cells.filter((_, i) => owner[i]!.c === c);
    if (countyCells.some((cell) => cell.length === 0)) throw new Error(`a township seed of ${county.name} has no area`);
    return {
      county,
      geometry: areaGeometry(unionCells(countyCells), tiling),
      townships: county.townships.map((tw, t) => ({
        name: tw.name,
        py: tw.py,
        geometry: areaGeometry(unionCells(tiling.cells.filter((_, i) => owner[i]!.c === c && owner[i]!.t === t)), tiling),
      })),
    };
  });
}

function nearest(points: readonly LonLat[], p: LonLat): LonLat {
  const proj = new LocalProjection(p[0], p[1]);
  let best = points[0]!;
  let bestD = Infinity;
  for (const q of points) {
    const xy = proj.toXY(q);
    const d = xy[0] * xy[0] + xy[1] * xy[1];
    if (d < bestD) {
      bestD = d;
      best = q;
    }
  }
  return best;
}

/** The organisation of the demo department: railway police, local police, operator units, volunteers. */
export function buildDepartmentOrganisation(net: BuiltNetwork, rng: Rng): OrgBuild {
  const agencies: Agency[] = [];
  const jurisdictions: Jurisdiction[] = [];
  const roster: RosterEntry[] = [];
  const add = (id: string, name: string, type: AgencyType, parentId: string | null, area: string, code: string) => {
    const agency: Agency = { id, name, type, parentId, dutyPhone: dutyPhone(rng, area) };
    agencies.push(agency);
    roster.push({ agency, code });
    return agency;
  };
  const lineById = new Map(net.lines.map((l) => [l.spec.id, l]));
  const stationByName = new Map<string, StationInfo>();
  for (const s of net.stations.values()) stationByName.set(s.info.name, s.info);

  add('nn-psb', '南宁铁路公安局', 'railway_police_bureau', null, '0771', 'nn');
  add('lz-psd', '柳州铁路公安处', 'railway_police_department', 'nn-psb', '0772', 'lzc');
  add('lz-centre', '柳州铁路公安处联防联控一体化协调中心', 'coordination_centre', 'lz-psd', '0772', 'lz');

  // railway police stations: line ranges from the stations they own, and those stations
  const psOf = new Map<string, string>();
  for (const ps of POLICE_STATIONS) {
    const area = stationByName.get(ps.stations[0]!)?.area ?? '0772';
    const psId = `lz-ps-${ps.code}`;
    add(psId, ps.name, 'railway_police_station', 'lz-psd', area, `ps.${ps.code}`);
    for (const n of ps.stations) {
      if (psOf.has(n)) throw new Error(`station ${n} given to two police stations`);
      psOf.set(n, psId);
      const st = stationByName.get(n);
      if (st) jurisdictions.push({ agencyId: psId, kind: 'station', stationId: st.id });
    }
  }
  for (const line of net.lines) jurisdictions.push(...ownershipRanges(line, (s) => psOf.get(s.name)));

  for (const team of TRAIN_TEAMS) {
    add(`lz-tt-${team.code}`, team.name, 'train_police_team', 'lz-psd', '0772', `tt.${team.code}`);
    jurisdictions.push({ agencyId: `lz-tt-${team.code}`, kind: 'train', trains: team.trains });
  }

  // local police: county bureaus and their townships, as areas
  const areas = countyAreas(net, rng.fork('areas'));
  const townshipAreas: Array<{ id: string; name: string; geometry: AreaGeometry }> = [];
  for (const a of areas) {
    const countyId = `cb-${a.county.py}`;
    add(countyId, countyBureauName(a.county.name), 'county_police_bureau', null, a.county.area, a.county.py);
    jurisdictions.push({ agencyId: countyId, kind: 'area', geometry: a.geometry });
    for (const tw of a.townships) {
      const id = `tw-${a.county.py}-${tw.py}`;
      add(id, `${a.county.name}${tw.name}`, 'township', countyId, a.county.area, `${a.county.py}.${tw.py}`);
      jurisdictions.push({ agencyId: id, kind: 'area', geometry: tw.geometry });
      townshipAreas.push({ id, name: tw.name, geometry: tw.geometry });
    }
  }

  // railway operator units and the security company
  for (const unit of UNITS) {
    add(unit.id, unit.name, unit.type, null, unit.area, unit.code);
    for (const n of unit.stations ?? []) {
      const st = stationByName.get(n);
      if (st) jurisdictions.push({ agencyId: unit.id, kind: 'station', stationId: st.id });
    }
  }
  for (const type of ['track_maintenance_section', 'power_supply_section'] as const) {
    for (const line of net.lines) {
      const units = UNITS.filter((u) => u.type === type).flatMap((u) => (u.lines ?? []).filter((l) => l.lineId === line.spec.id).map((l) => ({ u, l })));
      const whole = units.find((x) => !x.l.stations);
      if (whole) {
        jurisdictions.push(rangeOf(line, whole.u.id, 0, line.lengthM));
        continue;
      }
      const ownerOf = new Map<string, string>();
      for (const { u, l } of units) for (const n of l.stations ?? []) ownerOf.set(n, u.id);
      jurisdictions.push(...ownershipRanges(line, (s) => ownerOf.get(s.name)));
    }
  }
  for (const unit of UNITS.filter((u) => u.type === 'security_company')) {
    for (const l of unit.lines ?? []) {
      const line = lineById.get(l.lineId);
      if (!line || l.firstKm === undefined) continue;
      const span = Math.min(Math.abs(l.firstKm) * 1000, line.lengthM);
      const [a, b] = l.firstKm >= 0 ? [0, niceCut(line, span)] : [niceCut(line, line.lengthM - span), line.lengthM];
      jurisdictions.push(rangeOf(line, unit.id, a, b));
    }
  }

  // joint-defence teams of the villages along conventional lines, under their township
  const usedTeamNames = new Set<string>();
  for (const name of VOLUNTEER_STATIONS) {
    const rec = [...net.stations.values()].find((s) => s.info.name === name);
    if (!rec) continue;
    const { line, station } = rec.on[0]!;
    const at = line.coords[station.vertex]!;
    const township = townshipAreas.find((tw) => pointInArea(at, tw.geometry));
    if (!township) throw new Error(`station ${name} lies in no township`);
    const teamName = usedTeamNames.has(township.name) ? `${township.name}${name}护路联防队` : `${township.name}护路联防队`;
    usedTeamNames.add(township.name);
    const py = stationPy(rec.info);
    add(`vt-${py}`, teamName, 'volunteer_team', township.id, rec.info.area ?? '0772', `vt.${py}`);
    jurisdictions.push(stretchAround(line, `vt-${py}`, station.measure, 3000));
  }

  return { organisation: { agencies, jurisdictions }, roster };
}

function stationPy(info: StationInfo): string {
  return info.id.replace(/^st-/, '');
}
