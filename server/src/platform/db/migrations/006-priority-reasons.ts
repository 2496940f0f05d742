import type { Kysely, Migration } from 'kysely';

/** Why an incident has its priority, kept on the incident so the queue can show it without the timeline. */
export function priorityReasonsSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('incidents').addColumn('priority_reasons', 'text', (c) => c.notNull().defaultTo('[]')).execute();
    },
  };
}
