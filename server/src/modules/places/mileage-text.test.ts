import { describe, expect, it } from 'vitest';
import { parseMileageText } from './mileage-text.js';

const prefixes = new Set(['K', 'DK']);
const parse = (text: string) => parseMileageText(text, (l) => prefixes.has(l));

describe('loose mileage text', () => {
  it('reads a line and a mileage in either order, with or without a prefix or unit', () => {
    expect(parse('湘桂 500')).toEqual({ kind: 'mileage', lineText: '湘桂', prefix: null, metres: 500_000, decimals: 0 });
    expect(parse('K500+200 湘桂线')).toEqual({ kind: 'mileage', lineText: '湘桂线', prefix: 'K', metres: 500_200, decimals: 0 });
    expect(parse('湘桂线500公里')).toEqual({ kind: 'mileage', lineText: '湘桂线', prefix: null, metres: 500_000, decimals: 0 });
    expect(parse('湘桂线 500公里200米处')).toMatchObject({ lineText: '湘桂线', metres: 500_200 });
    expect(parse('湘桂线k499＋940附近')).toMatchObject({ lineText: '湘桂线', prefix: 'K', metres: 499_940 });
    expect(parse('湘桂，５００．５')).toMatchObject({ lineText: '湘桂', prefix: null, metres: 500_500 });
    expect(parse('DK14+325.2')).toEqual({ kind: 'mileage', lineText: '', prefix: 'DK', metres: 14_325.2, decimals: 1 });
    expect(parse('500+200')).toMatchObject({ lineText: '', prefix: null, metres: 500_200 });
  });

  it('keeps letters that are not a prefix of the network with the line, as its initials', () => {
    expect(parse('xg500')).toMatchObject({ lineText: 'xg', prefix: null, metres: 500_000 });
    expect(parse('xg k500+200')).toMatchObject({ lineText: 'xg', prefix: 'K', metres: 500_200 });
    // the full form is a mileage whatever its letters: the line then says it has no such prefix
    expect(parse('湘桂 AK5+100')).toMatchObject({ lineText: '湘桂', prefix: 'AK', metres: 5100 });
  });

  it('tells a name from a mileage and a malformed mileage from both', () => {
    expect(parse('石塘道口')).toEqual({ kind: 'none' });
    expect(parse('湘桂 K500+2000')).toEqual({ kind: 'bad', lineText: '湘桂' });
    expect(parse('湘桂 500.5+200')).toEqual({ kind: 'bad', lineText: '湘桂' });
  });
});
