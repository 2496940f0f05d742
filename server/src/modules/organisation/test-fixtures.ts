// Test-only: a hand-made straight line so every expectation can be worked out on paper.
import { formatMileage, parseMileage, type AreaClass, type LocateResult, type LonLat, type OrganisationDocument } from '@railjoint/contracts';
import type { LineView, NetworkView, StationNearby, StationView } from './network-view.js';

const M_PER_DEG_LAT = 111_320;
const M_PER_DEG_LON = 100_000; // a round figure keeps the arithmetic visible; the fake only needs consistency
const ORIGIN: LonLat = [109, 25];
const START_M = 100_000; // K100+000 at the origin
const LENGTH_M = 60_000; // to K160+000

/** Point at a mileage (metres) on line L1, offset metres to the north (left) or south (negative). */
export function at(metres: number, offsetM = 0): LonLat {
  return [ORIGIN[0] + (metres - START_M) / M_PER_DEG_LON, ORIGIN[1] + offsetM / M_PER_DEG_LAT];
}
export const km = (k: number, m = 0): number => k * 1000 + m;

function areaClassAt(_prefix: string, metres: number): AreaClass {
  if (metres < km(120)) return 'urban';
  if (metres < km(130)) return 'suburban';
  if (metres < km(145)) return 'village';
  return 'other';
}

const L1: LineView = {
  id: 'L1',
  name: '湘桂线',
  highSpeed: true,
  formationHalfWidthM: 12,
  mileageRanges: [{ prefix: 'K', fromMetres: START_M, toMetres: START_M + LENGTH_M }],
  areaClassAt,
};

const STATIONS: StationView[] = [
  { id: 'S1', name: '柳州', coordinates: at(km(110)), lines: [{ lineId: 'L1', prefix: 'K', metres: km(110), measureM: km(10) }], precinctM: 600 },
  { id: 'S2', name: '鹿寨', coordinates: at(km(140)), lines: [{ lineId: 'L1', prefix: 'K', metres: km(140), measureM: km(40) }], precinctM: 800 },
];

function project(lineId: string, p: LonLat, maxOffsetM: number): LocateResult | null {
  if (lineId !== 'L1') return null;
  const x = (p[0] - ORIGIN[0]) * M_PER_DEG_LON;
  const y = (p[1] - ORIGIN[1]) * M_PER_DEG_LAT;
  if (x < 0 || x > LENGTH_M || Math.abs(y) > maxOffsetM) return null;
  const metres = START_M + x;
  return {
    lineId: 'L1',
    lineName: L1.name,
    mileage: formatMileage(metres, 'K'),
    prefix: 'K',
    metres,
    offsetM: Math.abs(y),
    side: y >= 0 ? 'left' : 'right',
    sectionId: null,
    sectionName: null,
    onLine: at(metres),
    measureM: x,
    highSpeed: true,
  };
}

export const fakeNetwork: NetworkView = {
  locate: (p, max) => project('L1', p, max),
  locateOnLine: (lineId, p, max) => project(lineId, p, max),
  lineInfo: (id) => (id === 'L1' ? L1 : null),
  stationInfo: (id) => STATIONS.find((s) => s.id === id) ?? null,
  stationsNear(lineId, measureM, withinM): StationNearby[] {
    const out: StationNearby[] = [];
    for (const s of STATIONS) {
      for (const l of s.lines) {
        const alongM = Math.abs(l.measureM - measureM);
        if (l.lineId === lineId && alongM <= withinM) out.push({ stationId: s.id, name: s.name, alongM, precinctM: s.precinctM });
      }
    }
    return out.sort((a, b) => a.alongM - b.alongM);
  },
  positionOf(lineId, text) {
    const m = parseMileage(text);
    if (lineId !== 'L1' || m.prefix !== 'K' || m.metres < START_M || m.metres > START_M + LENGTH_M) {
      throw new Error(`${text} is not on line ${lineId}`);
    }
    return at(m.metres);
  },
};

