import type { Kysely, Migration } from 'kysely';

/** Coordination centres as such: the agency that is the centre, its level, and the centre above it. */
export function centresSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('centres')
        .addColumn('agency_id', 'text', (c) => c.primaryKey())
        // bureau (路局) or department (公安处): the level its response plans and commanders act at
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('parent_agency_id', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
