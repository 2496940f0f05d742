import type { CoverModel } from './model.js';

/**
 * What each budgeted group's chosen sites cost so far, and whether a move keeps every budget.
 * The tolerance lets sums of decimal costs equal to the budget through.
 */
export class Spend {
  readonly spent: Float64Array;
  readonly active: boolean;

  constructor(readonly model: CoverModel) {
    this.spent = new Float64Array(model.budget.length);
    this.active = model.budget.length > 0;
  }

  add(j: number): void {
    const g = this.model.group[j]!;
    if (g >= 0) this.spent[g]! += this.model.cost[j]!;
  }

  remove(j: number): void {
    const g = this.model.group[j]!;
    if (g >= 0) this.spent[g]! -= this.model.cost[j]!;
  }

  /** whether k can be chosen, with `out` (≥ 0) leaving at the same time */
  fits(k: number, out = -1): boolean {
    const { group, cost, budget } = this.model;
    const g = group[k]!;
    if (g < 0) return true;
    const after = this.spent[g]! + cost[k]! - (out >= 0 && group[out] === g ? cost[out]! : 0);
    return after <= budget[g]! + 1e-9 * Math.max(1, budget[g]!);
  }
}

/**
 * For the relaxed problem of the Lagrangian bound: per budgeted group, the most free sites its budget
 * can pay for after its fixed ones (the cheapest first). Any choice within budget keeps to these
 * counts, so choosing under them instead of under the budgets only loosens the relaxation, and
 * the relaxed problem stays one greedy solves exactly (a count per group is a matroid); with cost 1
 * everywhere the counts are the budgets themselves.
 */
export function groupCounts(model: CoverModel): Int32Array {
  const { budget, group, cost, fixed, n } = model;
  const left = Float64Array.from(budget);
  const costs: number[][] = Array.from(budget, () => []);
  for (let j = 0; j < n; j++) {
    const g = group[j]!;
    if (g < 0) continue;
    if (fixed[j]) left[g]! -= cost[j]!;
    else costs[g]!.push(cost[j]!);
  }
  return Int32Array.from(costs, (list, g) => {
    list.sort((a, b) => a - b);
    let k = 0;
    let sum = 0;
    const tol = 1e-9 * Math.max(1, budget[g]!);
    while (k < list.length && sum + list[k]! <= left[g]! + tol) sum += list[k++]!;
    return k;
  });
}
