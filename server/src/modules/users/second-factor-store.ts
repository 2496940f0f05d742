import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { AuthChallengesTable, AuthTotpTable } from '../../platform/auth/tables.js';

/** Queries for TOTP factors, recovery codes and second-factor challenges; no rules here. */
export class SecondFactorStore {
  constructor(private readonly db: Kysely<Database>) {}

  totpOf(userId: string, db: Kysely<Database> = this.db): Promise<AuthTotpTable | undefined> {
    return db.selectFrom('auth_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  /** A new, unconfirmed secret replaces an unconfirmed one; a confirmed factor is left alone. */
  async putPendingSecret(trx: Kysely<Database>, userId: string, secret: string, now: string): Promise<void> {
    await trx.deleteFrom('auth_totp').where('user_id', '=', userId).where('confirmed_at', 'is', null).execute();
    await trx.insertInto('auth_totp').values({ user_id: userId, secret, confirmed_at: null, created_at: now, last_step: null }).execute();
  }

  async confirm(trx: Kysely<Database>, userId: string, step: number, now: string): Promise<boolean> {
    const r = await trx.updateTable('auth_totp').set({ confirmed_at: now, last_step: step }).where('user_id', '=', userId).where('confirmed_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Records the step of an accepted code, only if no later or equal one was recorded meanwhile:
   * two requests racing with the same code cannot both win.
   */
  async useStep(trx: Kysely<Database>, userId: string, step: number): Promise<boolean> {
    const r = await trx
      .updateTable('auth_totp')
      .set({ last_step: step })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async removeFactor(trx: Kysely<Database>, userId: string): Promise<boolean> {
    const r = await trx.deleteFrom('auth_totp').where('user_id', '=', userId).executeTakeFirst();
    await trx.deleteFrom('auth_recovery_codes').where('user_id', '=', userId).execute();
    return Number(r.numDeletedRows) > 0;
  }

  async replaceRecoveryCodes(trx: Kysely<Database>, userId: string, hashes: string[], now: string): Promise<void> {
    await trx.deleteFrom('auth_recovery_codes').where('user_id', '=', userId).execute();
    for (const code_hash of hashes) await trx.insertInto('auth_recovery_codes').values({ user_id: userId, code_hash, used_at: null, created_at: now }).execute();
  }

  /** Marks an unused code used; false if there is none (wrong, or used already, even a moment ago). */
  async useRecoveryCode(trx: Kysely<Database>, userId: string, hash: string, now: string): Promise<boolean> {
    const r = await trx
      .updateTable('auth_recovery_codes')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async unusedRecoveryCodes(trx: Kysely<Database>, userId: string): Promise<number> {
    const r = await trx.selectFrom('auth_recovery_codes').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async createChallenge(row: AuthChallengesTable): Promise<void> {
    await this.db.insertInto('auth_challenges').values(row).execute();
  }

  challenge(idHash: string, now: string): Promise<AuthChallengesTable | undefined> {
    return this.db.selectFrom('auth_challenges').selectAll().where('id_hash', '=', idHash).where('expires_at', '>', now).executeTakeFirst();
  }

  /** Single use: whoever deletes it completes the sign-in. */
  async takeChallenge(trx: Kysely<Database>, idHash: string): Promise<boolean> {
    const r = await trx.deleteFrom('auth_challenges').where('id_hash', '=', idHash).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  /** One more wrong code; the challenge dies after `max` of them. */
  async failChallenge(idHash: string, max: number): Promise<void> {
    await this.db.updateTable('auth_challenges').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id_hash', '=', idHash).execute();
    await this.db.deleteFrom('auth_challenges').where('id_hash', '=', idHash).where('attempts', '>=', max).execute();
  }

  async sweep(now: string): Promise<void> {
    await this.db.deleteFrom('auth_challenges').where('expires_at', '<=', now).execute();
  }
}
