import { describe, expect, it } from 'vitest';
import { LineReference } from '../network/linear-ref.js';
import { lineFeature, postsAlong, walk } from '../network/fixtures.js';
import { createRng } from '../../demo/prng.js';
import { CellSet } from './cells.js';
import { decayWeight, fitPoisson, knoxTest, nkdeFast, nkdeNaive, ranks, retrospective, scoreCoverage, type RiskEvent } from './methods.js';

const DAY = 86_400_000;
const AT = Date.parse('2026-01-01T00:00:00Z');

function cellsOf(lengths: Record<string, number>, cellM = 100): CellSet {
  return new CellSet(
    Object.entries(lengths).map(([id, L]) => {
      const w = walk([109.2, 24.3], L, 100, () => 0);
      return { id, ref: LineReference.fromFeature(lineFeature(id, id, w, postsAlong(w, 500))) };
    }),
    cellM,
  );
}

const ev = (lineId: string, measure: number, daysAgo = 0): RiskEvent => ({ lineId, measure, t: AT - daysAgo * DAY, category: 'track_intrusion' });

describe('retrospective counts', () => {
  it('counts incidents per cell', () => {
    const cells = cellsOf({ A: 500 });
    expect([...retrospective(cells, [ev('A', 10), ev('A', 99), ev('A', 100), ev('A', 420), ev('B', 10)])]).toEqual([2, 1, 0, 0, 1]);
  });
});

describe('network kernel density', () => {
  it('gives the Laplace kernel of the distance along the line, by hand', () => {
    const cells = cellsOf({ A: 500 });
    const d = nkdeFast(cells, [ev('A', 50)], { bandwidthM: 100, halfLifeDays: Infinity, at: AT });
    // midpoints 50, 150, 250…: exp(−k)/(2·100)
    [0, 1, 2, 3, 4].forEach((k) => expect(d[k]).toBeCloseTo(Math.exp(-k) / 200, 12));
  });

  it('halves an incident each half-life and ignores incidents after `at`', () => {
    const o = { bandwidthM: 100, halfLifeDays: 10, at: AT };
    expect(decayWeight(AT - 10 * DAY, o)).toBeCloseTo(0.5, 12);
    expect(decayWeight(AT - 30 * DAY, o)).toBeCloseTo(0.125, 12);
    expect(decayWeight(AT + 1, o)).toBe(0);
    const cells = cellsOf({ A: 300 });
    const d = nkdeFast(cells, [ev('A', 150, 10), ev('A', 150, -5)], o);
    expect(d[1]).toBeCloseTo(0.5 / 200, 12);
  });

  it('keeps incidents on their own line (no reach across lines)', () => {
    const cells = cellsOf({ A: 300, B: 300 });
    const d = nkdeFast(cells, [ev('A', 150)], { bandwidthM: 100, halfLifeDays: Infinity, at: AT });
    expect([...d.slice(3)]).toEqual([0, 0, 0]);
  });

  it('sweeps to the same densities as every incident against every cell', () => {
    const rng = createRng(5);
    const cells = cellsOf({ A: 7300, B: 2100 }, 100);
    const events = Array.from({ length: 400 }, () => ev(rng.chance(0.7) ? 'A' : 'B', rng.range(0, 7300) % (rng.chance(0.5) ? 7300 : 2100), rng.range(-20, 900)));
    const o = { bandwidthM: 250, halfLifeDays: 180, at: AT };
    const fast = nkdeFast(cells, events, o);
    const naive = nkdeNaive(cells, events, o);
    let worst = 0;
    for (let i = 0; i < fast.length; i++) worst = Math.max(worst, Math.abs(fast[i]! - naive[i]!) / Math.max(naive[i]!, 1e-300));
    expect(worst).toBeLessThan(1e-9);
    expect(Math.max(...naive)).toBeGreaterThan(0);
  });
});

describe('Knox test', () => {
  it('counts the pairs close in space and in time', () => {
    // (a, b) are 50 m and 1 day apart; (c, d) 50 m but 100 days apart; the rest are far apart
    const events = [ev('A', 0, 300), ev('A', 50, 299), ev('A', 5000, 200), ev('A', 5050, 100), ev('B', 0, 299)];
    const k = knoxTest(events, { distanceM: 100, days: 7, runs: 19, seed: 1 });
    expect(k.observed).toBe(1);
    expect(k.runs).toBe(19);
    expect(k.pValue).toBeGreaterThan(0.05);
  });

  it('finds near-repeats where they were made, and not where times are unrelated to places', () => {
    const rng = createRng(9);
    const repeats: RiskEvent[] = [];
    for (let i = 0; i < 30; i++) {
      const x = i * 1000;
      const t = rng.range(0, 1000);
      repeats.push(ev('A', x, t), ev('A', x + 30, t - rng.range(0, 3)));
    }
    const strong = knoxTest(repeats, { distanceM: 100, days: 7, runs: 99, seed: 3 });
    expect(strong.observed).toBe(30);
    expect(strong.pValue).toBe(0.01);
    expect(strong.ratio).toBeGreaterThan(10);
    const shuffled = repeats.map((e) => ({ ...e, t: AT - rng.range(0, 1000) * DAY }));
    expect(knoxTest(shuffled, { distanceM: 100, days: 7, runs: 99, seed: 3 }).pValue).toBeGreaterThan(0.05);
  });
});

describe('Poisson fit', () => {
  it('finds the rate ratio of a binary factor (4× where it is present)', () => {
    // ten cells without the factor hold 10 incidents, ten with it 40: exp(b) = 4, exp(b0) = 1
    const x = [...Array(10).fill([0]), ...Array(10).fill([1])] as number[][];
    const y = [...Array(10).fill(1), ...Array(10).fill(4)] as number[];
    const fit = fitPoisson(x, y, Array(20).fill(1), { ridge: 0 });
    expect(fit.intercept).toBeCloseTo(0, 8);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(4), 8);
  });

  it('uses exposure: twice the length, twice the expected count', () => {
    const fit = fitPoisson([[0], [1]], [2, 2], [2, 1], { ridge: 0 });
    expect(Math.exp(fit.coefficients[0]!)).toBeCloseTo(2, 8);
  });
});

describe('PAI, PEI* and hit rate', () => {
  const lengths = Array(10).fill(100);
  const hits = [5, 0, 0, 0, 0, 0, 0, 0, 0, 3];
  it('scores the top cells by length share', () => {
    const s = scoreCoverage([9, 1, 1, 1, 1, 1, 1, 1, 1, 2], lengths, hits, 0.1);
    expect(s).toEqual({ coverage: 0.1, hitRate: 0.625, pai: 6.25, pei: 1 });
    const two = scoreCoverage([9, 1, 1, 1, 1, 1, 1, 1, 1, 2], lengths, hits, 0.2);
    expect(two).toMatchObject({ hitRate: 1, pai: 5, pei: 1 });
    const wrong = scoreCoverage([1, 1, 1, 1, 1, 1, 1, 1, 1, 9], lengths, hits, 0.1);
    expect(wrong).toMatchObject({ hitRate: 0.375, pai: 3.75, pei: 0.6 });
  });

  it('counts a tie at the cut in proportion, as a random tie-break would on average', () => {
    expect(scoreCoverage(Array(10).fill(0), lengths, hits, 0.1)).toMatchObject({ hitRate: 0.1, pai: 1 });
  });

  it('ranks equal scores together', () => {
    expect([...ranks([3, 1, 3, 2])]).toEqual([1, 4, 1, 3]);
  });
});
