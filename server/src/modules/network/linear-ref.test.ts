import { describe, expect, it } from 'vitest';
import type { KmPost } from '@railjoint/contracts';
import { LineReference } from './linear-ref.js';
import { NetworkError } from './network-error.js';
import { beside, lineFeature, postsAlong, walk, type Walk } from './fixtures.js';
import { offsetPoint } from './geo.js';

const START: [number, number] = [109.2, 24.3];

function ref(w: Walk, posts: KmPost[]): LineReference {
  return LineReference.fromFeature(lineFeature('L1', '测试线', w, posts));
}

function lookupError(f: () => unknown): NetworkError {
  try {
    f();
  } catch (e) {
    if (e instanceof NetworkError) return e;
    throw e;
  }
  throw new Error('expected a NetworkError');
}

describe('interpolation between posts', () => {
  it('is exact on a straight line with posts 2 km apart, also for points off the line', () => {
    const w = walk(START, 20_000, 250, () => 0);
    const r = ref(w, postsAlong(w, 2000, 120_000));
    for (const s of [0, 1, 999.5, 2000, 3141.6, 10_000, 17_777, 19_999]) {
      const m = r.measureToMileage(s);
      expect(m.prefix).toBe('K');
      expect(Math.abs(m.metres - (120_000 + s))).toBeLessThan(0.01);
      // 40 m north of the line: the same mileage, on the left
      const hit = r.nearest(offsetPoint(w.at(s), 0, 40))!;
      expect(Math.abs(hit.metres - (120_000 + s))).toBeLessThan(1);
      expect(hit.offsetM).toBeCloseTo(40, 1);
      expect(hit.side).toBe('left');
    }
  });

  it('follows the posts, not the metres, on a curved line whose posts run 2% long', () => {
    // Turning through 120° over 12 km, posts every 1 km of arc that carry 1020 m of mileage each:
    // old surveys disagree with the geometry like this, and the posts are what people read.
    const w = walk(START, 12_000, 50, (s) => (s / 12_000) * 120);
    const posts = postsAlong(w, 1000).map((p, k) => ({ ...p, mileage: `K${Math.floor((k * 1020) / 1000) + 100}+${String((k * 1020) % 1000).padStart(3, '0')}` }));
    const r = ref(w, posts);
    for (const s of [0, 333, 1500, 4321.5, 7999, 11_950]) {
      const hit = r.nearest(w.at(s))!;
      expect(hit.offsetM).toBeLessThan(0.5);
      expect(Math.abs(hit.metres - (100_000 + s * 1.02))).toBeLessThan(1);
    }
  });

  it('keeps posts that were surveyed a few metres beside the track', () => {
    const w = walk(START, 10_000, 200, (s) => 30 * Math.sin(s / 2500));
    // Each post moved 8 m square to the track, alternately left and right.
    const posts = postsAlong(w, 1000).map((p, k) => ({ ...p, coordinates: beside(w, k * 1000, k % 2 ? 8 : -8) }));
    const r = ref(w, posts);
    for (const s of [500, 2500, 6100, 9400]) expect(Math.abs(r.nearest(w.at(s))!.metres - s)).toBeLessThan(1);
  });

  it('maps mileage back to measures and points', () => {
    const w = walk(START, 8000, 100, (s) => 20 * Math.sin(s / 3000));
    const r = ref(w, postsAlong(w, 1000, 50_000));
    expect(r.mileageToMeasures('K', 53_456.5).map((x) => Math.round(x * 10) / 10)).toEqual([3456.5]);
    const p = r.pointAt(3456.5);
    const truth = w.at(3456.5);
    expect(Math.abs(p[0] - truth[0]) * 101_000).toBeLessThan(0.5);
    expect(Math.abs(p[1] - truth[1]) * 111_000).toBeLessThan(0.5);
  });
});

describe('extrapolation', () => {
  const w = walk(START, 5000, 100, () => 0);
  const r = ref(w, postsAlong(w, 1000, 10_000).slice(1, 5)); // posts at arc 1000…4000: K11…K14

  it('runs 1:1 before the first and after the last post, and says so', () => {
    expect(r.measureToMileage(200)).toMatchObject({ prefix: 'K', metres: 10_200, extrapolated: true });
    expect(r.measureToMileage(4700)).toMatchObject({ metres: 14_700, extrapolated: true });
    expect(r.measureToMileage(2500).extrapolated).toBe(false);
    // exactly at the first and the last post the mileage is surveyed
    expect(r.measureToMileage(1000)).toMatchObject({ metres: 11_000, extrapolated: false });
    expect(r.measureToMileage(4000)).toMatchObject({ metres: 14_000, extrapolated: false });
    expect(r.candidatesFor('K', 14_500)).toEqual([expect.objectContaining({ extrapolated: true })]);
  });

  it('refuses mileage beyond the geometry with the line’s range', () => {
    const e = lookupError(() => r.mileageToMeasures('K', 15_200));
    expect(e.code).toBe('beyond_line');
    expect(e.message).toContain('from K10+000 to K15+000');
    expect(lookupError(() => r.mileageToMeasures('K', 9_500)).code).toBe('beyond_line');
  });
});

