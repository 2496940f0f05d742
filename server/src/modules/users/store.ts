import type { Kysely } from 'kysely';
import type { Database, NewUser, UserRow, UserUpdate } from '../../platform/db/schema.js';

export type UserWithAgency = UserRow & { agency_name: string | null; agency_type: string | null };

/** Queries for users and their sign-in sessions; no rules here. */
export class UserStore {
  constructor(private readonly db: Kysely<Database>) {}

  private withAgency() {
    return this.db
      .selectFrom('users')
      .leftJoin('agencies', 'agencies.id', 'users.agency_id')
      .selectAll('users')
      .select(['agencies.name as agency_name', 'agencies.type as agency_type']);
  }

  byUsername(username: string): Promise<UserWithAgency | undefined> {
    return this.withAgency().where('users.username', '=', username).executeTakeFirst();
  }

  byId(id: string): Promise<UserWithAgency | undefined> {
    return this.withAgency().where('users.id', '=', id).executeTakeFirst();
  }

  list(filter: { agencyId?: string } = {}): Promise<UserWithAgency[]> {
    let q = this.withAgency().orderBy('users.username');
    if (filter.agencyId) q = q.where('users.agency_id', '=', filter.agencyId);
    return q.execute();
  }

  async insert(trx: Kysely<Database>, row: NewUser): Promise<void> {
    await trx.insertInto('users').values(row).execute();
  }

  async update(trx: Kysely<Database>, id: string, patch: UserUpdate): Promise<void> {
    await trx.updateTable('users').set(patch).where('id', '=', id).execute();
  }

  async createSession(trx: Kysely<Database>, tokenHash: string, userId: string, createdAt: string, expiresAt: string, client: string | null): Promise<void> {
    await trx.insertInto('sessions').values({ token_hash: tokenHash, user_id: userId, created_at: createdAt, expires_at: expiresAt, client }).execute();
  }

  /** The session's user, with whether they have a confirmed second factor (the enrolment policy needs it on every request). */
  sessionUser(tokenHash: string, now: string): Promise<(UserWithAgency & { totp_confirmed_at: string | null }) | undefined> {
    return this.withAgency()
      .innerJoin('sessions', 'sessions.user_id', 'users.id')
      .leftJoin('auth_totp', 'auth_totp.user_id', 'users.id')
      .select('auth_totp.confirmed_at as totp_confirmed_at')
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Ends every session of the user, but the one kept (the session that asked, for a self-service change). */
  async deleteSessionsOf(trx: Kysely<Database>, userId: string, keepTokenHash?: string): Promise<void> {
    let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepTokenHash) q = q.where('token_hash', '!=', keepTokenHash);
    await q.execute();
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }
}
