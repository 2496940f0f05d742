import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';
import { smallNetwork } from './fixtures.js';

describe.each(ENGINES)('network API on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  const net = smallNetwork();
  beforeAll(async () => {
    t = await startApp({ engine, demo: false });
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  const { get, post } = requests(() => t, () => admin);

  it('imports a network and serves it as GeoJSON', async () => {
    const res = await post('/api/network/import', net.doc);
    expect(res.statusCode).toBe(200);
    expect(res.json().report.counts).toMatchObject({ lines: 2, stations: 4, chainBreaks: 2 });
    const map = await get('/api/network');
    expect(map.statusCode).toBe(200);
    const fc = map.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(6);
    const sa = fc.features.find((f: { properties: { id: string } }) => f.properties.id === 'SA');
    expect(sa.properties.lines[0].mileage).toBe('K102+000');
  });

  it('locates points in order, null where no line is near', async () => {
    const res = await post('/api/network/locate', { points: [net.a.at(5000), [100, 30], net.a.at(12_100)] });
    expect(res.statusCode).toBe(200);
    const [first, none, third] = res.json().results;
    expect(first).toMatchObject({ lineId: 'T1', lineName: '测试一线', mileage: 'K105+000', sectionId: 'T1:SA-SB', highSpeed: true });
    expect(first.offsetM).toBeLessThan(1);
    expect(none).toBeNull();
    expect(third.mileage).toBe('K111+900');
    expect(third.chain).toMatchObject({ kind: 'long', occurrence: 2 });
  });

  it('gives every candidate position for a mileage repeated by a long chain', async () => {
    const res = await get('/api/network/position?lineId=T1&mileage=K111%2B900');
    expect(res.statusCode).toBe(200);
    expect(res.json().candidates.map((c: { measureM: number }) => Math.round(c.measureM))).toEqual([11_900, 12_100]);
  });

  it('explains a mileage inside a short chain, an unknown line and a bad mileage', async () => {
    const gap = await get('/api/network/position?lineId=T2&mileage=K8%2B100');
    expect(gap.statusCode).toBe(422);
    expect(gap.json().error.code).toBe('short_chain_gap');
    const unknown = await get('/api/network/position?lineId=NOPE&mileage=K1%2B000');
    expect(unknown.statusCode).toBe(404);
    const bad = await get('/api/network/position?lineId=T1&mileage=K1%2B2000');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('query.mileage');
    expect(bad.json().error.message).toMatch(/米数「2000」须小于 1000/);
  });

  it('validates locate requests and names the field', async () => {
    const res = await post('/api/network/locate', { points: [[109, 24], [200, 24], ['x', 1]] });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.points[1][0]', 'body.points[2][0]']));
  });

  it('refuses a bad network file with every problem, and changes nothing', async () => {
    const bad = structuredClone(net.doc);
    const line = bad.features[0]!;
    if (line.properties.kind !== 'line') throw new Error('fixture');
    line.properties.kmPosts[3]!.mileage = 'K103+1234';
    line.properties.kmPosts[5]!.coordinates = [line.properties.kmPosts[5]!.coordinates[0] + 0.01, line.properties.kmPosts[5]!.coordinates[1]];
    bad.features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [109.3, 24.2] }, properties: { kind: 'site', id: 'BR1', name: '桥', siteType: 'bridge', lineId: 'T9' } });
    const res = await post('/api/network/import?mode=replace', bad);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe('invalid_network');
    const ids = body.error.details.errors.map((e: { featureId: string }) => e.featureId);
    expect(ids).toEqual(expect.arrayContaining(['T1', 'BR1']));
    const after = await get('/api/network');
    expect(after.json().features).toHaveLength(6);
  });

  it('lets only admins import; others may read', async () => {
    await post('/api/users', { username: 'reader', displayName: '读者', agencyId: 'platform', roles: ['dispatcher'], password: 'quiet-library-9' });
    const reader = await t.login('reader', 'quiet-library-9');
    expect((await post('/api/network/import', net.doc, reader)).statusCode).toBe(403);
    expect((await get('/api/network/sections?lineId=T1', reader)).json().sections).toHaveLength(1);
    expect((await t.http.inject({ method: 'GET', url: '/api/network' })).statusCode).toBe(401);
  });

  it('merges by id: re-importing one station changes only it', async () => {
    const station = structuredClone(net.doc.features.find((f) => f.properties.id === 'SB')!);
    station.properties.name = '乙站（新）';
    const res = await post('/api/network/import', { type: 'FeatureCollection', features: [station] });
    expect(res.statusCode).toBe(200);
    const sections = (await get('/api/network/sections?lineId=T1')).json().sections;
    expect(sections[0].name).toBe('甲站—乙站（新）');
    expect((await get('/api/network')).json().features).toHaveLength(6);
  });
});
