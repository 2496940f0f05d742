import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  Agency as AgencySchema,
  Jurisdiction as JurisdictionSchema,
  LineFeature as LineFeatureSchema,
  PlaceFeature as PlaceFeatureSchema,
  ROLES,
  SiteFeature as SiteFeatureSchema,
  StationFeature as StationFeatureSchema,
  Username,
  parseMileage,
  type Jurisdiction,
  type LineFeature,
  type LonLat,
  type PlaceFeature,
  type SiteFeature,
  type StationFeature,
} from '@railjoint/contracts';
import { generateDemo } from './generate.js';
import { distanceToPolylineM, pointInArea, type AreaGeometryLike } from './geometry.js';

// The validator and organisation checker are the lead's; these tests run once they exist.
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const hasNetworkValidator = existsSync(here('../modules/network/validate.ts'));
const hasOrgValidator = existsSync(here('../modules/organisation/validate.ts')) && existsSync(here('../modules/network/network-model.ts'));

const demo = generateDemo({ scale: 'department' });
const lines = demo.network.features.filter((f): f is LineFeature => f.properties.kind === 'line');
const stations = demo.network.features.filter((f): f is StationFeature => f.properties.kind === 'station');
const sites = demo.network.features.filter((f): f is SiteFeature => f.properties.kind === 'site');
const places = demo.network.features.filter((f): f is PlaceFeature => f.properties.kind === 'place');
const agencies = demo.organisation.agencies;
const jurisdictions = demo.organisation.jurisdictions;
const ofType = (t: string) => agencies.filter((a) => a.type === t);

/**
 * An independent copy of the length metric the network module uses (WGS84 radii of curvature at
 * the segment's mid-latitude), so the test does not just agree with the generator by construction.
 */
function segM(a: LonLat, b: LonLat): number {
  const A = 6378137;
  const F = 1 / 298.257223563;
  const E2 = F * (2 - F);
  const phi = (((a[1] + b[1]) / 2) * Math.PI) / 180;
  const w = 1 - E2 * Math.sin(phi) ** 2;
  const ky = ((A * (1 - E2)) / (w * Math.sqrt(w))) * (Math.PI / 180);
  const kx = (A / Math.sqrt(w)) * Math.cos(phi) * (Math.PI / 180);
  return Math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * ky);
}

function coordsOf(line: LineFeature): LonLat[] {
  if (line.geometry.type !== 'LineString') throw new Error('demo lines are LineStrings');
  return line.geometry.coordinates;
}

function measuresOf(coords: readonly LonLat[]): number[] {
  const out = [0];
  for (let i = 1; i < coords.length; i++) out.push(out[i - 1]! + segM(coords[i - 1]!, coords[i]!));
  return out;
}

/** Post measures: each post is an exact vertex of its line, found walking forward. */
function postMeasures(line: LineFeature): number[] {
  const coords = coordsOf(line);
  const m = measuresOf(coords);
  let v = 0;
  return line.properties.kmPosts.map((p) => {
    while (v < coords.length && (coords[v]![0] !== p.coordinates[0] || coords[v]![1] !== p.coordinates[1])) v++;
    if (v >= coords.length) throw new Error(`${line.properties.id}: post ${p.mileage} is not a vertex after the previous post`);
    return m[v]!;
  });
}

/** Every measure at which a mileage occurs (the validator's interpolation model). */
function mileageToMeasures(line: LineFeature, text: string): number[] {
  const posts = line.properties.kmPosts;
  const ms = postMeasures(line);
  const target = parseMileage(text);
  const out: number[] = [];
  for (let k = 0; k + 1 < posts.length; k++) {
    const a = parseMileage(posts[k]!.ahead ?? posts[k]!.mileage);
    const b = parseMileage(posts[k + 1]!.mileage);
    if (a.prefix !== target.prefix || target.metres < a.metres - 1e-6 || target.metres > b.metres + 1e-6) continue;
    const s = ms[k]! + (target.metres - a.metres);
    if (!out.some((x) => Math.abs(x - s) < 0.5)) out.push(s);
  }
  return out;
}

