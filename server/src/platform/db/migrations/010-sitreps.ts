import type { Kysely, Migration } from 'kysely';

/** Situation reports (情况报告): drafts generated from the incident, edited, released; and their schedule. */
export function sitrepsSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('sitreps')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('sections', 'text', (c) => c.notNull())
        // the map's data as of generation, so a released report always shows what it showed
        .addColumn('map', 'text', (c) => c.notNull())
        .addColumn('generated_at', 'text', (c) => c.notNull())
        .addColumn('generated_by', 'text', (c) => c.notNull())
        .addColumn('scheduled', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('released_at', 'text')
        .addColumn('released_by', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('sitreps_number', ['incident_id', 'number'])
        .execute();
      await db.schema.alterTable('incidents').addColumn('sitrep_every_min', 'integer').execute();
      await db.schema.alterTable('incidents').addColumn('sitrep_due_at', 'text').execute();
    },
  };
}
