import type { Kysely, Migration } from 'kysely';

/** Briefings (issue 14): generated once per kind and period, whichever instance or person asks first. */
export function briefingsSchema(engine: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('briefings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('from_at', 'text', (c) => c.notNull())
        .addColumn('to_at', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('figures', 'text', (c) => c.notNull())
        .addColumn('html', 'text', (c) => c.notNull())
        .addColumn('pdf', engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('bulletin_id', 'text', (c) => c.notNull())
        .addColumn('generated_at', 'text', (c) => c.notNull())
        .addColumn('generated_by', 'text')
        .addUniqueConstraint('briefings_kind_period', ['kind', 'period'])
        .execute();
    },
  };
}
