import { describe, expect, it } from 'vitest';
import { fold, meetsTarget, recordOk } from './aggregate.js';

describe('indicator figures', () => {
  it('gives a rate in percent of the records that hit, null with no records', () => {
    expect(fold('rate', { n: 3, hits: 2, total: 0, measured: 0 })).toEqual({ value: 66.667, numerator: 2, denominator: 3 });
    expect(fold('rate', undefined)).toEqual({ value: null, numerator: 0, denominator: 0 });
  });
  it('averages only the records that have a measure', () => {
    expect(fold('mean', { n: 4, hits: 0, total: 90, measured: 2 })).toEqual({ value: 45, numerator: 90, denominator: 2 });
    expect(fold('mean', { n: 4, hits: 0, total: 0, measured: 0 }).value).toBeNull();
  });
  it('sums to 0, not null, when nothing happened', () => {
    expect(fold('sum', undefined)).toEqual({ value: 0, numerator: 0, denominator: 0 });
    expect(fold('sum', { n: 2, hits: 0, total: 7.5, measured: 2 })).toEqual({ value: 7.5, numerator: 7.5, denominator: 2 });
  });
  it('reads a record as meeting the rule by the direction of its rate', () => {
    expect(recordOk('rate', 'higher_better', 1)).toBe(true);
    expect(recordOk('rate', 'lower_better', 1)).toBe(false);
    expect(recordOk('rate', 'lower_better', 0)).toBe(true);
    expect(recordOk('mean', 'lower_better', null)).toBeNull();
  });
  it('compares a figure with its target by direction', () => {
    expect(meetsTarget('higher_better', 90, 90)).toBe(true);
    expect(meetsTarget('lower_better', 120, 121)).toBe(false);
    expect(meetsTarget('lower_better', 120, null)).toBeNull();
  });
});
