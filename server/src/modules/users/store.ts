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

  async recordFailure(id: string, failures: number, lockedUntil: string | null): Promise<void> {
    await this.db.updateTable('users').set({ failed_logins: failures, locked_until: lockedUntil }).where('id', '=', id).execute();
  }

  async clearFailures(id: string): Promise<void> {
    await this.db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
  }

  async createSession(tokenHash: string, userId: string, createdAt: string, expiresAt: string, client: string | null): Promise<void> {
    await this.db.insertInto('sessions').values({ token_hash: tokenHash, user_id: userId, created_at: createdAt, expires_at: expiresAt, client }).execute();
  }

  sessionUser(tokenHash: string, now: string): Promise<UserWithAgency | undefined> {
    return this.withAgency()
      .innerJoin('sessions', 'sessions.user_id', 'users.id')
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteSessionsOf(trx: Kysely<Database>, userId: string): Promise<void> {
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }
}
