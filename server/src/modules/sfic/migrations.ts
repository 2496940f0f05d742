import type { Kysely, Migration } from 'kysely';

/** The collaboration survey's responses and participation, kept apart (issue 14). */
export function sficSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('survey_responses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('quarter', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('submitted_on', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('survey_responses_quarter').on('survey_responses').columns(['quarter', 'agency_id']).execute();
      await db.schema
        .createTable('survey_participation')
        .addColumn('quarter', 'text', (c) => c.notNull())
        .addColumn('person', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('survey_participation_pk', ['quarter', 'person'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('survey_participation').execute();
      await db.schema.dropTable('survey_responses').execute();
    },
  };
}
