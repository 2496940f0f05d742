import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from '../db/database.js';

/**
 * Audit retention (MLPS 2.0 level 3: at least six months). Entries may leave the table only into
 * an archive, and only when older than 180 days by the database's own clock: the delete trigger
 * checks both, so neither a bug nor a hasty administrator's DELETE shortens the period. The
 * archives table is append-only too.
 */
export function auditArchiveSchema(engine: Engine): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('audit_archives')
        .addColumn('id', engine === 'postgres' ? 'serial' : 'integer', (c) => (engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('from_seq', 'bigint', (c) => c.notNull())
        .addColumn('to_seq', 'bigint', (c) => c.notNull())
        .addColumn('first_prev_hash', 'text', (c) => c.notNull())
        .addColumn('last_hash', 'text', (c) => c.notNull())
        .addColumn('entries', 'integer', (c) => c.notNull())
        .addColumn('cutoff', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      if (engine === 'postgres') {
        await sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
          begin
            if tg_op = 'DELETE'
               and old.at < to_char((now() at time zone 'utc') - interval '180 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
               and exists (select 1 from audit_archives a where old.seq between a.from_seq and a.to_seq and old.at < a.cutoff) then
              return old;
            end if;
            raise exception 'audit_log is append-only; entries leave it only into an archive, after 180 days';
          end $$`.execute(db);
        await sql`create function audit_archives_append_only() returns trigger language plpgsql as $$
          begin raise exception 'audit_archives is append-only'; end $$`.execute(db);
        await sql`create trigger audit_archives_no_change before update or delete on audit_archives for each row execute function audit_archives_append_only()`.execute(db);
      } else {
        await sql`drop trigger audit_log_no_delete`.execute(db);
        await sql`create trigger audit_log_no_delete before delete on audit_log
          when not (old.at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-180 days')
                    and exists (select 1 from audit_archives a where old.seq between a.from_seq and a.to_seq and old.at < a.cutoff))
          begin select raise(abort, 'audit_log is append-only; entries leave it only into an archive, after 180 days'); end`.execute(db);
        await sql`create trigger audit_archives_no_update before update on audit_archives begin select raise(abort, 'audit_archives is append-only'); end`.execute(db);
        await sql`create trigger audit_archives_no_delete before delete on audit_archives begin select raise(abort, 'audit_archives is append-only'); end`.execute(db);
      }
    },
  };
}
