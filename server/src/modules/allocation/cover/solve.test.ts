import { describe, expect, it } from 'vitest';
import { CoverInstance } from '@railjoint/contracts';
import { createRng } from '../../../demo/prng.js';
import { randomCoverInstance } from './generate.js';
import { compileCover, coveredWeight } from './model.js';
import { CoverState, greedy, interchange } from './local-search.js';
import { solveCover, solveCoverModel } from './solve.js';
import { coverColumns, loadHighs, solveCoverExact } from './exact.js';
import { coverLpText } from './lp-format.js';

/**
 * Small instances of two kinds: points within a radius along lines (whose LP relaxation is
 * mostly tight), and sites covering demands at random (whose LP bound lies up to several percent
 * above the optimum, so the bound and the gap are really put to the test). Fixed sites are
 * existing posts.
 */
function small(seed: number): CoverInstance {
  const rng = createRng(seed);
  if (seed % 2) return randomCoverInstance({ seed, sites: rng.int(30, 80), demands: rng.int(200, 500), p: rng.int(3, 10), fixed: rng.int(0, 2), radiusKm: rng.pick([10, 15, 25]), sizeKm: rng.pick([60, 100, 150]) });
  const n = rng.int(15, 40);
  const q = rng.range(0.05, 0.2);
  const fixed = rng.int(0, 1);
  const demands = Array.from({ length: rng.int(40, 150) }, (_, i) => ({ id: `d${i}`, weight: rng.int(1, 9) }));
  const sites = Array.from({ length: n }, (_, j) => ({ id: `s${j}`, ...(j < fixed ? { fixed: true } : {}) }));
  const covers = Object.fromEntries(sites.map((s) => [s.id, demands.filter(() => rng.chance(q)).map((d) => d.id)]));
  return { p: rng.int(2, 6), sites, demands, covers };
}

describe('fast covering solver against HiGHS', () => {
  it('is never worse than its own gap says, its bound is never below the optimum, and it mostly finds the optimum', async () => {
    let optimal = 0;
    let loose = 0;
    const runs = 30;
    for (let seed = 1; seed <= runs; seed++) {
      const inst = small(seed);
      const exact = await solveCoverExact(inst, { timeLimitS: 30 });
      expect(exact.optimal, `seed ${seed}`).toBe(true);
      const fast = solveCover(inst);
      const tol = 1e-6 * Math.max(1, exact.covered);
      expect(fast.covered, `seed ${seed}`).toBeLessThanOrEqual(exact.covered + tol);
      expect(fast.covered, `seed ${seed}`).toBeGreaterThanOrEqual(exact.covered * (1 - fast.gapPct / 100) - tol);
      expect(fast.bound, `seed ${seed}`).toBeGreaterThanOrEqual(exact.covered - tol);
      expect(fast.chosen).toHaveLength(inst.p);
      expect(new Set(fast.chosen).size).toBe(inst.p);
      for (const s of inst.sites) if (s.fixed) expect(fast.chosen).toContain(s.id);
      // what it says it covers is what its sites cover in the plain instance
      const reach = new Set(fast.chosen.flatMap((id) => inst.covers[id] ?? []));
      expect(inst.demands.filter((d) => reach.has(d.id)).reduce((a, d) => a + d.weight, 0)).toBeCloseTo(fast.covered, 6);
      if (fast.covered >= exact.covered - tol) optimal++;
      if (fast.bound > exact.covered * 1.01) loose++;
    }
    expect(optimal).toBeGreaterThanOrEqual(Math.ceil(runs * 0.8));
    // the instances are not all ones where any bound would do
    expect(loose).toBeGreaterThan(0);
  });

  it('gives the same answer for the same instance', () => {
    const inst = randomCoverInstance({ seed: 7, sites: 120, demands: 1500, p: 12, radiusKm: 15 });
    const a = solveCover(inst);
    const b = solveCover(structuredClone(inst));
    expect({ ...a, seconds: 0 }).toEqual({ ...b, seconds: 0 });
  });

  it('keeps fixed sites even when they cover nothing', () => {
    const inst: CoverInstance = {
      p: 2,
      sites: [{ id: 'a' }, { id: 'b' }, { id: 'old', fixed: true }],
      demands: [{ id: 'x', weight: 5 }, { id: 'y', weight: 3 }],
      covers: { a: ['x'], b: ['y'], old: [] },
    };
    const r = solveCover(inst);
    expect(r.chosen.sort()).toEqual(['a', 'old']);
    expect(r.covered).toBe(5);
    expect(r.bound).toBeGreaterThanOrEqual(5);
  });

  it('writes an LP file that HiGHS reads back to the same optimum', async () => {
    const highs = await loadHighs();
    for (const seed of [3, 4]) {
      const inst = small(seed);
      const exact = await solveCoverExact(inst);
      const r = highs.solve(coverLpText(coverColumns(inst)), { output_flag: false, mip_rel_gap: 0 });
      expect(r.Status).toBe('Optimal');
      expect(r.ObjectiveValue).toBeCloseTo(exact.covered, 6);
    }
  });
});

