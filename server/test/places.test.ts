import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaceHit, PlaceSearchResult } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';
import { besideWalk, smallNetwork, smallOrganisation } from './fixtures.js';

/**
 * Named places: towns and villages imported with the network (checked, merged, replaced, stored)
 * and the search that finds them with everything else a caller names — by name, alias, pinyin,
 * initials and loose mileage text.
 */
describe.each(ENGINES)('places on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  const net = smallNetwork();
  const village = (id: string, name: string, at: [number, number], extra: object = {}) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: at },
    properties: { kind: 'place', id, name, placeType: 'village', ...extra },
  });
  const places = [
    village('V1', '石塘村', besideWalk(net.a, 5000, 400), { lineId: 'T1', aliases: ['石塘屯'] }),
    { ...village('TN', '沙埠镇', besideWalk(net.b, 10_000, -900)), properties: { kind: 'place', id: 'TN', name: '沙埠镇', placeType: 'town' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: net.a.at(6000) }, properties: { kind: 'site', id: 'LC1', name: '石塘道口', siteType: 'level_crossing', lineId: 'T1' } },
  ];
  beforeAll(async () => {
    t = await startApp({ engine, demo: false });
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  const { get, post } = requests(() => t, () => admin);
  const search = async (q: string, extra = ''): Promise<PlaceSearchResult> => {
    const res = await get(`/api/places/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const names = (r: PlaceSearchResult) => r.hits.map((h: PlaceHit) => h.name);

  it('imports towns and villages with the network and serves them back, from the database too', async () => {
    const res = await post('/api/network/import?mode=replace', { ...net.doc, features: [...net.doc.features, ...places] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().report.counts).toMatchObject({ places: 2, sites: 1 });
    expect((await post('/api/organisation/import', smallOrganisation())).statusCode).toBe(200);
    await t.app.services.network.reload();
    const stored = (await get('/api/network?kind=place')).json();
    expect(stored.features.map((f: { properties: { id: string } }) => f.properties.id).sort()).toEqual(['TN', 'V1']);
    expect(stored.features.find((f: { properties: { id: string } }) => f.properties.id === 'V1').properties.aliases).toEqual(['石塘屯']);
  });

  it('finds a place by name, alias, pinyin and initials, with the nearest point of its line', async () => {
    const byName = await search('石塘');
    expect(names(byName)).toEqual(['石塘道口', '石塘村']);
    const crossing = byName.hits[0]!;
    expect(crossing).toMatchObject({ kind: 'site', siteType: 'level_crossing', matched: 'name', line: { lineId: 'T1', lineName: '测试一线', mileage: 'K106+000', offsetM: 0 } });
    const villageHit = byName.hits[1]!;
    expect(villageHit).toMatchObject({ kind: 'place', placeType: 'village', line: { lineId: 'T1' } });
    // 400 m beside K105+000: the line's nearest point is there, to the metre
    const beside = villageHit.kind === 'place' ? villageHit.line! : null;
    expect(beside!.mileage).toMatch(/^K(104\+999|105\+00[01])$/);
    expect(beside!.offsetM).toBeGreaterThan(390);
    expect((await search('石塘屯')).hits[0]).toMatchObject({ name: '石塘村', matched: 'alias' });
    expect((await search('shitang')).hits.map((h) => [h.name, h.matched])).toEqual([
      ['石塘道口', 'pinyin'],
      ['石塘村', 'pinyin'],
    ]);
    expect((await search('stdk')).hits.map((h) => [h.name, h.matched])).toEqual([['石塘道口', 'initials']]);
    // a town with no line named takes the nearest
    expect((await search('沙埠')).hits[0]).toMatchObject({ kind: 'place', placeType: 'town', line: { lineId: 'T2', lineName: '测试二线' } });
  });

  it('finds stations (with or without 站, by telecode) and police stations at their station', async () => {
    expect((await search('甲站')).hits[0]).toMatchObject({ kind: 'station', id: 'SA', name: '甲站' });
    const ps = (await search('甲站派出所')).hits[0]!;
    expect(ps).toMatchObject({ kind: 'police_station', id: 'ps-a', stationId: 'SA' });
    // 乙站派出所 answers for a stretch but no station: it has nowhere to be shown
    expect(names(await search('乙站派出所'))).toEqual([]);
  });

  it('reads loose mileage text, with the line before or after, in words or in the K form', async () => {
    for (const q of ['测试一 105', 'K105+000 测试一线', '测试一线105公里', 'csyx 105']) {
      const r = await search(q);
      expect(r.hits[0], q).toMatchObject({ kind: 'mileage', lineId: 'T1', mileage: 'K105+000', n: 1, count: 1 });
      expect(r.hint).toBeNull();
    }
    // a long chain gives two places, a short chain's gap none
    expect((await search('测试一线 K111+900')).hits.filter((h) => h.kind === 'mileage').map((h) => h.kind === 'mileage' && h.n)).toEqual([1, 2]);
    const gap = await search('测试二线 8.1公里');
    expect(gap.hits).toEqual([]);
    expect(gap.errors).toMatchObject([{ lineId: 'T2', lineName: '测试二线', code: 'short_chain_gap' }]);
    // a bare mileage needs a line: named in the text, or given as the one in context
    expect((await search('K105+000')).hint).toEqual({ code: 'need_line' });
    expect((await search('K105+000', '&lineId=T1')).hits[0]).toMatchObject({ kind: 'mileage', lineId: 'T1' });
    expect((await search('某某线 K105+000')).hint).toEqual({ code: 'unknown_line', lineText: '某某线' });
    expect((await search('测试一线 K105+2000')).hint).toEqual({ code: 'bad_mileage' });
  });

  it('refuses a place on an unknown line or far from its line, and merges and replaces places like any feature', async () => {
    const far = await post('/api/network/check', { type: 'FeatureCollection', features: [...net.doc.features, village('FAR', '远村', besideWalk(net.a, 5000, 6000), { lineId: 'T1' }), village('LOST', '迷村', net.a.at(100), { lineId: 'NOPE' })] });
    const errors = far.json().errors.map((e: { featureId: string; path: string }) => `${e.featureId} ${e.path}`);
    expect(errors).toEqual(['FAR features[6].geometry', 'LOST features[7].properties.lineId']);
    const merged = await post('/api/network/import?mode=merge', { type: 'FeatureCollection', features: [village('V1', '新石塘村', besideWalk(net.a, 5000, 300), { lineId: 'T1' })] });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(names(await search('新石塘'))).toEqual(['新石塘村']);
    expect((await post('/api/network/import?mode=replace', net.doc)).statusCode).toBe(200);
    await t.app.services.network.reload();
    expect(names(await search('石塘'))).toEqual([]);
  });
});
