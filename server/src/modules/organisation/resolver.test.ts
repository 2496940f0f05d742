import { describe, expect, it } from 'vitest';
import { ResolveResult } from '@railjoint/contracts';
import { OrgIndex } from './org-index.js';
import { placeKindOnLine, ResolveError, resolveLocation, type ResolveContext, type ResolveInput } from './resolver.js';
import { DEFAULT_RULES } from './responsibility-defaults.js';
import { DEFAULT_CATEGORIES } from './taxonomy.js';
import { at, fakeNetwork, km, orgDoc } from './test-fixtures.js';

const ctx: ResolveContext = { network: fakeNetwork, org: new OrgIndex(orgDoc()), categories: DEFAULT_CATEGORIES, rules: DEFAULT_RULES };
const point = (metres: number, offsetM: number, extra: Partial<ResolveInput> = {}): ResolveInput => {
  const [lon, lat] = at(metres, offsetM);
  return { lon, lat, ...extra };
};
const resolve = (input: ResolveInput) => {
  const r = resolveLocation(input, ctx);
  expect(() => ResolveResult.parse(r)).not.toThrow();
  return r;
};
const ids = (refs: Array<{ agencyId: string }>) => refs.map((r) => r.agencyId);
const texts = (r: ResolveResult) => r.responsibility?.reasons.map((x) => x.text) ?? [];

