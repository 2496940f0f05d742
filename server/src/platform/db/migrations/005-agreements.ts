import type { Kysely, Migration } from 'kysely';

/** Joint-defence agreements between agencies. */
export function agreementsSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('agreements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('agency_ids', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
