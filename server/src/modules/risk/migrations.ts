import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../../platform/db/database.js';

/** Risk along the line (issue 12): the history of past incidents. */
export function riskSchema(engine: Engine): Migration {
  const serial = engine === 'postgres' ? 'serial' : 'integer';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('risk_history')
        .addColumn('id', serial, (c) => c.primaryKey().$call((b) => (engine === 'sqlite' ? b.autoIncrement() : b)))
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('line_id', 'text', (c) => c.notNull())
        .addColumn('measure_m', 'double precision', (c) => c.notNull())
        .addColumn('mileage', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('risk_history_when').on('risk_history').columns(['category', 'occurred_at']).execute();
    },
  };
}