describe('long chain (长链)', () => {
  // At arc 5000 the post reads K5+000 behind and K3+500 ahead: K3+500–K5+000 occurs twice, over
  // more than one post interval on each side (arc 3500–5000 and 5000–6500).
  const w = walk(START, 10_000, 100, () => 10);
  const posts = postsAlong(w, 1000, 0, 'K', [{ atM: 5000, aheadM: 3500 }]);
  const r = ref(w, posts);

  it('is built from the post’s ahead value', () => {
    expect(posts[5]).toMatchObject({ mileage: 'K5+000.000', ahead: 'K3+500.000' });
    expect(posts[6]!.mileage).toBe('K4+500.000');
    expect(r.chains).toEqual([expect.objectContaining({ kind: 'long', lengthM: 1500, repeatFromM: expect.closeTo(3500, 3), repeatToM: expect.closeTo(6500, 3) })]);
  });

  it('gives both measures of a repeated mileage, each with its occurrence', () => {
    expect(r.mileageToMeasures('K', 3600).map(Math.round)).toEqual([3600, 5100]);
    const c = r.candidatesFor('K', 5000);
    expect(c.map((x) => Math.round(x.measure))).toEqual([5000, 6500]);
    expect(c.map((x) => x.chain?.occurrence)).toEqual([1, 2]);
    const atAhead = r.candidatesFor('K', 3500);
    expect(atAhead.map((x) => Math.round(x.measure))).toEqual([3500, 5000]);
    expect(atAhead.map((x) => x.chain?.occurrence)).toEqual([1, 2]);
    expect(r.mileageToMeasures('K', 3400)).toHaveLength(1);
    expect(r.mileageToMeasures('K', 5100)).toHaveLength(1);
  });

  it('says which occurrence a measure is, also two post intervals away from the break', () => {
    const at = (m: number) => r.measureToMileage(m);
    expect(at(3600)).toMatchObject({ metres: 3600, chain: { kind: 'long', occurrence: 1, behind: 'K5+000', ahead: 'K3+500', lengthM: 1500 } });
    expect(at(4999)).toMatchObject({ metres: 4999, chain: { occurrence: 1 } });
    expect(at(5000)).toMatchObject({ metres: 3500, chain: { occurrence: 2 } }); // the post reads ahead
    expect(at(6200)).toMatchObject({ metres: 4700, chain: { occurrence: 2 } });
    expect(at(3400).chain).toBeUndefined();
    expect(at(6600).chain).toBeUndefined();
    expect(at(6200).chain!.note).toMatch(/K3\+500 to K5\+000 occurs twice; this is the second occurrence, after the post/);
  });
});

describe('short chain (短链)', () => {
  const w = walk(START, 10_000, 100, () => -15);
  const r = ref(w, postsAlong(w, 1000, 0, 'K', [{ atM: 5000, aheadM: 5150 }]));

  it('has no place for the skipped mileage, and says between which mileages it falls', () => {
    const e = lookupError(() => r.mileageToMeasures('K', 5100));
    expect(e.code).toBe('short_chain_gap');
    expect(e.message).toMatch(/K5\+100 falls in a short chain \(短链\) between K5\+000 and K5\+150/);
    expect(r.mileageToMeasures('K', 5000).map(Math.round)).toEqual([5000]);
    expect(r.mileageToMeasures('K', 5150).map(Math.round)).toEqual([5000]);
    expect(r.mileageToMeasures('K', 5160).map(Math.round)).toEqual([5010]);
  });

  it('jumps across the break, with chain information only right at it', () => {
    expect(r.measureToMileage(4995)).toMatchObject({ metres: 4995, chain: { kind: 'short', lengthM: 150, behind: 'K5+000', ahead: 'K5+150' } });
    expect(r.measureToMileage(5005)).toMatchObject({ metres: 5155, chain: { kind: 'short' } });
    expect(r.measureToMileage(5050)).toEqual({ prefix: 'K', metres: 5200, extrapolated: false });
    expect(r.measureToMileage(4900).chain).toBeUndefined();
    expect(r.measureToMileage(5000).chain!.note).toBe('Short chain (短链) of 150 m at the chain-break post K5+000 = K5+150: mileage K5+000 to K5+150 does not exist on this line.');
  });
});

