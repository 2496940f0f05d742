import type { Kysely, Migration } from 'kysely';

/**
 * The caller's contact is sealed (SM4) from now on; a keyed hash of the phone number lets a
 * dispatcher ask "has this caller called before?" without the number being readable in the database.
 */
export function reporterKeySchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('incidents').addColumn('reporter_phone_key', 'text').execute();
      await db.schema.createIndex('incidents_reporter_phone_key').on('incidents').column('reporter_phone_key').execute();
    },
  };
}