describe('interchange bookkeeping', () => {
  it.each([true, false])('keeps gain, loss, shared weight and the covered weight equal to a recount after every move (rows kept: %s)', (keep) => {
    const model = compileCover(randomCoverInstance({ seed: 11, sites: 40, demands: 400, p: 6, radiusKm: 20 }));
    const s = greedy(model, keep);
    const rng = createRng(5);
    for (let move = 0; move < 50; move++) {
      const out = rng.pick(s.chosenList());
      let into = rng.int(0, model.n - 1);
      while (s.chosen[into]) into = (into + 1) % model.n;
      s.remove(out);
      s.add(into);
      const fresh = new CoverState(model, keep);
      for (const j of s.chosenList()) fresh.add(j);
      expect(s.covered).toBeCloseTo(coveredWeight(model, s.chosenList()), 6);
      for (let j = 0; j < model.n; j++) {
        expect(s.gain[j]).toBeCloseTo(fresh.gain[j]!, 6);
        expect(s.loss[j]).toBeCloseTo(fresh.loss[j]!, 6);
        if (!s.chosen[j] || !keep) continue;
        for (let k = 0; k < model.n; k++) expect(s.shared![s.row[j]! * model.n + k]).toBeCloseTo(fresh.shared![fresh.row[j]! * model.n + k]!, 6);
      }
    }
    // at a local optimum no single swap covers more
    interchange(s);
    // both ways of valuing a swap walk the same path from the greedy start
    const [kept, gathered] = [greedy(model, true), greedy(model, false)];
    expect(interchange(kept)).toBe(interchange(gathered));
    expect(kept.chosenList()).toEqual(gathered.chosenList());
    const at = s.covered;
    for (const out of s.chosenList()) {
      for (let into = 0; into < model.n; into++) {
        if (s.chosen[into]) continue;
        const swapped = s.chosenList().filter((j) => j !== out).concat(into);
        expect(coveredWeight(model, swapped)).toBeLessThanOrEqual(at + 1e-6);
      }
    }
  });

  it('merges demands covered by the same sites and sets aside those no site covers', () => {
    const model = compileCover({
      p: 1,
      sites: [{ id: 'a' }, { id: 'b' }],
      demands: [{ id: 'x', weight: 1 }, { id: 'y', weight: 2 }, { id: 'z', weight: 4 }, { id: 'far', weight: 8 }],
      covers: { a: ['x', 'y'], b: ['y', 'x', 'z'] },
    });
    expect(model.m).toBe(2);
    expect(Array.from(model.weight)).toEqual([3, 4]);
    expect(model.uncoverable).toBe(8);
    expect(solveCoverModel(model).chosen).toEqual([1]);
  });
});
