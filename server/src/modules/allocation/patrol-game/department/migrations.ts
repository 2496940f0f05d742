import type { Kysely, Migration } from 'kysely';

/**
 * Randomised patrols (issue 13): a patrol plan may be randomised — its duties are not produced
 * from its days and windows by the daily sweep but written day by day from the patrol game's
 * sampled schedules, each day with the stretch drawn for it.
 */
export function randomisedPatrolsSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('patrol_plans').addColumn('randomised', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('patrol_plans').dropColumn('randomised').execute();
    },
  };
}
