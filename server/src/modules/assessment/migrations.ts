import type { Kysely, Migration } from 'kysely';

/** The assessment's schemes and published periods (issue 14). */
export function assessmentSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('assessment_schemes')
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('assessment_publications')
        .addColumn('period', 'text', (c) => c.primaryKey())
        .addColumn('scheme_version', 'integer', (c) => c.notNull().references('assessment_schemes.version'))
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('published_by', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('assessment_publications').execute();
      await db.schema.dropTable('assessment_schemes').execute();
    },
  };
}
