import type { Kysely, Migration } from 'kysely';

/** Places analysts add to the candidate posts (issue 13): where a post could be, and who would staff it. */
export function postCandidatesSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('post_candidates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('line_id', 'text')
        .addColumn('mileage', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('post_candidates').execute();
    },
  };
}
