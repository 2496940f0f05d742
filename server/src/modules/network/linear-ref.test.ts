import { describe, expect, it } from 'vitest';
import { NetworkModel, NetworkError } from './network-model.js';
import { collection, lineFeature, postsAlong, stationFeature, walk } from './fixtures.js';

const START: [number, number] = [109.2, 24.3];

describe('mileage interpolation', () => {
  it('is within 1 m on a curved line with posts 1 km apart, where posts do not match arc length exactly', () => {
    // A line turning through 90° over 12 km; posts surveyed at 1 km of arc but carrying mileage
    // that runs 2% long (as old surveys do): interpolation must follow the posts, not the metres.
    const w = walk(START, 12_000, 50, (s) => (s / 12_000) * 90);
    const posts = postsAlong(w, 1000).map((p, k) => ({ ...p, mileage: `K${Math.floor((k * 1020) / 1000) + 100}+${String((k * 1020) % 1000).padStart(3, '0')}` }));
    const model = NetworkModel.build(collection(lineFeature('L1', '测试线', w, posts)));
    for (const s of [0, 333, 1500, 4321.5, 7999, 11_950]) {
      const r = model.locate(w.at(s))!;
      expect(r).not.toBeNull();
      expect(Math.abs(r.metres - (100_000 + s * 1.02))).toBeLessThan(1);
      expect(r.offsetM).toBeLessThan(0.5);
    }
  });

  it('round-trips mileage → point → mileage within 1 m', () => {
    const w = walk(START, 20_000, 100, (s) => 20 * Math.sin(s / 3000));
    const model = NetworkModel.build(collection(lineFeature('L1', '测试线', w, postsAlong(w, 2000, 50_000))));
    for (const m of [50_000, 51_234, 58_765.4, 69_999]) {
      const pos = model.position('L1', `K${Math.floor(m / 1000)}+${(m % 1000).toFixed(1).padStart(5, '0')}`);
      expect(pos.candidates).toHaveLength(1);
      const back = model.locate(pos.candidates[0]!.coordinates)!;
      expect(Math.abs(back.metres - m)).toBeLessThan(1);
      const truth = w.at(m - 50_000);
      expect(Math.abs(pos.candidates[0]!.coordinates[0] - truth[0]) * 101_000).toBeLessThan(1);
      expect(Math.abs(pos.candidates[0]!.coordinates[1] - truth[1]) * 111_000).toBeLessThan(1);
    }
  });

  it('tells left from right facing increasing mileage', () => {
    const w = walk(START, 5000, 100, () => 0); // heading east
    const model = NetworkModel.build(collection(lineFeature('L1', '测试线', w, postsAlong(w, 1000))));
    const mid = w.at(2500);
    const north = model.locate([mid[0], mid[1] + 0.0005])!;
    const south = model.locate([mid[0], mid[1] - 0.0005])!;
    expect(north.side).toBe('left');
    expect(south.side).toBe('right');
    expect(north.offsetM).toBeCloseTo(55.4, 0);
    expect(model.locate([mid[0], mid[1] + 0.01])).toBeNull(); // ~1.1 km away, beyond 500 m
    expect(model.locate([mid[0], mid[1] + 0.01], { maxOffsetM: 2000 })).not.toBeNull();
  });

  it('extrapolates beyond the first and last posts, and says so', () => {
    const w = walk(START, 5000, 100, () => 0);
    const posts = postsAlong(w, 1000, 10_000).slice(1, 5); // posts from arc 1000 to 4000
    const model = NetworkModel.build(collection(lineFeature('L1', '测试线', w, posts)));
    const before = model.locate(w.at(200))!;
    expect(before.extrapolated).toBe(true);
    expect(before.metres).toBeCloseTo(10_200, 0);
    const inside = model.locate(w.at(2500))!;
    expect(inside.extrapolated).toBeUndefined();
  });
});

