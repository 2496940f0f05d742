import { describe, expect, it } from 'vitest';
import type { LonLat, SiteFeature } from '@railjoint/contracts';
import { NetworkError, NetworkModel } from './network-model.js';
import { beside, collection, lineFeature, postsAlong, seededRandom, stationFeature, walk } from './fixtures.js';
import { offsetPoint } from './geo.js';

const START: LonLat = [109.2, 24.3];

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof NetworkError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('locate', () => {
  const w = walk(START, 5000, 100, () => 0); // heading east
  const model = NetworkModel.build(collection(lineFeature('L1', '测试线', w, postsAlong(w, 1000, 30_000), { highSpeed: true })));

  it('gives mileage, offset and side facing increasing mileage', () => {
    const mid = w.at(2500);
    const north = model.locate(offsetPoint(mid, 0, 55))!;
    const south = model.locate(offsetPoint(mid, 0, -120))!;
    expect(north).toMatchObject({ lineId: 'L1', lineName: '测试线', mileage: 'K32+500', prefix: 'K', side: 'left', highSpeed: true, sectionId: null, sectionName: null });
    expect(north.metres).toBeCloseTo(32_500, 0);
    expect(north.offsetM).toBeCloseTo(55, 1);
    expect(north.measureM).toBeCloseTo(2500, 0);
    expect(south.side).toBe('right');
    expect(south.offsetM).toBeCloseTo(120, 1);
    expect(north.extrapolated).toBeUndefined();
    expect(north.chain).toBeUndefined();
  });

  it('answers null beyond the offset limit, which the caller can widen', () => {
    const far = offsetPoint(w.at(2500), 0, 1100);
    expect(model.locate(far)).toBeNull();
    expect(model.locate(far, { maxOffsetM: 2000 })!.offsetM).toBeCloseTo(1100, 0);
  });

  it('flags positions beyond the last post as extrapolated', () => {
    const m = NetworkModel.build(collection(lineFeature('L1', '测试线', w, postsAlong(w, 1000, 30_000).slice(0, 4))));
    const r = m.locate(w.at(4500))!;
    expect(r.extrapolated).toBe(true);
    expect(r.mileage).toBe('K34+500');
    expect(m.position('L1', 'K34+500').candidates[0]!.extrapolated).toBe(true);
  });
});

describe('side at a sharp bend', () => {
  it('takes the side a person would see where the nearest point is the bend itself', () => {
    // East 1 km, then a hairpin-like turn back to the north-west; posts only at the ends.
    const v = offsetPoint(START, 1000, 0);
    const end = offsetPoint(v, -700, 700);
    const line = lineFeature('L1', '测试线', { coordinates: [START, v, end], at: () => START, lengthM: 0 }, [
      { mileage: 'K0+000', coordinates: START },
      { mileage: 'K1+990', coordinates: end },
    ]);
    const model = NetworkModel.build(collection(line));
    // beyond the bend on the first segment's extension: outside the left turn, on the right
    const outside = model.locate(offsetPoint(v, 50, 0))!;
    expect(outside.offsetM).toBeCloseTo(50, 1);
    expect(outside.measureM).toBeCloseTo(1000, 0);
    expect(outside.side).toBe('right');
    // the same distance beyond the bend along the second segment's backward extension: also right
    expect(model.locate(offsetPoint(v, 35.36, -35.36))!.side).toBe('right');
    // inside the bend
    expect(model.locate(offsetPoint(v, -60, 20))!.side).toBe('left');
  });
});

