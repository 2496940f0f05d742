import { collection, lineFeature, postsAlong, stationFeature, walk } from '../src/modules/network/fixtures.js';

/** A small two-line network near 柳州 with a long and a short chain break, for API and CLI tests. */
export function smallNetwork() {
  const a = walk([109.3, 24.2], 30_000, 200, (s) => 30 + 10 * Math.sin(s / 5000));
  const b = walk([109.5, 24.1], 20_000, 200, () => 100);
  return {
    a,
    b,
    doc: collection(
      lineFeature('T1', '测试一线', a, postsAlong(a, 1000, 100_000, 'K', [{ atM: 12_000, aheadM: 111_800 }]), { highSpeed: true }),
      lineFeature('T2', '测试二线', b, postsAlong(b, 1000, 0, 'K', [{ atM: 8000, aheadM: 8150 }])),
      stationFeature('SA', '甲站', a.at(2000), [{ lineId: 'T1' }]),
      stationFeature('SB', '乙站', a.at(20_000), [{ lineId: 'T1' }]),
      stationFeature('SC', '丙站', b.at(3000), [{ lineId: 'T2' }]),
      stationFeature('SD', '丁站', b.at(18_000), [{ lineId: 'T2' }]),
    ),
  };
}

/** A point `metres` to the left (positive) or right (negative) of a walk at arc length s. */
export function besideWalk(w: ReturnType<typeof walk>, s: number, metres: number): [number, number] {
  const a = w.at(Math.max(0, s - 5));
  const b = w.at(Math.min(w.lengthM, s + 5));
  const p = w.at(s);
  const kx = 111_320 * Math.cos((p[1] * Math.PI) / 180);
  const ky = 110_574;
  const dx = (b[0] - a[0]) * kx;
  const dy = (b[1] - a[1]) * ky;
  const len = Math.hypot(dx, dy);
  return [p[0] + ((-dy / len) * metres) / kx, p[1] + ((dx / len) * metres) / ky];
}

const rect = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]] as [number, number][]],
});

/** Agencies and jurisdictions over smallNetwork(): two police stations, two counties, four townships. */
export function smallOrganisation() {
  return {
    agencies: [
      { id: 'bureau', name: '测试铁路公安局', type: 'railway_police_bureau' },
      { id: 'dept', name: '测试铁路公安处', type: 'railway_police_department', parentId: 'bureau' },
      { id: 'centre', name: '测试协调中心', type: 'coordination_centre', parentId: 'dept' },
      { id: 'ps-a', name: '甲站派出所', type: 'railway_police_station', parentId: 'dept', dutyPhone: '0772-1110001' },
      { id: 'ps-b', name: '乙站派出所', type: 'railway_police_station', parentId: 'dept' },
      { id: 'county-w', name: '西县公安局', type: 'county_police_bureau' },
      { id: 'county-e', name: '东县公安局', type: 'county_police_bureau' },
      { id: 'town-ws', name: '西南镇', type: 'township', parentId: 'county-w' },
      { id: 'town-wn', name: '西北镇', type: 'township', parentId: 'county-w' },
      { id: 'town-es', name: '东南镇', type: 'township', parentId: 'county-e' },
      { id: 'town-en', name: '东北镇', type: 'township', parentId: 'county-e' },
      { id: 'pwd-1', name: '测试工务段', type: 'track_maintenance_section' },
    ],
    jurisdictions: [
      { agencyId: 'ps-a', kind: 'line-range', lineId: 'T1', from: 'K100+000', to: 'K105+000' },
      { agencyId: 'ps-b', kind: 'line-range', lineId: 'T1', from: 'K105+000', to: 'K111+000' },
      { agencyId: 'ps-b', kind: 'line-range', lineId: 'T2', from: 'K0+000', to: 'K20+150' },
      { agencyId: 'ps-a', kind: 'station', stationId: 'SA' },
      { agencyId: 'pwd-1', kind: 'line-range', lineId: 'T1', from: 'K100+000', to: 'K111+000' },
      { agencyId: 'county-w', kind: 'area', geometry: rect(109.0, 23.9, 109.42, 24.5) },
      { agencyId: 'county-e', kind: 'area', geometry: rect(109.42, 23.9, 109.8, 24.5) },
      { agencyId: 'town-ws', kind: 'area', geometry: rect(109.0, 23.9, 109.42, 24.2) },
      { agencyId: 'town-wn', kind: 'area', geometry: rect(109.0, 24.2, 109.42, 24.5) },
      { agencyId: 'town-es', kind: 'area', geometry: rect(109.42, 23.9, 109.8, 24.2) },
      { agencyId: 'town-en', kind: 'area', geometry: rect(109.42, 24.2, 109.8, 24.5) },
    ],
  };
}
