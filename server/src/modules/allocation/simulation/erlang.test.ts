import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, mmc } from './erlang.js';

// Erlang C straight from its definition with factorials: fine for small c, and independent of the recurrence
function erlangCByDefinition(c: number, a: number): number {
  let fact = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    if (k > 0) fact *= k;
    sum += a ** k / fact;
  }
  const top = (a ** c / (fact * c)) * (c / (c - a));
  return top / (sum + top);
}

describe('Erlang B and C', () => {
  it('match the closed forms for one and two servers', () => {
    for (const rho of [0.1, 0.5, 0.9]) {
      expect(erlangC(1, rho)).toBeCloseTo(rho, 12); // M/M/1: P(wait) = ρ
      expect(erlangC(2, 2 * rho)).toBeCloseTo((2 * rho * rho) / (1 + rho), 12); // M/M/2
    }
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
  });

  it('match known values', () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
    // Erlang B tables: 5 lines at 3 Erlangs, 10 lines at 8 Erlangs
    expect(erlangB(5, 3)).toBeCloseTo(0.11005, 5);
    expect(erlangB(10, 8)).toBeCloseTo(0.12166, 5);
    for (const [c, a] of [[4, 3], [10, 8], [15, 12.5]] as const) expect(erlangC(c, a)).toBeCloseTo(erlangCByDefinition(c, a), 10);
  });

  it('stays finite for hundreds of servers and refuses an unstable queue', () => {
    const c = erlangC(500, 480);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
    expect(() => erlangC(3, 3)).toThrow(RangeError);
    expect(() => erlangB(0, 1)).toThrow(RangeError);
  });

  it('gives the mean wait of M/M/c', () => {
    // M/M/1 with λ = 0.5, 1/μ = 1: Wq = ρ/(μ − λ) = 1
    expect(mmc(1, 0.5, 1).meanWait).toBeCloseTo(1, 12);
    const f = mmc(3, 2 / 600, 600); // a = 2
    expect(f.waitProbability).toBeCloseTo(4 / 9, 12);
    expect(f.meanWait).toBeCloseTo(((4 / 9) * 600) / (3 - 2), 9);
    expect(f.utilisation).toBeCloseTo(2 / 3, 12);
  });
});
