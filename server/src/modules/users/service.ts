import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Me, Role, User } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { hashPassword, hashToken } from '../../platform/auth/password.js';
import { checkPassword } from '../../platform/auth/password-rules.js';
import { recordChange } from '../../platform/change-log.js';
import { conflict, notFound, unprocessable, said, fieldError } from '../../platform/http/errors.js';
import { nowIso } from '../../platform/db/database.js';
import { UserStore } from './store.js';
import { presentUser } from './presenter.js';
import { SignInService, type Origin, type SignInResult } from './sign-in-service.js';
import { TotpService } from './totp-service.js';
import { passwordRefusal } from './password-refusal.js';

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

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface UserServiceOptions {
  sessionTtlS: number;
  /** roles that must sign in with a second factor (RAILJOINT_MFA_ROLES) */
  mfaRoles: readonly Role[];
  /** replaces the wait before each refused sign-in (tests) */
  loginDelay?: (ms: number) => Promise<void>;
}

export class UserService {
  readonly store: UserStore;
  readonly signIn: SignInService;
  readonly totp: TotpService;

  constructor(
    private readonly db: Kysely<Database>,
    opts: UserServiceOptions,
    private readonly agencyExists: (id: string) => Promise<boolean>,
  ) {
    this.store = new UserStore(db);
    this.signIn = new SignInService(db, this.store, { sessionTtlS: opts.sessionTtlS, mfaRoles: opts.mfaRoles, delay: opts.loginDelay ?? sleep });
    this.totp = new TotpService(db, this.store);
  }

  /** Signs in from inside the process (benchmarks, tools): counted as the local address. */
  login(username: string, password: string, origin: Origin | null = null): Promise<SignInResult> {
    return this.signIn.login(username, password, origin ?? { ip: '127.0.0.1', client: 'in-process', cookies: {} });
  }

  async logout(token: string): Promise<void> {
    await this.store.deleteSession(hashToken(token));
  }

  actorForToken(token: string): Promise<Actor | null> {
    return this.signIn.actorForToken(token);
  }

  /** The signed-in user with their second-factor state. */
  async me(actor: Actor): Promise<Me> {
    const user = await this.get(actor.userId);
    return { ...user, secondFactor: this.signIn.secondFactorState(user.roles, await this.totp.enrolled(actor.userId)) };
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
      throw unprocessable('unknown_agency', said(`单位 ${input.agencyId} 不存在`, `agency ${input.agencyId} does not exist`), { fields: [fieldError('body.agencyId', '单位不存在', 'unknown agency')] });
    }
    const username = input.username.toLowerCase();
    if (await this.store.byUsername(username)) throw conflict('username_taken', said(`用户名 ${username} 已被占用`, `username ${username} is taken`));
    const refusal = passwordRefusal('body.password', input.password, { username, displayName: input.displayName });
    if (refusal) throw refusal;
    const passwordHash = await hashPassword(input.password);
    const id = await this.db.transaction().execute((trx) => this.insertUser(trx, actor, { ...input, username }, passwordHash, nowIso()));
    return this.get(id);
  }

  async update(actor: Actor, id: string, patch: UserPatch): Promise<User> {
    const row = await this.store.byId(id);
    if (!row) throw notFound('user');
    if (patch.agencyId && !(await this.agencyExists(patch.agencyId))) {
      throw unprocessable('unknown_agency', said(`单位 ${patch.agencyId} 不存在`, `agency ${patch.agencyId} does not exist`), { fields: [fieldError('body.agencyId', '单位不存在', 'unknown agency')] });
    }
    if (actor.userId === id && (patch.disabled === true || (patch.roles && !patch.roles.includes('admin') && actor.roles.includes('admin')))) {
      throw conflict('self_lockout', said('不能停用自己的账号，也不能撤销自己的管理员角色', 'you cannot disable yourself or remove your own admin role'));
    }
    if (patch.password) {
      const refusal = passwordRefusal('body.password', patch.password, { username: row.username, displayName: patch.displayName ?? row.display_name });
      if (refusal) throw refusal;
    }
    const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
    await this.db.transaction().execute(async (trx) => {
      await this.store.update(trx, id, {
        display_name: patch.displayName,
        agency_id: patch.agencyId,
        roles: patch.roles ? JSON.stringify([...new Set(patch.roles)]) : undefined,
        password_hash: passwordHash,
        disabled: patch.disabled === undefined ? undefined : patch.disabled ? 1 : 0,
        updated_at: nowIso(),
      });
      // A new password or a disabled account ends every open session of that user.
      if (passwordHash || patch.disabled) await this.store.deleteSessionsOf(trx, id);
      const { password: _secret, ...shown } = patch;
      await recordChange(trx, actor, 'user', id, 'update', { ...shown, passwordChanged: Boolean(passwordHash) });
    });
    if (passwordHash) await this.signIn.forgetAccountThrottle(row.username);
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
  async ensureAdmin(actor: Actor, agencyId: string, password: string | null): Promise<{ created: boolean; generatedPassword: string | null; weak?: string | null }> {
    if (await this.store.byUsername('admin')) return { created: false, generatedPassword: null };
    const generated = password ? null : crypto.randomBytes(12).toString('base64url');
    const chosen = password ?? generated!;
    // The operator's RAILJOINT_ADMIN_PASSWORD is checked for length by the configuration only: a
    // start must not fail on it. The rules apply to every password set from then on.
    if (!(await this.agencyExists(agencyId))) throw new Error(`agency ${agencyId} does not exist`);
    const passwordHash = await hashPassword(chosen);
    await this.db.transaction().execute((trx) => this.insertUser(trx, actor, { username: 'admin', displayName: '系统管理员', agencyId, roles: ['admin'] }, passwordHash, nowIso()));
    return { created: true, generatedPassword: generated, weak: checkPassword(chosen, { username: 'admin' })?.message ?? null };
  }
}
