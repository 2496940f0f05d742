import type { SchemeItem } from '@railjoint/contracts';

/**
 * The assessment's arithmetic, without I/O: an item's score from its measured value, an agency's
 * total from its items, the ranking. The rules are the ones Chinese departments' 考核办法 use:
 * a linear score between a floor (0 points) and the target (full points), or all-or-nothing on
 * the target; an item with nothing to measure this period does not count, and its weight goes to
 * the other items in proportion, so an agency is not punished (or rewarded) for a quiet month.
 */
export type Direction = 'higher_better' | 'lower_better';

export interface ScoredItem {
  item: SchemeItem;
  value: number | null;
  /** 0–100, null when nothing was measured */
  score: number | null;
  /** what the item adds to the total, after the weights of unmeasured items are shared out */
  points: number | null;
  /** its weight after that sharing (the weights of the measured items then sum to 100) */
  effectiveWeight: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function itemScore(item: SchemeItem, direction: Direction, value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const better = (a: number, b: number) => (direction === 'higher_better' ? a >= b : a <= b);
  if (item.rule === 'threshold' || item.floor === undefined) return better(value, item.target) ? 100 : 0;
  const span = item.target - item.floor;
  const share = (value - item.floor) / span;
  return round1(100 * Math.min(1, Math.max(0, share)));
}

/** The total out of 100 over the measured items; null when none was measured. */
export function scoreAgency(items: ReadonlyArray<{ item: SchemeItem; direction: Direction; value: number | null }>): { total: number | null; items: ScoredItem[] } {
  const scored = items.map((x) => ({ item: x.item, value: x.value, score: itemScore(x.item, x.direction, x.value) }));
  const measuredWeight = scored.reduce((a, x) => a + (x.score === null ? 0 : x.item.weight), 0);
  if (measuredWeight === 0) return { total: null, items: scored.map((x) => ({ ...x, points: null, effectiveWeight: null })) };
  const out = scored.map((x) => ({ ...x, points: x.score === null ? null : round1((x.score * x.item.weight) / measuredWeight), effectiveWeight: x.score === null ? null : round1((100 * x.item.weight) / measuredWeight) }));
  const total = round1(scored.reduce((a, x) => a + (x.score === null ? 0 : x.score * x.item.weight), 0) / measuredWeight);
  return { total, items: out };
}

/** Competition ranking (1, 2, 2, 4) by total, best first; agencies without a total are not ranked. */
export function rankTotals<T extends { total: number | null }>(rows: readonly T[]): Array<T & { rank: number | null }> {
  const totals = rows.map((r) => r.total).filter((t): t is number => t !== null);
  return rows.map((r) => ({ ...r, rank: r.total === null ? null : 1 + totals.filter((t) => t > r.total!).length }));
}

export interface SchemeProblem {
  field: string;
  zh: string;
  en: string;
}

/** What the contract cannot see: indicators that do not exist, a floor on the wrong side of the target. */
export function schemeProblems(items: readonly SchemeItem[], directions: ReadonlyMap<string, Direction>): SchemeProblem[] {
  const out: SchemeProblem[] = [];
  items.forEach((x, i) => {
    const d = directions.get(x.indicatorId);
    if (!d) {
      out.push({ field: `body.items[${i}].indicatorId`, zh: `没有指标 ${x.indicatorId}`, en: `no indicator ${x.indicatorId}` });
      return;
    }
    if (x.rule !== 'linear' || x.floor === undefined) return;
    if (d === 'higher_better' && !(x.floor < x.target)) out.push({ field: `body.items[${i}].floor`, zh: '该指标越高越好：底线须低于目标', en: 'higher is better for this indicator: the floor must be below the target' });
    if (d === 'lower_better' && !(x.floor > x.target)) out.push({ field: `body.items[${i}].floor`, zh: '该指标越低越好：底线须高于目标', en: 'lower is better for this indicator: the floor must be above the target' });
  });
  return out;
}
