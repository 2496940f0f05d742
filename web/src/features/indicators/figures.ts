import type { IndicatorDef, IndicatorTable } from '@railjoint/contracts';

/** Whether a figure meets its indicator's target; null when there was nothing to measure. */
export function meetsTarget(def: Pick<IndicatorDef, 'direction' | 'target'>, value: number | null): boolean | null {
  if (value === null) return null;
  return def.direction === 'higher_better' ? value >= def.target : value <= def.target;
}

/** Decimals a figure is shown with: whole seconds and counts, tenths otherwise. */
export function digitsFor(unit: IndicatorDef['unit']): number {
  return unit === 'seconds' || unit === 'count' ? 0 : 1;
}

/**
 * The agencies the table shows as columns: of one kind when one is picked, and — when asked —
 * only those with something measured (a count of zero is not something measured).
 */
export function shownAgencies(tab: Pick<IndicatorTable, 'agencies' | 'values'>, o: { kind: string; measuredOnly: boolean; typeOf: (id: string) => string | undefined }): IndicatorTable['agencies'] {
  const measured = new Set(tab.values.filter((v) => v.denominator > 0).map((v) => v.agencyId));
  return tab.agencies.filter((a) => (!o.kind || o.typeOf(a.id) === o.kind) && (!o.measuredOnly || measured.has(a.id) || tab.agencies.length === 1));
}