/** Rectangle in line coordinates: mileage metres along, offset metres across (north positive). */
export function rect(fromM: number, toM: number, southM: number, northM: number): LonLat[] {
  return [at(fromM, southM), at(toM, southM), at(toM, northM), at(fromM, northM), at(fromM, southM)];
}

export function orgDoc(): OrganisationDocument {
  return {
    agencies: [
      { id: 'nn_bureau', name: '南宁铁路公安局', type: 'railway_police_bureau', parentId: null },
      { id: 'lz_dept', name: '柳州铁路公安处', type: 'railway_police_department', parentId: 'nn_bureau' },
      { id: 'lz_ps', name: '柳州站派出所', type: 'railway_police_station', parentId: 'lz_dept' },
      { id: 'lzd_ps', name: '柳州东派出所', type: 'railway_police_station', parentId: 'lz_dept' },
      { id: 'lc_ps', name: '鹿寨站派出所', type: 'railway_police_station', parentId: 'lz_dept' },
      { id: 'lz_tpt', name: '柳州乘警支队一大队', type: 'train_police_team', parentId: 'lz_dept' },
      { id: 'ln_county', name: '柳南区公安分局', type: 'county_police_bureau' },
      { id: 'lc_county', name: '鹿寨县公安局', type: 'county_police_bureau' },
      { id: 'ty_town', name: '太阳村镇', type: 'township' },
      { id: 'jd_town', name: '进德镇', type: 'township' },
      { id: 'lz_station', name: '柳州站', type: 'railway_station' },
      { id: 'lz_tms', name: '柳州工务段', type: 'track_maintenance_section' },
      { id: 'lz_pss', name: '柳州供电段', type: 'power_supply_section' },
      { id: 'cc', name: '柳州一体化协调中心', type: 'coordination_centre' },
    ],
    jurisdictions: [
      { agencyId: 'lz_ps', kind: 'line-range', lineId: 'L1', from: 'K100+000', to: 'K125+000' },
      { agencyId: 'lz_ps', kind: 'station', stationId: 'S1' },
      { agencyId: 'lz_station', kind: 'station', stationId: 'S1' },
      { agencyId: 'lzd_ps', kind: 'line-range', lineId: 'L1', from: 'K125+000', to: 'K135+000' },
      // written backwards on purpose: the index normalises; K135–K138 is a gap, beyond K150 nobody
      { agencyId: 'lc_ps', kind: 'line-range', lineId: 'L1', from: 'K150+000', to: 'K138+000' },
      { agencyId: 'lc_ps', kind: 'station', stationId: 'S2' },
      { agencyId: 'lz_tpt', kind: 'train', trains: ['G1234', 'D8501'] },
      { agencyId: 'lz_tms', kind: 'line-range', lineId: 'L1', from: 'K100+000', to: 'K160+000' },
      { agencyId: 'lz_pss', kind: 'line-range', lineId: 'L1', from: 'K100+000', to: 'K160+000' },
      { agencyId: 'ln_county', kind: 'area', geometry: { type: 'Polygon', coordinates: [rect(km(100), km(130), -5000, 5000)] } },
      {
        agencyId: 'lc_county',
        kind: 'area',
        // the hole is an enclave of no county in this data: a point there has no county
        geometry: { type: 'Polygon', coordinates: [rect(km(130), km(160), -5000, 5000), rect(km(150), km(152), 100, 2000)] },
      },
      { agencyId: 'ty_town', kind: 'area', geometry: { type: 'Polygon', coordinates: [rect(km(100), km(130), 0, 5000)] } },
      {
        agencyId: 'jd_town',
        kind: 'area',
        geometry: { type: 'MultiPolygon', coordinates: [[rect(km(130), km(140), -5000, 5000)], [rect(km(145), km(150), -5000, 5000)]] },
      },
    ],
  };
}
