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
