/**
 * Response times kept as counts in bins rather than one number per incident, so percentiles of
 * a hundred million incidents by category and district fit in a few megabytes: one-second bins
 * below two hours, then bins 1% wide (the error of a reported percentile).
 */
const LINEAR = 7200;
const GROWTH = Math.log(1.01);
const LOG_BINS = 1400; // 7200 s × 1.01^1400 ≈ 8 × 10^9 s: beyond any horizon
export const HISTOGRAM_BINS = LINEAR + LOG_BINS;

export function binOf(seconds: number): number {
  if (seconds < LINEAR) return seconds <= 0 ? 0 : Math.floor(seconds);
  const k = Math.floor(Math.log(seconds / LINEAR) / GROWTH);
  return LINEAR + Math.min(LOG_BINS - 1, k);
}

/** the middle of a bin, in seconds */
export function binValue(bin: number): number {
  if (bin < LINEAR) return bin + 0.5;
  const k = bin - LINEAR;
  return LINEAR * Math.exp(GROWTH * (k + 0.5));
}

/** The p-quantile (nearest rank) of the counts in `bins` from offset `at`, `total` counts in all. */
export function quantile(bins: Uint32Array, at: number, total: number, p: number): number | null {
  if (total === 0) return null;
  const rank = Math.min(total, Math.max(1, Math.ceil(p * total)));
  let seen = 0;
  for (let b = 0; b < HISTOGRAM_BINS; b++) {
    seen += bins[at + b]!;
    if (seen >= rank) return binValue(b);
  }
  return binValue(HISTOGRAM_BINS - 1);
}
