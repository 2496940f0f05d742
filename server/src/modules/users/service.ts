import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role, User } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { hashPassword, hashToken, newToken, verifyPassword } from '../../platform/auth/password.js';
import { failureDelayMs, isLocked, lockedUntilAfterFailure } from '../../platform/auth/lockout.js';
import { recordChange } from '../../platform/change-log.js';
import { conflict, HttpError, notFound, unprocessable } from '../../platform/http/errors.js';
import { nowIso } from '../../platform/db/database.js';
import { nowDate } from '../../platform/clock.js';
import { UserStore } from './store.js';
import { actorOf, presentUser } from './presenter.js';

export interface NewUserInput {
  username: string;
  displayName: string;
  agencyId: string;
  roles: Role[];
  password: string;
}

export interface UserPatch {
  displayName?: string;
  agencyId?: string;
  roles?: Role[];
  password?: string;
  disabled?: boolean;
}

// A fixed hash to verify against when the user does not exist, so timing does not reveal names.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class UserService {
  readonly store: UserStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly sessionTtlS: number,
    private readonly agencyExists: (id: string) => Promise<boolean>,
    /** injectable so tests of lockout do not wait for real delays */
    private readonly delay: (ms: number) => Promise<void> = sleep,
  ) {
    this.store = new UserStore(db);
  }

  async login(username: string, password: string, client: string | null): Promise<{ token: string; user: User; expiresAt: string; now: string }> {
    const now = nowDate();
    const row = await this.store.byUsername(username.trim().toLowerCase());
    if (!row) {
      await verifyPassword(password, DUMMY_HASH);
      await this.delay(failureDelayMs(1));
      throw new HttpError(401, 'invalid_credentials', 'wrong username or password');
    }
    if (isLocked(row.locked_until, now)) {
      throw new HttpError(423, 'account_locked', `too many failed sign-ins; try again after ${row.locked_until}`, { lockedUntil: row.locked_until });
    }
    const ok = row.disabled === 0 && (await verifyPassword(password, row.password_hash));
    if (!ok) {
      const failures = row.failed_logins + 1;
      const lockedUntil = lockedUntilAfterFailure(failures, now);
      await this.store.recordFailure(row.id, failures, lockedUntil?.toISOString() ?? null);
      await this.delay(failureDelayMs(failures));
      if (row.disabled === 1) throw new HttpError(401, 'invalid_credentials', 'wrong username or password');
      if (lockedUntil) {
        throw new HttpError(423, 'account_locked', `too many failed sign-ins; try again after ${lockedUntil.toISOString()}`, { lockedUntil: lockedUntil.toISOString() });
      }
      throw new HttpError(401, 'invalid_credentials', 'wrong username or password');
    }
    if (row.failed_logins > 0) await this.store.clearFailures(row.id);
    const { token, hash } = newToken();
    const expiresAt = new Date(now.getTime() + this.sessionTtlS * 1000).toISOString();
    await this.store.createSession(hash, row.id, now.toISOString(), expiresAt, client);
    return { token, user: presentUser(row), expiresAt, now: now.toISOString() };
  }

  async logout(token: string): Promise<void> {
    await this.store.deleteSession(hashToken(token));
  }

  async actorForToken(token: string): Promise<Actor | null> {
    const row = await this.store.sessionUser(hashToken(token), nowIso());
    if (!row || row.disabled === 1) return null;
    return actorOf(row);
  }

  async get(id: string): Promise<User> {
    const row = await this.store.byId(id);
    if (!row) throw notFound('user');
    return presentUser(row);
  }

  async list(filter: { agencyId?: string } = {}): Promise<User[]> {
    return (await this.store.list(filter)).map(presentUser);
  }

  async create(actor: Actor, input: NewUserInput): Promise<User> {
    if (!(await this.agencyExists(input.agencyId))) {
      throw unprocessable('unknown_agency', `agency ${input.agencyId} does not exist`, { fields: [{ field: 'body.agencyId', message: 'unknown agency' }] });
    }
    const username = input.username.toLowerCase();
    if (await this.store.byUsername(username)) throw conflict('username_taken', `username ${username} is taken`);
    const passwordHash = await hashPassword(input.password);
    const id = await this.db.transaction().execute((trx) => this.insertUser(trx, actor, { ...input, username }, passwordHash, nowIso()));
    return this.get(id);
  }

  async update(actor: Actor, id: string, patch: UserPatch): Promise<User> {
    const row = await this.store.byId(id);
    if (!row) throw notFound('user');
    if (patch.agencyId && !(await this.agencyExists(patch.agencyId))) {
      throw unprocessable('unknown_agency', `agency ${patch.agencyId} does not exist`, { fields: [{ field: 'body.agencyId', message: 'unknown agency' }] });
    }
    if (actor.userId === id && (patch.disabled === true || (patch.roles && !patch.roles.includes('admin') && actor.roles.includes('admin')))) {
      throw conflict('self_lockout', 'you cannot disable yourself or remove your own admin role');
    }
    const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
    await this.db.transaction().execute(async (trx) => {
      await this.store.update(trx, id, {
        display_name: patch.displayName,
        agency_id: patch.agencyId,
        roles: patch.roles ? JSON.stringify([...new Set(patch.roles)]) : undefined,
        password_hash: passwordHash,
        disabled: patch.disabled === undefined ? undefined : patch.disabled ? 1 : 0,
        failed_logins: passwordHash ? 0 : undefined,
        locked_until: passwordHash ? null : undefined,
        updated_at: nowIso(),
      });
      // A new password or a disabled account ends every open session of that user.
      if (passwordHash || patch.disabled) await this.store.deleteSessionsOf(trx, id);
      const { password: _secret, ...shown } = patch;
      await recordChange(trx, actor, 'user', id, 'update', { ...shown, passwordChanged: Boolean(passwordHash) });
    });
    return this.get(id);
  }

  /**
   * Creates many users sharing one password, hashed once (the demo department has about a hundred
   * accounts; hashing each would add seconds to every start). Existing usernames are skipped.
   */
  async createMany(actor: Actor, list: Omit<NewUserInput, 'password'>[], password: string): Promise<number> {
    const passwordHash = await hashPassword(password);
    const now = nowIso();
    let created = 0;
    await this.db.transaction().execute(async (trx) => {
      for (const u of list) {
        const username = u.username.toLowerCase();
        const exists = await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
        if (exists) continue;
        await this.insertUser(trx, actor, { ...u, username }, passwordHash, now);
        created++;
      }
    });
    return created;
  }

  private async insertUser(trx: Kysely<Database>, actor: Actor, u: Omit<NewUserInput, 'password'>, passwordHash: string, now: string): Promise<string> {
    const id = crypto.randomUUID();
    await this.store.insert(trx, {
      id,
      username: u.username,
      display_name: u.displayName,
      agency_id: u.agencyId,
      roles: JSON.stringify([...new Set(u.roles)]),
      password_hash: passwordHash,
      disabled: 0,
      failed_logins: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
    });
    await recordChange(trx, actor, 'user', id, 'create', { username: u.username, agencyId: u.agencyId, roles: u.roles });
    return id;
  }

  /**
   * Makes sure the `admin` user exists. Returns the generated password when it had to invent one,
   * so start-up can print it exactly once.
   */
  async ensureAdmin(actor: Actor, agencyId: string, password: string | null): Promise<{ created: boolean; generatedPassword: string | null }> {
    if (await this.store.byUsername('admin')) return { created: false, generatedPassword: null };
    const generated = password ? null : crypto.randomBytes(12).toString('base64url');
    await this.create(actor, { username: 'admin', displayName: '系统管理员', agencyId, roles: ['admin'], password: password ?? generated! });
    return { created: true, generatedPassword: generated };
  }
}
