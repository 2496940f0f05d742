import type { Kysely, Migration } from 'kysely';

/** A bulletin can name the incident it is about (issue 9). */
export function bulletinIncidentsSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('bulletin_incidents')
        .addColumn('bulletin_id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('bulletin_incidents_incident').on('bulletin_incidents').column('incident_id').execute();
    },
  };
}