describe('chain breaks through the model', () => {
  it('long chain: position gives both candidates and locate tells the occurrences apart', () => {
    const w = walk(START, 10_000, 100, () => 10);
    const model = NetworkModel.build(collection(lineFeature('L1', '测试线', w, postsAlong(w, 1000, 0, 'K', [{ atM: 5000, aheadM: 4750 }]))));
    const pos = model.position('L1', 'K4+900');
    expect(pos.mileage).toBe('K4+900');
    expect(pos.candidates.map((c) => Math.round(c.measureM))).toEqual([4900, 5150]);
    expect(pos.candidates[0]!.chain).toMatchObject({ kind: 'long', occurrence: 1, lengthM: 250, behind: 'K5+000', ahead: 'K4+750' });
    expect(pos.candidates[1]!.chain).toMatchObject({ kind: 'long', occurrence: 2 });
    const first = model.locate(w.at(4900))!;
    const second = model.locate(w.at(5150))!;
    expect([first.mileage, second.mileage]).toEqual(['K4+900', 'K4+900']);
    expect([first.chain?.occurrence, second.chain?.occurrence]).toEqual([1, 2]);
    expect(model.locate(w.at(7000))!.mileage).toBe('K6+750');
    expect(model.position('L1', 'K3+000').candidates).toHaveLength(1);
  });

  it('short chain: the skipped mileage is an error with its own code and locate jumps across', () => {
    const w = walk(START, 10_000, 100, () => -15);
    const model = NetworkModel.build(collection(lineFeature('L1', '测试线', w, postsAlong(w, 1000, 0, 'K', [{ atM: 5000, aheadM: 5150 }]))));
    expect(codeOf(() => model.position('L1', 'K5+100'))).toBe('short_chain_gap');
    expect(() => model.position('L1', 'K5+100')).toThrow(/测试线: K5\+100 falls in a short chain \(短链\) between K5\+000 and K5\+150/);
    expect(model.locate(w.at(4970))!.mileage).toBe('K4+970');
    expect(model.locate(w.at(5030))!.mileage).toBe('K5+180');
    expect(model.position('L1', 'K5+180').candidates[0]!.measureM).toBeCloseTo(5030, 0);
  });

  it('position names what is wrong: unknown line, bad mileage, prefix, beyond the line', () => {
    const w = walk(START, 4000, 100, () => 0);
    const model = NetworkModel.build(collection(lineFeature('L1', '测试线', w, postsAlong(w, 1000))));
    expect(codeOf(() => model.position('NOPE', 'K1+000'))).toBe('unknown_line');
    expect(codeOf(() => model.position('L1', 'K1+2000'))).toBe('bad_mileage');
    expect(codeOf(() => model.position('L1', 'DK1+000'))).toBe('prefix_not_on_line');
    expect(codeOf(() => model.position('L1', 'K9+000'))).toBe('beyond_line');
  });
});

describe('stations, sections and sites', () => {
  const w = walk(START, 30_000, 200, () => 5);
  const bridge: SiteFeature = {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: [w.at(9000), w.at(9400)] },
    properties: { kind: 'site', id: 'BR1', name: '一号桥', siteType: 'bridge', lineId: 'L1' },
  };
  const model = NetworkModel.build(
    collection(
      lineFeature('L1', '测试线', w, postsAlong(w, 1000)),
      // listed out of order on purpose: sections follow the line, not the file
      stationFeature('C', '丙站', w.at(28_000), [{ lineId: 'L1' }]),
      stationFeature('A', '甲站', beside(w, 2000, 80), [{ lineId: 'L1' }]),
      { ...stationFeature('B', '乙站', w.at(15_000), [{ lineId: 'L1', mileage: 'K15+000' }]), properties: { kind: 'station', id: 'B', name: '乙站', lines: [{ lineId: 'L1', mileage: 'K15+000' }], precinctM: 900 } },
      bridge,
    ),
  );

  it('orders stations along the line with computed or given mileages', () => {
    const on = model.stationsOnLine('L1');
    expect(on.map((s) => [s.id, s.on.mileage, Math.round(s.on.measureM), s.on.given])).toEqual([
      ['A', 'K2+000', 2000, false],
      ['B', 'K15+000', 15_000, true],
      ['C', 'K28+000', 28_000, false],
    ]);
    expect(model.station('A')!.precinctM).toBe(600);
    expect(model.station('B')!.precinctM).toBe(900);
  });

  it('names sections between adjacent stations and finds the one holding a point', () => {
    expect(model.sections('L1')).toEqual([
      { id: 'L1:A-B', lineId: 'L1', name: '甲站—乙站', fromStationId: 'A', toStationId: 'B', fromMileage: 'K2+000', toMileage: 'K15+000' },
      { id: 'L1:B-C', lineId: 'L1', name: '乙站—丙站', fromStationId: 'B', toStationId: 'C', fromMileage: 'K15+000', toMileage: 'K28+000' },
    ]);
    expect(model.locate(w.at(20_000))).toMatchObject({ sectionId: 'L1:B-C', sectionName: '乙站—丙站' });
    expect(model.locate(w.at(14_000))).toMatchObject({ sectionId: 'L1:A-B' });
    expect(model.locate(w.at(1000))!.sectionId).toBeNull();
    expect(model.locate(w.at(29_000))!.sectionId).toBeNull();
    expect(model.sectionAt('L1', 15_000)!.id).toBe('L1:B-C'); // a station starts the section ahead
    expect(model.sections()).toHaveLength(2);
  });

  it('exports the import format with the computed station mileages filled in', () => {
    const doc = model.toGeoJSON();
    expect(doc.features.map((f) => f.properties.id)).toEqual(['L1', 'C', 'A', 'B', 'BR1']);
    const a = doc.features.find((f) => f.properties.id === 'A')!;
    expect(a.properties.kind === 'station' && a.properties.lines).toEqual([{ lineId: 'L1', mileage: 'K2+000' }]);
    // re-importing the export gives the same model
    expect(NetworkModel.build(doc).sections('L1')).toEqual(model.sections('L1'));
  });

  it('places sites along their line', () => {
    expect(model.site('BR1')).toMatchObject({ lineId: 'L1', fromMileage: 'K9+000', toMileage: 'K9+400', siteType: 'bridge' });
    expect(model.sites()).toHaveLength(1);
  });

  it('counts what it holds', () => {
    expect(model.stats()).toEqual({ lines: 1, lengthKm: 30, segments: 150, kmPosts: 31, chainBreaks: 0, stations: 3, sites: 1, places: 0, sections: 2 });
    // 151 vertices × 24 bytes + 150 segments × 4 + the tree: a few kilobytes, not more
    expect(model.memoryBytes()).toBeGreaterThan(151 * 24);
    expect(model.memoryBytes()).toBeLessThan(20_000);
  });

  it('picks the occurrence of a station mileage nearest its point on a long chain', () => {
    const lw = walk(START, 10_000, 100, () => 0);
    const m = NetworkModel.build(
      collection(
        lineFeature('L1', '测试线', lw, postsAlong(lw, 1000, 0, 'K', [{ atM: 5000, aheadM: 4500 }])),
        stationFeature('S', '站', lw.at(5300), [{ lineId: 'L1', mileage: 'K4+800' }]),
      ),
    );
    expect(m.station('S')!.lines[0]!.measureM).toBeCloseTo(5300, 0);
  });
});

