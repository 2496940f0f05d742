import type { SimDuration } from '@railjoint/contracts';
import type { Rng } from '../../../demo/prng.js';

/** A duration distribution made into a sampler once, so the inner loop does not switch on its kind. */
export function sampler(d: SimDuration, rng: Rng): () => number {
  switch (d.kind) {
    case 'fixed': {
      const s = d.s;
      return () => s;
    }
    case 'exponential': {
      const mean = d.meanS;
      // 1 − u lies in (0, 1], so the logarithm is finite
      return () => -mean * Math.log(1 - rng.next());
    }
    case 'uniform': {
      const { minS, maxS } = d;
      return () => minS + (maxS - minS) * rng.next();
    }
    case 'lognormal': {
      // parameters of the underlying normal that give this mean and standard deviation
      const sigma2 = Math.log(1 + (d.sdS * d.sdS) / (d.meanS * d.meanS));
      const mu = Math.log(d.meanS) - sigma2 / 2;
      const sigma = Math.sqrt(sigma2);
      return () => {
        const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
        return Math.exp(mu + sigma * z);
      };
    }
    case 'empirical': {
      const values = Float64Array.from(d.valuesS);
      const n = values.length;
      return () => values[Math.floor(rng.next() * n)]!;
    }
  }
}

export function meanOf(d: SimDuration): number {
  switch (d.kind) {
    case 'fixed':
      return d.s;
    case 'exponential':
    case 'lognormal':
      return d.meanS;
    case 'uniform':
      return (d.minS + d.maxS) / 2;
    case 'empirical':
      return d.valuesS.reduce((a, b) => a + b, 0) / d.valuesS.length;
  }
}