describe('prefixes', () => {
  it('change only at a chain-break post and are looked up per prefix', () => {
    const w = walk(START, 6000, 100, () => 0);
    const posts = postsAlong(w, 1000, 0, 'K');
    posts[3] = { ...posts[3]!, ahead: 'DK3+000' };
    for (let k = 4; k < posts.length; k++) posts[k] = { ...posts[k]!, mileage: `DK${k}+000` };
    const r = ref(w, posts);
    expect(r.measureToMileage(4500)).toMatchObject({ prefix: 'DK', metres: 4500 });
    expect(r.measureToMileage(1500)).toMatchObject({ prefix: 'K', metres: 1500 });
    expect(r.measureToMileage(3000)).toMatchObject({ prefix: 'DK', metres: 3000 });
    expect(r.mileageToMeasures('K', 3000).map(Math.round)).toEqual([3000]);
    expect(r.mileageToMeasures('DK', 5500).map(Math.round)).toEqual([5500]);
    expect(r.breakPosts).toBe(1);
    expect(r.chains).toEqual([]); // a change of chainage repeats and skips nothing
    const noAk = lookupError(() => r.mileageToMeasures('AK', 1000));
    expect(noAk.code).toBe('prefix_not_on_line');
    expect(noAk.message).toMatch(/no AK mileage \(it uses K, DK\)/);
    const beyondK = lookupError(() => r.mileageToMeasures('K', 4500));
    expect(beyondK.code).toBe('beyond_line');
    expect(beyondK.message).toContain('K mileage runs from K0+000 to K3+000');
  });

  it('name each run of a prefix that comes back after another', () => {
    const w = walk(START, 9000, 100, () => 0);
    const posts = postsAlong(w, 1000, 0, 'K');
    posts[3] = { ...posts[3]!, ahead: 'DK3+000' };
    posts[4] = { ...posts[4]!, mileage: 'DK4+000' };
    posts[5] = { ...posts[5]!, mileage: 'DK5+000', ahead: 'K20+000' };
    for (let k = 6; k < posts.length; k++) posts[k] = { ...posts[k]!, mileage: `K${k + 15}+000` };
    const r = ref(w, posts);
    expect(r.mileageToMeasures('K', 21_500).map(Math.round)).toEqual([6500]);
    const gap = lookupError(() => r.mileageToMeasures('K', 10_000));
    expect(gap.message).toBe('K10+000 is not on this line, whose K mileage runs from K0+000 to K3+000 and from K20+000 to K24+000');
    expect(lookupError(() => r.mileageToMeasures('K', 30_000)).message).toMatch(/^K30\+000 is beyond the line/);
  });
});

describe('MultiLineString', () => {
  it('takes the parts in order and adds no length for the gap between them', () => {
    const w1 = walk(START, 3000, 100, () => 0);
    const end = w1.at(3000);
    const w2 = walk([end[0] + 0.002, end[1]], 3000, 100, () => 0); // a ~200 m gap
    const feature = lineFeature('L1', '测试线', w1, [
      { mileage: 'K0+000', coordinates: w1.at(0) },
      { mileage: 'K3+000', coordinates: w1.at(3000) },
      { mileage: 'K6+000', coordinates: w2.at(3000) },
    ]);
    feature.geometry = { type: 'MultiLineString', coordinates: [w1.coordinates, w2.coordinates] };
    const r = LineReference.fromFeature(feature);
    expect(r.lengthM).toBeCloseTo(6000, 1);
    expect(r.geometry.segmentCount).toBe(w1.coordinates.length - 1 + w2.coordinates.length - 1);
    expect(Math.abs(r.nearest(w2.at(1000))!.metres - 4000)).toBeLessThan(1);
    expect(Math.abs(r.nearest(w1.at(2500))!.metres - 2500)).toBeLessThan(1);
    // the start of the second part carries the same measure as the end of the first
    expect(r.pointAt(2999.5)[0]).toBeLessThan(w1.coordinates[w1.coordinates.length - 1]![0]);
    expect(r.pointAt(3000.5)[0]).toBeGreaterThan(w2.coordinates[0]![0]);
  });
});