describe('chain breaks', () => {
  it('long chain: a repeated mileage has two positions and locate says which occurrence', () => {
    const w = walk(START, 10_000, 100, () => 10);
    // at arc 5000 the mileage is K5+000 behind and K4+750 ahead: K4+750–K5+000 occurs twice
    const posts = postsAlong(w, 1000, 0, 'K', [{ atM: 5000, aheadM: 4750 }]);
    expect(posts[5]).toMatchObject({ mileage: 'K5+000.000', ahead: 'K4+750.000' });
    expect(posts[6]!.mileage).toBe('K5+750.000');
    const model = NetworkModel.build(collection(lineFeature('L1', '测试线', w, posts)));
    const pos = model.position('L1', 'K4+900');
    expect(pos.candidates.map((c) => Math.round(c.measureM))).toEqual([4900, 5150]);
    expect(pos.candidates[0]!.chain).toMatchObject({ kind: 'long', occurrence: 1, lengthM: 250 });
    expect(pos.candidates[1]!.chain).toMatchObject({ kind: 'long', occurrence: 2 });
    const first = model.locate(w.at(4900))!;
    const second = model.locate(w.at(5150))!;
    expect(first.mileage).toBe('K4+900');
    expect(second.mileage).toBe('K4+900');
    expect(first.chain?.occurrence).toBe(1);
    expect(second.chain?.occurrence).toBe(2);
    expect(model.locate(w.at(7000))!.mileage).toBe('K6+750');
    // unique mileages have one candidate
    expect(model.position('L1', 'K3+000').candidates).toHaveLength(1);
  });

  it('short chain: the skipped mileage does not exist and locate jumps across it', () => {
    const w = walk(START, 10_000, 100, () => -15);
    const posts = postsAlong(w, 1000, 0, 'K', [{ atM: 5000, aheadM: 5150 }]);
    const model = NetworkModel.build(collection(lineFeature('L1', '测试线', w, posts)));
    expect(() => model.position('L1', 'K5+100')).toThrow(NetworkError);
    try {
      model.position('L1', 'K5+100');
    } catch (e) {
      expect((e as NetworkError).code).toBe('short_chain_gap');
      expect((e as NetworkError).message).toContain('K5+000');
      expect((e as NetworkError).message).toContain('K5+150');
    }
    expect(model.locate(w.at(4990))!.mileage).toBe('K4+990');
    const after = model.locate(w.at(5010))!;
    expect(after.mileage).toBe('K5+160');
    expect(after.chain).toMatchObject({ kind: 'short', lengthM: 150, behind: 'K5+000', ahead: 'K5+150' });
    expect(model.position('L1', 'K5+160').candidates[0]!.measureM).toBeCloseTo(5010, 0);
  });

  it('a chain break may change the prefix (K → DK)', () => {
    const w = walk(START, 6000, 100, () => 0);
    const posts = postsAlong(w, 1000, 0, 'K');
    posts[3] = { ...posts[3]!, ahead: 'DK3+000' };
    for (let k = 4; k < posts.length; k++) posts[k] = { ...posts[k]!, mileage: `DK${k}+000` };
    const model = NetworkModel.build(collection(lineFeature('L1', '测试线', w, posts)));
    expect(model.locate(w.at(4500))!.mileage).toBe('DK4+500');
    expect(model.locate(w.at(1500))!.mileage).toBe('K1+500');
    expect(() => model.position('L1', 'AK1+000')).toThrow(/no AK mileage/);
  });
});

describe('network model', () => {
  it('names sections between adjacent stations and finds them by measure', () => {
    const w = walk(START, 30_000, 200, () => 5);
    const model = NetworkModel.build(
      collection(
        lineFeature('L1', '测试线', w, postsAlong(w, 1000)),
        stationFeature('A', '甲站', w.at(2000), [{ lineId: 'L1' }]),
        stationFeature('B', '乙站', w.at(15_000), [{ lineId: 'L1', mileage: 'K15+000' }]),
        stationFeature('C', '丙站', w.at(28_000), [{ lineId: 'L1' }]),
      ),
    );
    expect(model.sections('L1').map((s) => s.name)).toEqual(['甲站—乙站', '乙站—丙站']);
    const r = model.locate(w.at(20_000))!;
    expect(r.sectionId).toBe('L1:B-C');
    expect(r.sectionName).toBe('乙站—丙站');
    expect(model.locate(w.at(1000))!.sectionId).toBeNull();
    expect(model.station('A')!.lines[0]!.mileage).toBe('K2+000');
    const exported = model.toGeoJSON().features.find((f) => f.properties.id === 'A')!;
    expect(exported.properties.kind === 'station' && exported.properties.lines[0]!.mileage).toBe('K2+000');
  });

  it('handles a MultiLineString whose parts leave a gap', () => {
    const w1 = walk(START, 3000, 100, () => 0);
    const end = w1.at(3000);
    const w2 = walk([end[0] + 0.001, end[1]], 3000, 100, () => 0);
    const feature = lineFeature('L1', '测试线', w1, []);
    feature.geometry = { type: 'MultiLineString', coordinates: [w1.coordinates, w2.coordinates] };
    feature.properties.kmPosts = [
      { mileage: 'K0+000', coordinates: w1.at(0) },
      { mileage: 'K3+000', coordinates: w1.at(3000) },
      { mileage: 'K6+000', coordinates: w2.at(3000) },
    ];
    const model = NetworkModel.build(collection(feature));
    expect(model.stats().lengthKm).toBeCloseTo(6, 2);
    expect(Math.abs(model.locate(w2.at(1000))!.metres - 4000)).toBeLessThan(1);
  });

  it('finds the same nearest line as a brute-force scan (random points, fixed seed)', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const features = [];
    for (let i = 0; i < 12; i++) {
      const w = walk([109 + rand() * 0.5, 24 + rand() * 0.5], 20_000, 150, (s) => rand() * 0 + i * 30 + 25 * Math.sin(s / 4000 + i));
      features.push(lineFeature(`L${i}`, `线${i}`, w, postsAlong(w, 1000)));
    }
    const model = NetworkModel.build(collection(...features));
    for (let k = 0; k < 300; k++) {
      const p: [number, number] = [109 + rand() * 0.7, 24 + rand() * 0.7];
      const fast = model.locate(p, { maxOffsetM: 3000 });
      let best: { id: string; d: number } | null = null;
      for (const line of model.lines()) {
        const r = line.ref.geometry.projectBrute(p);
        if (r.distanceM <= 3000 && (!best || r.distanceM < best.d)) best = { id: line.id, d: r.distanceM };
      }
      if (!best) expect(fast).toBeNull();
      else {
        expect(fast?.lineId).toBe(best.id);
        expect(fast!.offsetM).toBeCloseTo(best.d, 1);
      }
    }
  });
});
