import type { Kysely, Migration } from 'kysely';

/** Named places (towns and villages) imported with the network, stored as features like the rest. */
export function namedPlacesSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('network_places')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('place_type', 'text', (c) => c.notNull())
        .addColumn('feature', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('network_places').execute();
    },
  };
}
