import { describe, it, expect } from 'vitest';
import { parseMileage, formatMileage, MileageError } from './mileage.js';

describe('parseMileage', () => {
  it.each([
    ['K123+456', 'K', 123456],
    ['K123+456.7', 'K', 123456.7],
    ['DK14+325.200', 'DK', 14325.2],
    ['AK0+005', 'AK', 5],
    ['ck7+010', 'CK', 7010],
    [' GK1+000 ', 'GK', 1000],
    ['K0+000', 'K', 0],
  ])('%s', (text, prefix, metres) => {
    expect(parseMileage(text)).toEqual({ prefix, metres });
  });

  it.each([
    ['', /empty/],
    ['K123+1000', /below 1000/],
    ['123+456', /prefix/],
    ['ABC1+000', /one or two letters/],
    ['K12-345', /not a mileage/],
    ['K1+2.3456', /three decimals/],
  ])('rejects %s', (text, reason) => {
    expect(() => parseMileage(text)).toThrow(MileageError);
    expect(() => parseMileage(text)).toThrow(reason);
  });
});

describe('formatMileage', () => {
  it('formats metres with the prefix', () => {
    expect(formatMileage(123456)).toBe('K123+456');
    expect(formatMileage(14325.2, 'DK', 3)).toBe('DK14+325.200');
    expect(formatMileage(5, 'AK')).toBe('AK0+005');
    expect(formatMileage(999.6)).toBe('K1+000');
  });
  it('round-trips', () => {
    for (const m of [0, 1, 999, 1000, 1001, 123456.789]) {
      expect(parseMileage(formatMileage(m, 'DK', 3)).metres).toBeCloseTo(m, 3);
    }
  });
  it('rejects negative metres and bad prefixes', () => {
    expect(() => formatMileage(-1)).toThrow(/negative/);
    expect(() => formatMileage(1, 'k1')).toThrow(/prefix/);
  });
});