describe('resolveLocation', () => {
  it('names the township, police station and section for illegal building in the zone, with reasons', () => {
    const r = resolve(point(km(128), 20, { categoryId: 'illegal_construction' }));
    expect(r.placeKind).toBe('protection_zone');
    expect(r.location.line?.mileage).toBe('K128+000');
    expect(r.protectionZone).toMatchObject({ inside: true, widthM: 12, areaClass: 'suburban', highSpeed: true, distanceFromEdgeM: 8 });
    expect(ids(r.jurisdiction).sort()).toEqual(['ln_county', 'lz_pss', 'lz_tms', 'lzd_ps', 'ty_town']);
    const resp = r.responsibility!;
    expect(resp.lead).toMatchObject({ agencyId: 'ty_town', via: 'area' });
    expect(ids(resp.support)).toEqual(['lzd_ps', 'lz_tms']);
    expect(texts(r)).toContain('K128+000 位于柳州东派出所管辖里程 K125+000—K135+000 内');
    expect(texts(r)).toContain('该点距线路中心 20 m，位于铁路线路安全保护区内（城市郊区居民居住区，高速铁路 12 m，《铁路安全管理条例》第二十七条）');
    expect(texts(r)).toContain('该点位于太阳村镇辖区内');
  });

  it('stone throwing from beyond the zone: county leads, the exact police station supports', () => {
    const r = resolve(point(km(115), 200, { categoryId: 'stone_throwing' }));
    expect(r.placeKind).toBe('outside');
    expect(ids(r.jurisdiction).sort()).toEqual(['ln_county', 'ty_town']); // line ranges stop at the zone
    expect(r.responsibility?.lead?.agencyId).toBe('ln_county');
    expect(ids(r.responsibility!.support)).toEqual(['lz_ps', 'ty_town']);
    expect(ids(r.responsibility!.inform)).toEqual(['cc']);
    expect(r.responsibility?.timeLimitS).toBe(300);
  });

  it('foreign matter on the wire: power supply section leads with the police station', () => {
    const r = resolve(point(km(130), 3, { categoryId: 'overhead_foreign_matter' }));
    expect(r.placeKind).toBe('line_enclosure');
    expect(r.responsibility?.lead?.agencyId).toBe('lz_pss');
    expect(ids(r.responsibility!.support)).toEqual(['lzd_ps']);
  });

  it('a point in a station precinct is a station and includes the station agencies', () => {
    const r = resolve(point(km(110, 300), 30, { categoryId: 'station_disorder' }));
    expect(r.placeKind).toBe('station');
    expect(r.location).toMatchObject({ stationId: 'S1', stationName: '柳州站' });
    expect(ids(r.jurisdiction)).toEqual(expect.arrayContaining(['lz_ps', 'lz_station', 'ln_county', 'ty_town']));
    expect(r.jurisdiction.find((j) => j.agencyId === 'lz_ps')?.via).toBe('station');
    expect(r.responsibility?.lead?.agencyId).toBe('lz_ps');
    expect(ids(r.responsibility!.support)).toEqual(['lz_station']);
  });

  it('resolves a station id and a line mileage', () => {
    const s = resolve({ stationId: 'S2' });
    expect(s.placeKind).toBe('station');
    expect(s.jurisdiction[0]).toMatchObject({ agencyId: 'lc_ps', via: 'station' });
    expect(s.responsibility).toBeUndefined();
    const m = resolve({ lineId: 'L1', mileage: 'k145+500' });
    expect(m.location.line).toMatchObject({ mileage: 'K145+500', offsetM: 0 });
    expect(m.placeKind).toBe('line_enclosure');
    expect(ids(m.jurisdiction)).toContain('lc_ps');
  });

  it('on a train the train police team leads and the station police support', () => {
    const r = resolve({ stationId: 'S2', trainNo: 'G1234', categoryId: 'disturbed_passenger' });
    expect(r.placeKind).toBe('train');
    expect(r.responsibility?.lead).toMatchObject({ agencyId: 'lz_tpt', via: 'train' });
    expect(ids(r.responsibility!.support)).toEqual(['lc_ps']);
  });

  it('falls back to the parent of the nearest police station in a coverage gap', () => {
    const r = resolve({ lineId: 'L1', mileage: 'K155+000', categoryId: 'track_intrusion' });
    expect(r.responsibility?.lead).toMatchObject({ agencyId: 'lz_dept', via: 'parent' });
    expect(texts(r)).toContain(
      'K155+000 不在任何铁路公安派出所的管辖里程内（最近为鹿寨站派出所 K138+000—K150+000，相距 5000 m），由其上级单位柳州铁路公安处负责',
    );
  });

  it('falls back to the coordination centre when nobody above can take it, and says so in English', () => {
    const r = resolve(point(km(142), 25, { categoryId: 'illegal_construction', lang: 'en' }));
    expect(r.placeKind).toBe('protection_zone');
    expect(r.responsibility?.lead).toMatchObject({ agencyId: 'cc', via: 'centre' });
    expect(r.responsibility?.categoryName).toBe('Illegal construction in the protection zone');
    expect(texts(r)).toContain('No township has jurisdiction here; 柳州一体化协调中心 coordinates');
    expect(texts(r).some((t) => t.includes('inside the line safety protection zone (town or village residential area, high-speed line 15 m'))).toBe(true);
  });

  it('has no protection zone when no line is within reach', () => {
    const r = resolve(point(km(110), 3000, { categoryId: 'assault' }));
    expect(r.location.line).toBeNull();
    expect(r.protectionZone).toBeNull();
    expect(r.placeKind).toBe('outside');
    expect(r.responsibility?.lead?.agencyId).toBe('ln_county');
  });

  it('throws coded errors for unknown things', () => {
    const code = (input: ResolveInput) => {
      try {
        resolveLocation(input, ctx);
      } catch (e) {
        return e instanceof ResolveError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code({ lineId: 'L9', mileage: 'K1+000' })).toBe('unknown_line');
    expect(code({ stationId: 'S9' })).toBe('unknown_station');
    expect(code({ stationId: 'S1', categoryId: 'alien_landing' })).toBe('unknown_category');
    expect(code({ lineId: 'L1', mileage: 'K900+000' })).toBe('bad_location');
    expect(code({ lineId: 'L1' })).toBe('bad_location');
    expect(code({ lon: 500, lat: 0 })).toBe('bad_location');
  });
});

describe('placeKindOnLine', () => {
  it('gives what resolving a point on the track gives, every 50 m of the line, across both precincts', () => {
    const kinds = new Set<string>();
    // off the exact precinct edges, where projecting a point back onto the line moves it a hair
    for (let measure = 25; measure <= 60_000; measure += 50) {
      const kind = placeKindOnLine(fakeNetwork, 'L1', measure);
      expect(kind, `measure ${measure}`).toBe(resolveLocation(point(km(100) + measure, 0), ctx).placeKind);
      kinds.add(kind);
    }
    expect([...kinds].sort()).toEqual(['line_enclosure', 'station']);
  });

  it('refuses a line it does not know', () => {
    expect(() => placeKindOnLine(fakeNetwork, 'L9', 0)).toThrow(ResolveError);
  });
});
