import type { Kysely, Migration } from 'kysely';

/**
 * Sign-in security: throttling state shared by every instance, TOTP second factors, recovery
 * codes and second-factor challenges. The account lock of the first version (users.failed_logins,
 * users.locked_until) goes: anyone could lock anyone out with it.
 */
export function authSecuritySchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('auth_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('blocked_until', 'text')
        .addColumn('last_failure_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('auth_totp')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_step', 'integer')
        .execute();
      await db.schema
        .createTable('auth_recovery_codes')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('auth_recovery_codes_pk', ['user_id', 'code_hash'])
        .execute();
      await db.schema
        .createTable('auth_challenges')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('auth_challenges_expiry').on('auth_challenges').column('expires_at').execute();
      await db.schema.alterTable('users').dropColumn('failed_logins').execute();
      await db.schema.alterTable('users').dropColumn('locked_until').execute();
    },
  };
}
