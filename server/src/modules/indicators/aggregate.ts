import type { Aggregate } from './source.js';

/** What one agency's grouped query returns for one indicator. */
export interface Group {
  /** records */
  n: number;
  /** records that hit the rule */
  hits: number;
  /** sum of the measures */
  total: number;
  /** records with a measure */
  measured: number;
}

/**
 * An indicator's figure from its group. Rates and means of nothing are null (nothing to
 * measure, which is not a score of 0); a sum of nothing is 0. Rounded to thousandths so both
 * engines' floating sums give the same figure.
 */
export function fold(aggregate: Aggregate, g: Group | undefined): { value: number | null; numerator: number; denominator: number } {
  const n = g?.n ?? 0;
  if (aggregate === 'rate') return { value: n ? round((100 * (g?.hits ?? 0)) / n) : null, numerator: g?.hits ?? 0, denominator: n };
  if (aggregate === 'mean') {
    const measured = g?.measured ?? 0;
    return { value: measured ? round((g?.total ?? 0) / measured) : null, numerator: round(g?.total ?? 0), denominator: measured };
  }
  const total = round(g?.total ?? 0);
  return { value: total, numerator: total, denominator: n };
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Whether a record meets the indicator's rule: a hit of a higher-is-better rate, a miss of a lower-is-better one. */
export function recordOk(aggregate: Aggregate, direction: 'higher_better' | 'lower_better', hit: number | null): boolean | null {
  if (aggregate !== 'rate' || hit === null) return null;
  return direction === 'higher_better' ? hit === 1 : hit === 0;
}

/** Whether a figure meets its target. */
export function meetsTarget(direction: 'higher_better' | 'lower_better', target: number, value: number | null): boolean | null {
  if (value === null) return null;
  return direction === 'higher_better' ? value >= target : value <= target;
}