function vertexMeasure(line: LineFeature, p: LonLat): number | null {
  const coords = coordsOf(line);
  const m = measuresOf(coords);
  const i = coords.findIndex((c) => c[0] === p[0] && c[1] === p[1]);
  return i < 0 ? null : m[i]!;
}

describe('generateDemo (department)', () => {
  it('is deterministic: the same seed gives identical JSON, another seed differs', () => {
    expect(JSON.stringify(generateDemo({ scale: 'department' }))).toBe(JSON.stringify(demo));
    const a = JSON.stringify(generateDemo({ seed: 7 }));
    expect(JSON.stringify(generateDemo({ seed: 7 }))).toBe(a);
    expect(a).not.toBe(JSON.stringify(demo));
  });

  it('has at least 3 lines, one high-speed, 1,000 km in all', () => {
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.some((l) => l.properties.highSpeed)).toBe(true);
    const km = lines.reduce((s, l) => s + measuresOf(coordsOf(l)).at(-1)!, 0) / 1000;
    expect(km).toBeGreaterThanOrEqual(1000);
    for (const l of lines) {
      expect(l.properties.formationHalfWidthM).toBeGreaterThan(0);
      expect(l.properties.areaClasses?.length).toBeGreaterThan(0);
      const m = measuresOf(coordsOf(l));
      const total = m.at(-1)!;
      const vertices = coordsOf(l).length;
      // vertices about every 150–250 m (posts and sites add a few)
      expect(total / (vertices - 1)).toBeGreaterThan(90);
      expect(total / (vertices - 1)).toBeLessThan(260);
    }
  });

  it('places km posts on the geometry, 1 km apart, first at the start and last at the end', () => {
    for (const l of lines) {
      const posts = l.properties.kmPosts;
      const ms = postMeasures(l);
      const total = measuresOf(coordsOf(l)).at(-1)!;
      expect(ms[0]).toBe(0);
      expect(Math.abs(ms.at(-1)! - total)).toBeLessThan(0.01);
      for (let k = 1; k < posts.length; k++) {
        const dm = parseMileage(posts[k]!.mileage).metres - parseMileage(posts[k - 1]!.ahead ?? posts[k - 1]!.mileage).metres;
        const len = ms[k]! - ms[k - 1]!;
        expect(dm).toBeGreaterThan(0);
        // exact up to the 1e-7° rounding of coordinates
        expect(Math.abs(dm - len), `${l.properties.id} post ${posts[k]!.mileage}`).toBeLessThan(0.5);
        const isLast = k === posts.length - 1;
        const beforeChain = posts[k]!.ahead !== undefined;
        if (!isLast && !beforeChain) expect(parseMileage(posts[k]!.mileage).metres % 1000).toBe(0);
        if (!isLast) expect(len).toBeLessThanOrEqual(1000.5);
      }
    }
  });

  it('has a long chain break and a short one, on different lines', () => {
    const chains = lines.flatMap((l) =>
      l.properties.kmPosts
        .filter((p) => p.ahead !== undefined)
        .map((p) => ({ line: l.properties.id, d: parseMileage(p.ahead!).metres - parseMileage(p.mileage).metres })),
    );
    const long = chains.filter((c) => c.d < 0);
    const short = chains.filter((c) => c.d > 0);
    expect(long.length).toBeGreaterThan(0);
    expect(short.length).toBeGreaterThan(0);
    expect(long.some((a) => short.some((b) => b.line !== a.line))).toBe(true);
    expect(lines.some((l) => l.properties.kmPosts[0]!.mileage.startsWith('DK'))).toBe(true);
  });

  it('has at least 40 stations, each exactly on its lines at the mileage it gives', () => {
    expect(stations.length).toBeGreaterThanOrEqual(40);
    const names = new Set(stations.map((s) => s.properties.name));
    for (const n of ['柳州', '柳州南', '鹿寨', '来宾北', '来宾', '黎塘', '桂林北', '桂林', '永福南', '宜州', '河池', '金城江', '三江南', '融安', '融水', '宾阳']) {
      expect(names.has(n), n).toBe(true);
    }
    const lineById = new Map(lines.map((l) => [l.properties.id, l]));
    for (const s of stations) {
      for (const sl of s.properties.lines) {
        const line = lineById.get(sl.lineId)!;
        const at = vertexMeasure(line, s.geometry.coordinates);
        expect(at, `${s.properties.name} on ${sl.lineId}`).not.toBeNull();
        const candidates = mileageToMeasures(line, sl.mileage!);
        expect(Math.min(...candidates.map((c) => Math.abs(c - at!))), `${s.properties.name} ${sl.mileage}`).toBeLessThan(1);
      }
    }
  });

  it('has at least 60 key sites of every type, as points on their line', () => {
    expect(sites.length).toBeGreaterThanOrEqual(60);
    const types = new Set(sites.map((s) => s.properties.siteType));
    for (const t of ['bridge', 'tunnel', 'level_crossing', 'culvert', 'access_gate', 'substation']) expect(types.has(t as never), t).toBe(true);
    expect(sites.some((s) => s.properties.name === '柳江特大桥')).toBe(true);
    const lineById = new Map(lines.map((l) => [l.properties.id, l]));
    for (const s of sites) {
      expect(s.geometry.type).toBe('Point');
      const line = lineById.get(s.properties.lineId)!;
      if (s.properties.siteType === 'level_crossing') expect(line.properties.highSpeed).toBe(false);
      if (s.properties.siteType === 'access_gate') expect(line.properties.highSpeed).toBe(true);
      expect(vertexMeasure(line, s.geometry.coordinates as LonLat), s.properties.id).not.toBeNull();
    }
  });

  it('names villages and towns beside the lines: the village each level crossing is named after, one every few km, the towns with stations', () => {
    const lineById = new Map(lines.map((l) => [l.properties.id, l]));
    const villages = places.filter((p) => p.properties.placeType === 'village');
    expect(villages.length).toBeGreaterThanOrEqual(100);
    expect(places.filter((p) => p.properties.placeType === 'town').map((p) => p.properties.name)).toEqual(expect.arrayContaining(['沙塘镇', '雒容镇', '鹿寨镇']));
    expect(new Set(places.map((p) => p.properties.name)).size).toBe(places.length);
    for (const p of places) {
      const line = lineById.get(p.properties.lineId!)!;
      const d = distanceToPolylineM(p.geometry.coordinates as LonLat, line.geometry.coordinates as LonLat[]);
      expect(d, p.properties.name).toBeGreaterThan(150);
      expect(d, p.properties.name).toBeLessThan(1300);
    }
    for (const crossing of sites.filter((s) => s.properties.siteType === 'level_crossing')) {
      const base = crossing.properties.name.replace(/(?:[一二三四五六七八九十]+号)?道口$/, '');
      const namesake = villages.find((v) => v.properties.name === base || v.properties.name === `${base}村`);
      expect(namesake, crossing.properties.name).toBeDefined();
    }
  });

  it('has the organisation the brief asks for', () => {
    expect(ofType('railway_police_bureau').map((a) => a.name)).toContain('南宁铁路公安局');
    expect(ofType('railway_police_department').map((a) => a.name)).toContain('柳州铁路公安处');
    const centre = agencies.find((a) => a.id === 'lz-centre')!;
    expect(centre.type).toBe('coordination_centre');
    expect(centre.name).toBe('柳州铁路公安处联防联控一体化协调中心');
    expect(agencies.find((a) => a.id === centre.parentId)?.type).toBe('railway_police_department');
    expect(ofType('railway_police_station').length).toBeGreaterThanOrEqual(10);
    const psNames = ofType('railway_police_station').map((a) => a.name);
    for (const n of ['柳州站派出所', '柳州南站派出所', '鹿寨站派出所', '来宾站派出所', '河池站派出所', '桂林北站派出所', '三江南站派出所', '宜州站派出所', '融安站派出所', '黎塘站派出所']) {
      expect(psNames, n).toContain(n);
    }
    expect(ofType('train_police_team').length).toBeGreaterThanOrEqual(2);
    expect(ofType('county_police_bureau').length).toBeGreaterThanOrEqual(15);
    expect(ofType('county_police_bureau').map((a) => a.name)).toEqual(expect.arrayContaining(['柳北区公安分局', '柳南区公安分局', '鹿寨县公安局', '兴宾区公安分局', '宜州区公安分局', '宾阳县公安局']));
    expect(ofType('railway_station').length).toBeGreaterThanOrEqual(5);
    expect(ofType('track_maintenance_section').length).toBeGreaterThanOrEqual(3);
    expect(ofType('power_supply_section').length).toBeGreaterThanOrEqual(2);
    expect(ofType('security_company').length).toBeGreaterThanOrEqual(1);
    expect(ofType('volunteer_team').length).toBeGreaterThanOrEqual(3);
    const ids = new Set(agencies.map((a) => a.id));
    expect(ids.size).toBe(agencies.length);
    for (const a of agencies) {
      expect(a.id).toMatch(/^[a-z0-9.-]+$/);
      if (a.parentId) expect(ids.has(a.parentId), a.id).toBe(true);
      if (a.type !== 'township') expect(a.dutyPhone).toMatch(/^0\d{2,3}-\d{7,8}$/);
    }
    for (const c of ofType('county_police_bureau')) {
      expect(ofType('township').filter((t) => t.parentId === c.id).length, c.name).toBeGreaterThanOrEqual(2);
      expect(jurisdictions.some((j) => j.agencyId === c.id && j.kind === 'area')).toBe(true);
    }
    for (const t of ofType('train_police_team')) {
      const j = jurisdictions.find((x) => x.agencyId === t.id && x.kind === 'train');
      expect(j && j.kind === 'train' && j.trains.every((n) => /^[GDKZT]\d+$/.test(n))).toBe(true);
    }
    for (const type of ['track_maintenance_section', 'power_supply_section', 'volunteer_team']) {
      for (const a of ofType(type)) expect(jurisdictions.some((j) => j.agencyId === a.id && j.kind === 'line-range'), a.name).toBe(true);
    }
  });

  it('gives every line to railway police stations without gaps or overlaps, stations included', () => {
    const police = new Set(ofType('railway_police_station').map((a) => a.id));
    const ranges = jurisdictions.filter((j): j is Extract<Jurisdiction, { kind: 'line-range' }> => j.kind === 'line-range' && police.has(j.agencyId));
    for (const l of lines) {
      const one = (text: string) => {
        const m = mileageToMeasures(l, text);
        expect(m.length, `${l.properties.id} ${text} must be unambiguous`).toBe(1);
        return m[0]!;
      };
      const mine = ranges
        .filter((r) => r.lineId === l.properties.id)
        .map((r) => ({ agencyId: r.agencyId, from: one(r.from), to: one(r.to) }))
        .sort((a, b) => a.from - b.from);
      expect(mine.length).toBeGreaterThan(0);
      const total = measuresOf(coordsOf(l)).at(-1)!;
      expect(mine[0]!.from).toBeLessThan(0.5);
      expect(Math.abs(mine.at(-1)!.to - total)).toBeLessThan(0.5);
      for (let i = 0; i < mine.length; i++) {
        expect(mine[i]!.to).toBeGreaterThan(mine[i]!.from);
        if (i > 0) expect(Math.abs(mine[i]!.from - mine[i - 1]!.to), l.properties.id).toBeLessThan(0.5);
      }
      // each station lies in the range of the police station that holds it
      for (const s of stations.filter((st) => st.properties.lines.some((x) => x.lineId === l.properties.id))) {
        const holders = jurisdictions.filter((j) => j.kind === 'station' && j.stationId === s.properties.id && police.has(j.agencyId));
        expect(holders.length, s.properties.name).toBe(1);
        const at = vertexMeasure(l, s.geometry.coordinates)!;
        const range = mine.find((r) => at >= r.from - 0.5 && at <= r.to + 0.5);
        expect(range?.agencyId, `${s.properties.name} on ${l.properties.id}`).toBe(holders[0]!.agencyId);
      }
    }
  });

  it('puts every km post in exactly one county and one township of that county', () => {
    const areaOf = (type: string) =>
      ofType(type).map((a) => ({
        a,
        geometries: jurisdictions.filter((j) => j.agencyId === a.id && j.kind === 'area').map((j) => (j as { geometry: AreaGeometryLike }).geometry),
      }));
    const counties = areaOf('county_police_bureau');
    const townships = areaOf('township');
    const crossed = new Set<string>();
    for (const l of lines) {
      for (const p of l.properties.kmPosts) {
        const c = counties.filter((x) => x.geometries.some((g) => pointInArea(p.coordinates, g)));
        const t = townships.filter((x) => x.geometries.some((g) => pointInArea(p.coordinates, g)));
        expect(c.length, `${l.properties.id} ${p.mileage} counties`).toBe(1);
        expect(t.length, `${l.properties.id} ${p.mileage} townships`).toBe(1);
        expect(t[0]!.a.parentId).toBe(c[0]!.a.id);
        crossed.add(c[0]!.a.id);
      }
    }
    // the lines cross at least 15 counties
    expect(crossed.size).toBeGreaterThanOrEqual(15);
  });

  it('has users for every agency with the seats the brief names', () => {
    const names = new Set(demo.users.map((u) => u.username));
    expect(names.size).toBe(demo.users.length);
    for (const u of demo.users) {
      expect(u.username).toMatch(/^[a-z0-9_.-]{2,64}$/);
      expect(u.displayName).toMatch(/[\u4e00-\u9fff]/);
      expect(u.roles.length).toBeGreaterThan(0);
    }
    const by = (n: string) => demo.users.find((u) => u.username === n);
    expect(by('lz.dispatcher1')?.roles).toContain('dispatcher');
    expect(by('lz.dispatcher2')?.roles).toContain('dispatcher');
    expect(by('lz.commander')?.roles).toContain('commander');
    expect(by('lz.analyst')?.roles).toContain('analyst');
    for (const n of ['lz.dispatcher1', 'lz.dispatcher2', 'lz.commander', 'lz.analyst']) expect(by(n)?.agencyId).toBe('lz-centre');
    for (const a of agencies) {
      const mine = demo.users.filter((u) => u.agencyId === a.id);
      expect(mine.length, a.name).toBeGreaterThan(0);
      const roles = new Set(mine.flatMap((u) => u.roles));
      if (a.type === 'railway_police_station') expect(roles.has('officer') && roles.has('commander'), a.name).toBe(true);
      if (a.type === 'county_police_bureau') expect(roles.has('liaison'), a.name).toBe(true);
      if (a.type === 'volunteer_team') expect(roles.has('volunteer'), a.name).toBe(true);
      if (['railway_station', 'track_maintenance_section', 'power_supply_section', 'security_company'].includes(a.type)) expect(roles.has('officer'), a.name).toBe(true);
    }
  });

  it.skipIf(!hasNetworkValidator)('passes the network validator with no errors', async () => {
    const { checkNetwork } = (await import('../modules/network/validate.js')) as {
      checkNetwork: (input: unknown) => { report: { ok: boolean; errors: unknown[]; warnings: unknown[]; counts: { lines: number } } };
    };
    const { report } = checkNetwork(JSON.parse(JSON.stringify(demo.network)));
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.counts.lines).toBe(lines.length);
  });

  it.skipIf(!hasOrgValidator)('passes the organisation checker with no errors', async () => {
    const { checkNetwork } = (await import('../modules/network/validate.js')) as { checkNetwork: (i: unknown) => { doc: unknown } };
    const { NetworkModel } = (await import('../modules/network/network-model.js')) as { NetworkModel: { build(doc: unknown): unknown } };
    const { networkView } = (await import('../modules/network/network-view.js')) as { networkView: (m: unknown) => unknown };
    const { checkOrganisation } = (await import('../modules/organisation/validate.js')) as {
      checkOrganisation: (i: unknown, n: unknown) => { problems: Array<{ severity: string }> };
    };
    const view = networkView(NetworkModel.build(checkNetwork(demo.network).doc));
    const { problems } = checkOrganisation(JSON.parse(JSON.stringify(demo.organisation)), view);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('generateDemo (national)', () => {
  it('builds at least 100,000 km with stations every 20–40 km, quickly', () => {
    const national = generateDemo({ scale: 'national' });
    const nLines = national.network.features.filter((f): f is LineFeature => f.properties.kind === 'line');
    let km = 0;
    let vertices = 0;
    for (const l of nLines) {
      const c = coordsOf(l);
      km += measuresOf(c).at(-1)! / 1000;
      vertices += c.length;
      for (const p of l.properties.kmPosts) {
        expect(p.coordinates[0]).toBeGreaterThanOrEqual(73);
        expect(p.coordinates[0]).toBeLessThanOrEqual(135);
        expect(p.coordinates[1]).toBeGreaterThanOrEqual(18);
        expect(p.coordinates[1]).toBeLessThanOrEqual(54);
      }
    }
    expect(km).toBeGreaterThanOrEqual(100_000);
    expect((km * 1000) / vertices).toBeGreaterThan(150);
    const nStations = national.network.features.filter((f) => f.properties.kind === 'station').length;
    expect(km / nStations).toBeGreaterThan(15);
    expect(km / nStations).toBeLessThan(45);
    expect(national.users.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('generateDemo (contracts, shape and limits)', () => {
  it('hashes the same for the same seed', () => {
    const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');
    expect(hash(generateDemo({ seed: 42 }))).toBe(hash(generateDemo({ seed: 42 })));
  });

  it('writes only what the contracts accept', () => {
    for (const f of demo.network.features) {
      const schema = { line: LineFeatureSchema, station: StationFeatureSchema, site: SiteFeatureSchema, place: PlaceFeatureSchema }[f.properties.kind];
      const r = schema.safeParse(f);
      expect(r.success, `${f.properties.id}: ${r.error?.message}`).toBe(true);
    }
    for (const a of agencies) expect(AgencySchema.safeParse(a).success, a.id).toBe(true);
    for (const j of jurisdictions) expect(JurisdictionSchema.safeParse(j).success, j.agencyId).toBe(true);
    for (const u of demo.users) {
      expect(Username.safeParse(u.username).success, u.username).toBe(true);
      for (const r of u.roles) expect(ROLES).toContain(r);
    }
  });

  it('draws smooth lines around Liuzhou', () => {
    for (const l of lines) {
      const c = coordsOf(l);
      let maxTurn = 0;
      for (let i = 1; i + 1 < c.length; i++) {
        const k = Math.cos((c[i]![1] * Math.PI) / 180);
        const h1 = Math.atan2(c[i]![1] - c[i - 1]![1], (c[i]![0] - c[i - 1]![0]) * k);
        const h2 = Math.atan2(c[i + 1]![1] - c[i]![1], (c[i + 1]![0] - c[i]![0]) * k);
        let d = Math.abs(h2 - h1);
        if (d > Math.PI) d = 2 * Math.PI - d;
        maxTurn = Math.max(maxTurn, (d * 180) / Math.PI);
        expect(c[i]![0] > 107 && c[i]![0] < 111.5 && c[i]![1] > 22.5 && c[i]![1] < 26.5, `${l.properties.id} ${c[i]}`).toBe(true);
      }
      // about 10° at most between neighbouring segments of ~200 m: curve radii above a kilometre
      expect(maxTurn, l.properties.id).toBeLessThan(12);
    }
  });

  it('has every county crossed by a line', () => {
    for (const c of ofType('county_police_bureau')) {
      const area = jurisdictions.find((j) => j.agencyId === c.id && j.kind === 'area') as { geometry: AreaGeometryLike };
      const crossed = lines.some((l) => l.properties.kmPosts.some((p) => pointInArea(p.coordinates, area.geometry)));
      expect(crossed, c.name).toBe(true);
    }
  });

  it('builds the national network well under a minute, within the import limits', () => {
    const t0 = performance.now();
    const national = generateDemo({ scale: 'national', seed: 3 });
    expect((performance.now() - t0) / 1000).toBeLessThan(45);
    expect(national.network.features.length).toBeLessThanOrEqual(200_000);
    expect(national.organisation.agencies.length).toBeLessThanOrEqual(100_000);
    expect(national.organisation.jurisdictions.length).toBeLessThanOrEqual(200_000);
    const nLines = national.network.features.filter((f): f is LineFeature => f.properties.kind === 'line');
    expect(nLines.length).toBeGreaterThanOrEqual(200);
    expect(nLines.reduce((n, l) => n + l.properties.kmPosts.length, 0)).toBeGreaterThanOrEqual(100_000);
    expect(nLines.some((l) => l.properties.kmPosts.some((p) => p.ahead !== undefined))).toBe(true);
  }, 120_000);
});
