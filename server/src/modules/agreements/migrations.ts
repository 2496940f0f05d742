import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../../platform/db/database.js';

/** Cooperation agreements, their parties and their signed copies (issue 14). */
export function cooperationAgreementsSchema(engine: Engine): Migration {
  const blob = engine === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('coop_agreements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('obligations', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('signed_at', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('coop_agreement_parties')
        .addColumn('agreement_id', 'text', (c) => c.notNull().references('coop_agreements.id'))
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('coop_agreement_parties_pk', ['agreement_id', 'agency_id'])
        .execute();
      await db.schema.createIndex('coop_agreement_parties_agency').on('coop_agreement_parties').columns(['agency_id']).execute();
      await db.schema
        .createTable('coop_agreement_copies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agreement_id', 'text', (c) => c.notNull().references('coop_agreements.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
