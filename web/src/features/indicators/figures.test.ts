import { describe, expect, it } from 'vitest';
import { digitsFor, meetsTarget, shownAgencies } from './figures';

describe('indicator figures in the console', () => {
  it('colours by direction against the target, and leaves the unmeasured alone', () => {
    expect(meetsTarget({ direction: 'higher_better', target: 90 }, 95)).toBe(true);
    expect(meetsTarget({ direction: 'higher_better', target: 90 }, 89.9)).toBe(false);
    expect(meetsTarget({ direction: 'lower_better', target: 120 }, 120)).toBe(true);
    expect(meetsTarget({ direction: 'lower_better', target: 120 }, 121)).toBe(false);
    expect(meetsTarget({ direction: 'lower_better', target: 120 }, null)).toBeNull();
  });
  it('shows seconds and counts whole', () => {
    expect([digitsFor('seconds'), digitsFor('count'), digitsFor('percent'), digitsFor('hours')]).toEqual([0, 0, 1, 1]);
  });
  it('narrows the columns by kind and to the agencies with something measured, but never hides a lone agency', () => {
    const v = (agencyId: string, denominator: number) => ({ indicatorId: 'x', agencyId, value: denominator ? 1 : null, numerator: 0, denominator });
    const tab = { agencies: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }, { id: 'c', name: 'C' }], values: [v('a', 2), v('b', 0), v('c', 1)] };
    const typeOf = (id: string) => (id === 'c' ? 'township' : 'county_police_bureau');
    expect(shownAgencies(tab, { kind: '', measuredOnly: true, typeOf }).map((a) => a.id)).toEqual(['a', 'c']);
    expect(shownAgencies(tab, { kind: 'county_police_bureau', measuredOnly: false, typeOf }).map((a) => a.id)).toEqual(['a', 'b']);
    expect(shownAgencies({ agencies: [{ id: 'b', name: 'B' }], values: [v('b', 0)] }, { kind: '', measuredOnly: true, typeOf }).map((a) => a.id)).toEqual(['b']);
  });
});
