import { describe, expect, it } from 'vitest';
import { matchStops, normaliseStationName } from './stop-matching.js';

describe('matchStops', () => {
  const stations = [
    { id: 'st-liuzhou', name: '柳州' },
    { id: 'st-guilin', name: '桂林' },
    { id: 'st-a', name: '同名' },
    { id: 'st-b', name: '同名' },
  ];

  it('matches by id, exact name and name without 站/站台 and spaces', () => {
    const r = matchStops(
      [
        { stopId: 'st-liuzhou', name: 'anything' },
        { stopId: 'GLZ', name: '桂林' },
        { stopId: 'x1', name: '桂 林站' },
        { stopId: 'x2', name: '柳州站台' },
      ],
      stations,
    );
    expect(Object.fromEntries(r.matched)).toEqual({ 'st-liuzhou': 'st-liuzhou', GLZ: 'st-guilin', x1: 'st-guilin', x2: 'st-liuzhou' });
    expect(r.warnings).toEqual([]);
  });

  it('warns about unmatched and ambiguous stops', () => {
    const r = matchStops([{ stopId: 'q', name: '北京西' }, { stopId: 'z', name: '同名站' }], stations);
    expect(r.matched.size).toBe(0);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/q "北京西" matches no station/);
    expect(r.warnings[1]).toMatch(/several stations/);
  });

  it('normalises names', () => {
    expect(normaliseStationName(' 柳州　站 ')).toBe('柳州');
  });
});
