import type { Generated } from 'kysely';

/** Past incidents for risk along the line (issue 12), kept apart from live incidents. */
export interface RiskTables {
  risk_history: RiskHistoryTable;
}

export interface RiskHistoryTable {
  id: Generated<number>;
  /** ISO-8601 UTC */
  occurred_at: string;
  category: string;
  line_id: string;
  /** metres along the line geometry, where the row was placed at import */
  measure_m: number;
  mileage: string;
  lon: number;
  lat: number;
  /** where the row came from: `import`, `demo` */
  source: string;
  imported_at: string;
}
