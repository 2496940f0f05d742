import { describe, expect, it } from 'vitest';
import { checkNetwork } from './validate.js';
import type { SiteFeature } from '@railjoint/contracts';
import { beside, collection, lineFeature, postsAlong, stationFeature, walk } from './fixtures.js';

const START: [number, number] = [109.2, 24.3];
const w = walk(START, 8000, 100, () => 20);

function good() {
  return collection(
    lineFeature('L1', '测试线', w, postsAlong(w, 1000)),
    stationFeature('S1', '甲站', w.at(1000), [{ lineId: 'L1' }]),
    stationFeature('S2', '乙站', w.at(7000), [{ lineId: 'L1', mileage: 'K7+000' }]),
  );
}

describe('checkNetwork', () => {
  it('accepts a good network and counts it', () => {
    const { report, doc } = checkNetwork(good());
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(doc).not.toBeNull();
    expect(report.counts).toMatchObject({ lines: 1, stations: 2, sites: 0, kmPosts: 9, chainBreaks: 0 });
    expect(report.counts.lengthKm).toBeCloseTo(8, 2);
  });

  it('rejects what is not a FeatureCollection', () => {
    const { report, doc } = checkNetwork({ type: 'Feature' });
    expect(doc).toBeNull();
    expect(report.errors[0]!.path).toBe('type');
  });

  it('reports every problem at once, each with its feature id', () => {
    const net = good();
    const posts = postsAlong(w, 1000);
    posts[3] = { ...posts[3]!, coordinates: [posts[3]!.coordinates[0], posts[3]!.coordinates[1] + 0.001] }; // ~110 m off
    posts[5] = { ...posts[5]!, mileage: 'K5+1000' }; // bad mileage
    const bad = lineFeature('L2', '坏线', w, posts);
    net.features.push(bad);
    net.features.push(stationFeature('S3', '丙站', w.at(3000), [{ lineId: 'NOPE' }]));
    net.features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: w.at(10) }, properties: { kind: 'site', id: 'X1', name: '桥', siteType: 'bridge', lineId: 'L9' } });
    net.features.push(lineFeature('L1', '重复', w, postsAlong(w, 1000)));
    const { report, doc } = checkNetwork(net);
    expect(doc).toBeNull();
    const byFeature = (id: string) => report.errors.filter((e) => e.featureId === id).map((e) => `${e.path}: ${e.message}`);
    expect(byFeature('L2').join('\n')).toMatch(/kmPosts\[5\]\.mileage/);
    expect(byFeature('L2').join('\n')).toMatch(/below 1000/);
    expect(byFeature('S3').join('\n')).toMatch(/unknown line NOPE/);
    expect(byFeature('X1').join('\n')).toMatch(/unknown line L9/);
    expect(byFeature('L1').join('\n')).toMatch(/duplicate id/);
  });

  it('finds posts off the line, out of order, not increasing, and reversed geometry', () => {
    const off = postsAlong(w, 1000);
    off[2] = { ...off[2]!, coordinates: [off[2]!.coordinates[0] + 0.0008, off[2]!.coordinates[1] - 0.0008] };
    const swapped = postsAlong(w, 1000);
    [swapped[3], swapped[4]] = [{ ...swapped[4]!, mileage: swapped[3]!.mileage }, { ...swapped[3]!, mileage: swapped[4]!.mileage }];
    const flat = postsAlong(w, 1000);
    flat[4] = { ...flat[4]!, mileage: flat[3]!.mileage };
    const reversed = postsAlong(w, 1000).reverse().map((p, k) => ({ ...p, mileage: `K${k}+000` }));
    const { report } = checkNetwork(
      collection(lineFeature('OFF', 'a', w, off), lineFeature('SWAP', 'b', w, swapped), lineFeature('FLAT', 'c', w, flat), lineFeature('REV', 'd', w, reversed)),
    );
    const msg = (id: string) => report.errors.filter((e) => e.featureId === id).map((e) => e.message).join('\n');
    expect(msg('OFF')).toMatch(/K2\+000\.000 is \d+ m off the line/);
    expect(msg('SWAP')).toMatch(/out of order/);
    expect(msg('FLAT')).toMatch(/does not increase/);
    expect(msg('REV')).toMatch(/against increasing mileage/);
  });

  it('warns when post spacing disagrees with the geometry by more than 5% and when posts are far apart', () => {
    const posts = postsAlong(w, 1000).filter((_, k) => k % 4 === 0); // 4 km apart
    posts[1] = { ...posts[1]!, mileage: 'K4+300' }; // 4300 m of mileage over 4000 m
    const { report } = checkNetwork(collection(lineFeature('L1', '测试线', w, posts), stationFeature('S1', '甲站', w.at(1000), [{ lineId: 'L1' }])));
    expect(report.ok).toBe(true);
    const warnings = report.warnings.map((x) => x.message).join('\n');
    expect(warnings).toMatch(/more than 5%/);
    expect(warnings).toMatch(/at most 2000 m apart/);
  });

  it('checks a station mileage against its point, and counts chain breaks', () => {
    const posts = postsAlong(w, 1000, 0, 'K', [{ atM: 4000, aheadM: 3800 }]);
    const { report } = checkNetwork(
      collection(lineFeature('L1', '测试线', w, posts), stationFeature('S1', '甲站', w.at(1000), [{ lineId: 'L1', mileage: 'K6+000' }])),
    );
    expect(report.errors.map((e) => e.message).join('\n')).toMatch(/mileage K6\+000 is \d+ m along the line from the station's point/);
    expect(report.counts.chainBreaks).toBe(1);
  });

  it('rejects unknown kinds and bad types without stopping', () => {
    const net = good();
    net.features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: { kind: 'depot', id: 'D1' } } as never);
    net.features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: { kind: 'station', id: 'S9', name: 7, lines: [] } } as never);
    const { report } = checkNetwork(net);
    expect(report.errors.find((e) => e.featureId === 'D1')!.message).toMatch(/kind must be/);
    const s9 = report.errors.filter((e) => e.featureId === 'S9').map((e) => e.path);
    expect(s9).toEqual(expect.arrayContaining([expect.stringContaining('properties.name'), expect.stringContaining('properties.lines')]));
  });

  it('names the exact JSON path and distance of each problem', () => {
    const posts = postsAlong(w, 1000);
    posts[7] = { ...posts[7]!, mileage: 'K7+0x0' };
    posts[2] = { ...posts[2]!, coordinates: beside(w, 2000, 120) };
    const net = good();
    net.features.splice(1, 0, lineFeature('L2', '二线', w, posts));
    const { report } = checkNetwork(net);
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ featureId: 'L2', path: 'features[1].properties.kmPosts[7].mileage', severity: 'error', message: expect.stringMatching(/bad mileage "K7\+0x0"/) }),
      ]),
    );
    // a feature failing its schema is not checked further, so fix the mileage and look again
    posts[7] = { ...posts[7]!, mileage: 'K7+000' };
    const again = checkNetwork(collection(lineFeature('L2', '二线', w, posts), stationFeature('S', '站', w.at(10), [{ lineId: 'L2' }])));
    const off = again.report.errors.find((e) => e.path === 'features[0].properties.kmPosts[2].coordinates')!;
    expect(off.message).toMatch(/^post K2\+000\.000 is 120 m off the line/);
  });

  it('says which posts are out of order and by how much', () => {
    const posts = postsAlong(w, 1000);
    posts[5] = { ...posts[5]!, coordinates: w.at(3500) }; // K5 drawn between K3 and K4
    const { report } = checkNetwork(collection(lineFeature('L1', '测试线', w, posts), stationFeature('S', '站', w.at(10), [{ lineId: 'L1' }])));
    const e = report.errors.find((x) => x.path === 'features[0].properties.kmPosts[5]')!;
    expect(e.message).toBe('posts out of order: post K5+000.000 (kmPosts[5]) lies 500 m before post K4+000.000 (kmPosts[4]) along the geometry');
  });

  it('finds stations and sites too far from their line, and station lines listed twice', () => {
    const site: SiteFeature = { type: 'Feature', geometry: { type: 'Point', coordinates: beside(w, 4000, -650) }, properties: { kind: 'site', id: 'T1', name: '隧道', siteType: 'tunnel', lineId: 'L1' } };
    const near: SiteFeature = { type: 'Feature', geometry: { type: 'LineString', coordinates: [beside(w, 5000, 20), beside(w, 5300, 20)] }, properties: { kind: 'site', id: 'B1', name: '桥', siteType: 'bridge', lineId: 'L1' } };
    const { report } = checkNetwork(
      collection(
        lineFeature('L1', '测试线', w, postsAlong(w, 1000)),
        stationFeature('S1', '甲站', beside(w, 2000, 700), [{ lineId: 'L1' }]),
        stationFeature('S2', '乙站', w.at(6000), [{ lineId: 'L1' }, { lineId: 'L1' }]),
        site,
        near,
      ),
    );
    const msg = (id: string) => report.errors.filter((e) => e.featureId === id).map((e) => e.message);
    expect(msg('S1')).toEqual(['station is 700 m from line L1 (at most 500 m)']);
    expect(msg('S2')).toEqual(['line L1 is listed twice for this station']);
    expect(msg('T1')).toEqual(['site is 650 m from line L1 (at most 500 m)']);
    expect(msg('B1')).toEqual([]);
    expect(report.ok).toBe(false);
  });

  it('checks area-class stretches: order, prefix, overlap and extent', () => {
    const line = lineFeature('L1', '测试线', w, postsAlong(w, 1000), {
      areaClasses: [
        { from: 'K1+000', to: 'K2+000', areaClass: 'urban' },
        { from: 'K3+000', to: 'K2+500', areaClass: 'village' },
        { from: 'K1+500', to: 'K2+200', areaClass: 'suburban' },
        { from: 'DK1+000', to: 'DK2+000', areaClass: 'urban' },
        { from: 'K1+000', to: 'DK2+000', areaClass: 'urban' },
      ],
    });
    const { report } = checkNetwork(collection(line, stationFeature('S', '站', w.at(10), [{ lineId: 'L1' }])));
    const byPath = Object.fromEntries(report.errors.map((e) => [e.path, e.message]));
    expect(byPath['features[0].properties.areaClasses[1]']).toMatch(/from K3\+000 must be before to K2\+500/);
    expect(byPath['features[0].properties.areaClasses[2]']).toMatch(/overlaps areaClasses\[0\] \(K1\+500 to K2\+000\)/);
    expect(byPath['features[0].properties.areaClasses[3]']).toMatch(/no DK mileage/);
    expect(byPath['features[0].properties.areaClasses[4]']).toMatch(/different prefixes/);
    expect(report.errors).toHaveLength(4);

    const beyond = lineFeature('L1', '测试线', w, postsAlong(w, 1000), { areaClasses: [{ from: 'K7+000', to: 'K9+000', areaClass: 'urban' }] });
    const r2 = checkNetwork(collection(beyond, stationFeature('S', '站', w.at(10), [{ lineId: 'L1' }]))).report;
    expect(r2.errors.map((e) => e.message)).toEqual(['K7+000 to K9+000 runs beyond the line, whose K mileage runs from K0+000 to K8+000']);
  });

  it('rejects a given station mileage inside a short chain, with the reason', () => {
    const posts = postsAlong(w, 1000, 0, 'K', [{ atM: 4000, aheadM: 4300 }]);
    const { report } = checkNetwork(collection(lineFeature('L1', '测试线', w, posts), stationFeature('S1', '甲站', w.at(4000), [{ lineId: 'L1', mileage: 'K4+100' }])));
    expect(report.errors).toEqual([expect.objectContaining({ featureId: 'S1', path: 'features[1].properties.lines[0].mileage', message: expect.stringMatching(/short chain \(短链\) between K4\+000 and K4\+300/) })]);
    expect(report.counts.chainBreaks).toBe(1);
  });

  it('warns about a line without stations and an ahead that changes nothing', () => {
    const posts = postsAlong(w, 1000);
    posts[2] = { ...posts[2]!, ahead: posts[2]!.mileage };
    const { report, doc } = checkNetwork(collection(lineFeature('L1', '测试线', w, posts)));
    expect(doc).not.toBeNull();
    expect(report.warnings.map((x) => `${x.path}: ${x.message}`)).toEqual([
      'features[0].properties.kmPosts[2].ahead: ahead K2+000.000 equals the post\'s mileage, so this is not a chain break',
      'features[0]: line has no stations, so it has no sections',
    ]);
    expect(report.counts.chainBreaks).toBe(0);
  });
});
