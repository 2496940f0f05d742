import { describe, expect, it } from 'vitest';
import { MedianInstance, formatPath } from '@railjoint/contracts';
import { createRng } from '../../../demo/prng.js';
import { compileMedian, interchangeMedian, medianCost, solveMedian } from './median.js';
import { solveMedianExact } from './exact.js';

/** Sites and demands scattered in a square, distances straight-line (km), weights incident counts. */
function small(seed: number): MedianInstance {
  const rng = createRng(seed);
  const n = rng.int(8, 20);
  const m = rng.int(20, 60);
  const at = () => [rng.range(0, 100), rng.range(0, 100)] as const;
  const sites = Array.from({ length: n }, (_, j) => ({ id: `s${j}`, ...(j < rng.int(0, 1) ? { fixed: true } : {}), at: at() }));
  const demands = Array.from({ length: m }, (_, i) => ({ id: `d${i}`, weight: rng.int(1, 9), at: at() }));
  return {
    p: rng.int(2, 5),
    sites: sites.map(({ id, fixed }) => (fixed ? { id, fixed } : { id })),
    demands: demands.map(({ id, weight }) => ({ id, weight })),
    distances: sites.map((s) => demands.map((d) => Math.round(Math.hypot(s.at[0] - d.at[0], s.at[1] - d.at[1]) * 10) / 10)),
  };
}

describe('p-median against HiGHS', () => {
  it('never claims less than the optimum, its bound never exceeds it, and it mostly finds it', async () => {
    let optimal = 0;
    let tight = 0;
    const runs = 20;
    for (let seed = 1; seed <= runs; seed++) {
      const inst = small(seed);
      const exact = await solveMedianExact(inst, { timeLimitS: 30 });
      expect(exact.optimal, `seed ${seed}`).toBe(true);
      const fast = solveMedian(inst);
      const tol = 1e-6 * Math.max(1, exact.cost);
      expect(fast.cost, `seed ${seed}`).toBeGreaterThanOrEqual(exact.cost - tol);
      expect(fast.bound, `seed ${seed}`).toBeLessThanOrEqual(exact.cost + tol);
      expect(fast.cost * (1 - fast.gapPct / 100)).toBeCloseTo(fast.bound, 6);
      expect(fast.chosen).toHaveLength(inst.p);
      for (const s of inst.sites) if (s.fixed) expect(fast.chosen).toContain(s.id);
      if (fast.cost <= exact.cost + tol) optimal++;
      if (fast.bound >= exact.cost * 0.995) tight++;
    }
    expect(optimal).toBeGreaterThanOrEqual(Math.ceil(runs * 0.8));
    // the bound is raised from the trivial start (each demand at its nearest site) to within 0.5% mostly
    expect(tight).toBeGreaterThanOrEqual(Math.ceil(runs / 2));
  });

  it('stops at a local optimum: no single swap costs less', () => {
    const model = compileMedian(small(42));
    const chosen = interchangeMedian(model, Array.from({ length: model.p }, (_, k) => k));
    const at = medianCost(model, chosen);
    for (const out of chosen) {
      if (model.fixed[out]) continue;
      for (let into = 0; into < model.n; into++) {
        if (chosen.includes(into)) continue;
        expect(medianCost(model, chosen.map((j) => (j === out ? into : j)))).toBeGreaterThanOrEqual(at - 1e-6);
      }
    }
  });

  it('names the field of a bad instance', () => {
    const r = MedianInstance.safeParse({ p: 1, sites: [{ id: 'a' }, { id: 'b' }], demands: [{ id: 'x', weight: 1 }], distances: [[1], [-1]] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)).toEqual(['distances[1][0]: a distance cannot be negative']);
    const rows = MedianInstance.safeParse({ p: 1, sites: [{ id: 'a' }, { id: 'b' }], demands: [{ id: 'x', weight: 1 }], distances: [[1], [1, 2]] });
    expect(rows.error!.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)).toEqual(['distances[1]: one entry per demand: 1, not 2']);
  });
});