describe('several lines', () => {
  // Two parallel lines 300 m apart and one crossing both.
  const a = walk(START, 10_000, 200, () => 0);
  const b = walk(offsetPoint(START, 0, 300), 10_000, 200, () => 0);
  const c = walk(offsetPoint(START, 5000, -2000), 5000, 200, () => 90);
  const model = NetworkModel.build(collection(lineFeature('A', '甲线', a, postsAlong(a, 1000)), lineFeature('B', '乙线', b, postsAlong(b, 1000)), lineFeature('C', '丙线', c, postsAlong(c, 1000))));

  it('locateAll gives one best result per line, nearest first', () => {
    const p = offsetPoint(START, 5150, 100);
    const all = model.locateAll(p);
    expect(all.map((r) => r.lineId)).toEqual(['A', 'C', 'B']);
    expect(all.map((r) => Math.round(r.offsetM))).toEqual([100, 150, 200]);
    expect(all.map((r) => r.side)).toEqual(['left', 'right', 'right']);
    expect(model.locate(p)!.lineId).toBe('A');
  });

  it('locateOnLine answers for the line asked about', () => {
    const p = offsetPoint(START, 3000, 100);
    expect(model.locateOnLine('B', p)).toMatchObject({ lineId: 'B', side: 'right' });
    expect(model.locateOnLine('B', p)!.offsetM).toBeCloseTo(200, 0);
    expect(model.locateOnLine('C', p)).toBeNull();
    expect(codeOf(() => model.locateOnLine('Z', p))).toBe('unknown_line');
  });
});

describe('the index against a brute-force scan', () => {
  it('finds the same nearest line, offset and measure on random points (fixed seed)', () => {
    const rand = seededRandom(20_240_601);
    const features = [];
    for (let i = 0; i < 16; i++) {
      const phase = rand() * 10;
      const w = walk([109 + rand() * 0.5, 24 + rand() * 0.5], 15_000 + rand() * 15_000, 100 + rand() * 200, (s) => i * 23 + 40 * Math.sin(s / 3000 + phase));
      features.push(lineFeature(`L${i}`, `线${i}`, w, postsAlong(w, 1000)));
    }
    const model = NetworkModel.build(collection(...features));
    let located = 0;
    for (let k = 0; k < 600; k++) {
      const p: LonLat = [109 + rand() * 0.7, 24 + rand() * 0.7];
      const maxOffsetM = 2500;
      const fast = model.locateAll(p, { maxOffsetM });
      const brute = model
        .lines()
        .map((line) => ({ id: line.id, r: line.ref.geometry.projectBrute(p) }))
        .filter((x) => x.r.distanceM <= maxOffsetM)
        .sort((x, y) => x.r.distanceM - y.r.distanceM);
      expect(fast.map((r) => r.lineId)).toEqual(brute.map((x) => x.id));
      fast.forEach((r, j) => {
        expect(r.offsetM).toBeCloseTo(brute[j]!.r.distanceM, 1);
        expect(r.measureM).toBeCloseTo(brute[j]!.r.measure, 1);
        expect(r.side).toBe(brute[j]!.r.side);
      });
      const one = model.locate(p, { maxOffsetM });
      expect(one?.lineId ?? null).toBe(brute[0]?.id ?? null);
      if (one) expect(one.offsetM).toBeCloseTo(brute[0]!.r.distanceM, 1);
      if (fast.length) located++;
    }
    // the sample must exercise both outcomes
    expect(located).toBeGreaterThan(100);
    expect(located).toBeLessThan(600);
  });
});
