import { describe, expect, it } from 'vitest';
import { hypercubeApprox, hypercubeExact, larsonQ } from './hypercube.js';
import { erlangC } from './erlang.js';

// one busy district whose unit backs up the others (as in Larson and Odoni's three-unit example), ρ = 0.5
const threeUnits = { units: 3, rates: [0.75, 0.375, 0.375], preference: [[0, 1, 2], [1, 0, 2], [2, 0, 1]], meanService: 1 };
const fourUnits = { units: 4, rates: [0.9, 0.5, 0.6, 0.4], preference: [[0, 1, 2, 3], [1, 0, 2, 3], [2, 1, 3, 0], [3, 2, 1, 0]], meanService: 1 };

describe('hypercube queueing model', () => {
  it("computes Larson's correction factors as Urban Operations Research prints them", () => {
    expect(larsonQ(3, 0.5, 0)).toBeCloseTo(1, 10);
    expect(larsonQ(3, 0.5, 1)).toBeCloseTo(0.73684, 5);
    expect(larsonQ(3, 0.5, 2)).toBeCloseTo(0.63158, 5);
  });

  it('reduces to Erlang C when every district is alike', () => {
    const sym = { units: 3, rates: [0.6, 0.6, 0.6], preference: [[0, 1, 2], [1, 2, 0], [2, 0, 1]], meanService: 1 };
    for (const f of [hypercubeExact(sym), hypercubeApprox(sym)]) {
      for (const w of f.workload) expect(w).toBeCloseTo(0.6, 9);
      expect(f.waitProbability).toBeCloseTo(erlangC(3, 1.8), 9);
    }
  });

  it('exact: workloads add up to λ/μ and the wait probability is Erlang C', () => {
    for (const c of [threeUnits, fourUnits]) {
      const f = hypercubeExact(c);
      const a = c.rates.reduce((x, y) => x + y, 0) * c.meanService;
      expect(f.workload.reduce((x, y) => x + y, 0)).toBeCloseTo(a, 9);
      expect(f.waitProbability).toBeCloseTo(erlangC(c.units, a), 9);
      // the unit backing up everyone works more than the others
      expect(f.workload[0]!).toBeGreaterThan(Math.max(...f.workload.slice(1)) - 0.01);
    }
  });

  it('approximation: within the 2% of the exact model that Larson states', () => {
    for (const c of [threeUnits, fourUnits]) {
      const exact = hypercubeExact(c);
      const approx = hypercubeApprox(c);
      expect(approx.iterations).toBeLessThan(100);
      approx.workload.forEach((w, n) => expect(Math.abs(w / exact.workload[n]! - 1)).toBeLessThan(0.02));
    }
  });

  it('refuses an overloaded system and a bad preference list', () => {
    expect(() => hypercubeExact({ ...threeUnits, rates: [2, 1, 1] })).toThrow(RangeError);
    expect(() => hypercubeApprox({ ...threeUnits, preference: [[0, 0, 1], [1, 0, 2], [2, 0, 1]] })).toThrow(RangeError);
  });
});
