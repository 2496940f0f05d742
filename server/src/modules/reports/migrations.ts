import type { Kysely, Migration } from 'kysely';

/**
 * Task orders leave the report's free text for a list of their own, so that each reader is shown
 * only the tasks they may read (a report goes to every reader of the incident; a task does not).
 */
export function sitrepTasksSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('sitreps').addColumn('tasks', 'text', (c) => c.notNull().defaultTo('[]')).execute();
    },
  };
}
