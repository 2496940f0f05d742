import { describe, expect, it } from 'vitest';
import type { SimDuration } from '@railjoint/contracts';
import { createRng } from '../../../demo/prng.js';
import { meanOf, sampler } from './durations.js';
import { HISTOGRAM_BINS, binOf, binValue, quantile } from './histogram.js';

describe('durations', () => {
  it('sample with the mean (and spread) asked for', () => {
    const kinds: SimDuration[] = [
      { kind: 'fixed', s: 42 },
      { kind: 'exponential', meanS: 600 },
      { kind: 'uniform', minS: 100, maxS: 300 },
      { kind: 'lognormal', meanS: 900, sdS: 600 },
      { kind: 'empirical', valuesS: [60, 120, 600] },
    ];
    for (const d of kinds) {
      const draw = sampler(d, createRng(3));
      const n = 200_000;
      let sum = 0;
      let sq = 0;
      let min = Infinity;
      for (let i = 0; i < n; i++) {
        const x = draw();
        sum += x;
        sq += x * x;
        min = Math.min(min, x);
      }
      const mean = sum / n;
      expect(Math.abs(mean / meanOf(d) - 1), d.kind).toBeLessThan(0.01);
      expect(min).toBeGreaterThanOrEqual(0);
      const sd = Math.sqrt(sq / n - mean * mean);
      if (d.kind === 'exponential') expect(sd / 600).toBeCloseTo(1, 1);
      if (d.kind === 'lognormal') expect(Math.abs(sd / 600 - 1)).toBeLessThan(0.05);
    }
  });
});

describe('response time histogram', () => {
  it('bins to the second below two hours and 1% wide above, and finds quantiles', () => {
    expect(binOf(0)).toBe(0);
    expect(binOf(299.99)).toBe(299);
    expect(binValue(binOf(7199.5))).toBe(7199.5);
    for (const s of [7200, 10_000, 86_400, 3e7]) expect(Math.abs(binValue(binOf(s)) / s - 1)).toBeLessThan(0.01);
    const bins = new Uint32Array(2 * HISTOGRAM_BINS);
    // second histogram (offset): 1..100 seconds once each
    for (let s = 1; s <= 100; s++) bins[HISTOGRAM_BINS + binOf(s)]!++;
    expect(quantile(bins, HISTOGRAM_BINS, 100, 0.5)).toBe(50.5);
    expect(quantile(bins, HISTOGRAM_BINS, 100, 0.9)).toBe(90.5);
    expect(quantile(bins, 0, 0, 0.5)).toBeNull();
  });
});
