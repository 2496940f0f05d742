import type { RawBuilder } from 'kysely';
import type { IndicatorDef } from '@railjoint/contracts';
import type { Engine } from '../../platform/db/database.js';

/** The period an indicator is computed for; `asOf` is the earlier of its end and the platform's now. */
export interface SourceContext {
  engine: Engine;
  from: string;
  to: string;
  asOf: string;
}

/**
 * How an indicator folds its records: `rate` — the share of records that hit its rule, in
 * percent; `mean` — the mean of their measures; `sum` — the sum of their measures.
 */
export type Aggregate = 'rate' | 'mean' | 'sum';

/**
 * One indicator: what it means (in both languages) and the SQL of the records behind it, each
 * row `agency_id, rec_id, label, at, measure, hit, incident_id, incident_code`, attributed to the
 * agency it belongs to. The table groups these rows; the drill-down lists them. `hit` is 1 when
 * the record counts in a rate's numerator (a met deadline; for a lower-is-better rate, a decline).
 */
export interface Indicator extends Omit<IndicatorDef, 'name' | 'formula'> {
  name: { zh: string; en: string };
  formula: { zh: string; en: string };
  aggregate: Aggregate;
  /** the kind of record the drill-down lists */
  kind: string;
  rows(c: SourceContext): RawBuilder<IndicatorRow>;
}

export interface IndicatorRow {
  agency_id: string;
  rec_id: string;
  label: string;
  at: string;
  measure: number | null;
  hit: number | null;
  incident_id: string | null;
  incident_code: string | null;
}
