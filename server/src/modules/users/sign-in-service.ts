import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { LoginSuccess, Role, SecondFactorChallenge } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { hashPassword, hashToken, newToken, verifyPassword } from '../../platform/auth/password.js';
import { ThrottleStore, type ChargedKey } from '../../platform/auth/throttle-store.js';
import { accountKey, addressKey, secondFactorKeys, signInKeys, type ThrottleKey } from '../../platform/auth/throttle.js';
import { deviceCookieName, issueDeviceCookie, verifyDeviceCookie } from '../../platform/auth/device-cookie.js';
import { hashRecoveryCode, verifyTotp } from '../../platform/auth/totp.js';
import { enrolmentDue, secondFactorRequired } from '../../platform/auth/mfa-policy.js';
import { appendAudit, type AuditActor } from '../../platform/audit/trail.js';
import { recordChange } from '../../platform/change-log.js';
import { HttpError, unprocessable, said, fieldError } from '../../platform/http/errors.js';
import { nowDate } from '../../platform/clock.js';
import { UserStore, type UserWithAgency } from './store.js';
import { SecondFactorStore } from './second-factor-store.js';
import { actorOf, presentUser } from './presenter.js';
import { passwordRefusal } from './password-refusal.js';

/** Where an attempt comes from: the address Fastify trusts (request.ip), the audit's client line, and its cookies. */
export interface Origin {
  ip: string;
  client: string;
  cookies: Record<string, string | undefined>;
}

export interface DeviceCookie {
  name: string;
  value: string;
}

export type SignInResult = (LoginSuccess & { deviceCookie: DeviceCookie }) | SecondFactorChallenge;

export interface SignInOptions {
  sessionTtlS: number;
  mfaRoles: readonly Role[];
  /** injectable so tests do not wait for the delay of each failure */
  delay: (ms: number) => Promise<void>;
}

// A fixed hash to verify against when the user does not exist, so timing does not reveal names.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
/** Every refused password or code waits this long before its answer, whoever's it was. */
export const FAILURE_DELAY_MS = 250;
const CHALLENGE_TTL_S = 300;
const CHALLENGE_MAX_ATTEMPTS = 5;
const DEVICE_KEY_SETTING = 'auth.device_cookie_key';

export function tooManyAttempts(retryAfterS: number): HttpError {
  return new HttpError(429, 'too_many_attempts', said(`失败次数过多，请 ${retryAfterS} 秒后再试`, `too many failed attempts; try again in ${retryAfterS} s`), { retryAfterS });
}

const invalidCredentials = () => new HttpError(401, 'invalid_credentials', said('用户名或密码错误', 'wrong username or password'));
const invalidCode = () => new HttpError(401, 'invalid_code', said('动态码或恢复码错误或已使用，或登录步骤已超时，请重新登录', 'wrong or used code or recovery code, or the sign-in step has expired: sign in again'));

/**
 * Signing in: password, then the second factor when the user has one, with throttling by address,
 * account and device cookie (platform/auth/throttle.ts), and every outcome on the audit trail.
 */
export class SignInService {
  private readonly throttle: ThrottleStore;
  private readonly factors: SecondFactorStore;
  private deviceKey: Buffer | null = null;
  private lastSweep = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly users: UserStore,
    private readonly opts: SignInOptions,
  ) {
    this.throttle = new ThrottleStore(db);
    this.factors = new SecondFactorStore(db);
  }

  async login(rawUsername: string, password: string, origin: Origin): Promise<SignInResult> {
    const now = nowDate();
    const username = rawUsername.trim().toLowerCase();
    const key = await this.deviceCookieKey();
    const deviceId = verifyDeviceCookie(key, username, origin.cookies[deviceCookieName(username)], now);
    const charge = await this.charge(signInKeys({ ip: origin.ip, username, deviceId }), now);

    const row = await this.users.byUsername(username);
    const ok = (await verifyPassword(password, row?.password_hash ?? DUMMY_HASH)) && row !== undefined && row.disabled === 0;
    if (!ok || !row) {
      await this.recordFailure(username, charge, { step: 'password', device: deviceId !== null });
      await this.opts.delay(FAILURE_DELAY_MS);
      throw invalidCredentials();
    }
    await this.throttle.settleSuccess(charge, now);
    this.sweep(now);

    const totp = await this.factors.totpOf(row.id);
    if (totp?.confirmed_at) {
      const challenge = crypto.randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_S * 1000).toISOString();
      await this.factors.createChallenge({ id_hash: hashToken(challenge), user_id: row.id, username, expires_at: expiresAt, attempts: 0, created_at: now.toISOString() });
      await this.audit(actorOf(row), username, 'password_accepted', 'ok', { next: 'second_factor' });
      return { mfaRequired: true, challenge, expiresAt };
    }
    return this.startSession(row, false, now, origin, { factor: 'password' });
  }

  async secondFactor(challenge: string, answer: { code?: string; recoveryCode?: string }, origin: Origin): Promise<SignInResult> {
    const now = nowDate();
    const idHash = hashToken(challenge);
    const ch = await this.factors.challenge(idHash, now.toISOString());
    const deviceId = ch ? verifyDeviceCookie(await this.deviceCookieKey(), ch.username, origin.cookies[deviceCookieName(ch.username)], now) : null;
    const charge = await this.charge(ch ? secondFactorKeys({ ip: origin.ip, userId: ch.user_id, deviceId }) : [addressKey(origin.ip)], now);
    const method = answer.code !== undefined ? 'totp' : 'recovery_code';
    const row = ch ? await this.users.byId(ch.user_id) : undefined;
    const totp = ch ? await this.factors.totpOf(ch.user_id) : undefined;
    const step = row && totp?.confirmed_at && answer.code !== undefined ? await verifyTotp(totp.secret, answer.code, totp.last_step) : null;

    let recoveryCodesLeft: number | null = null;
    const accepted =
      ch && row && row.disabled === 0 && totp?.confirmed_at
        ? await this.db
            .transaction()
            .execute(async (trx) => {
              const used = answer.code !== undefined ? step !== null && (await this.factors.useStep(trx, row.id, step)) : await this.factors.useRecoveryCode(trx, row.id, hashRecoveryCode(answer.recoveryCode ?? ''), now.toISOString());
              // both must hold, or nothing is spent: a used recovery code stays unused if the challenge was taken meanwhile
              if (!used || !(await this.factors.takeChallenge(trx, idHash))) throw new Rejected();
              if (method === 'recovery_code') {
                recoveryCodesLeft = await this.factors.unusedRecoveryCodes(trx, row.id);
                await appendAudit(trx, auditActor(actorOf(row)), { kind: 'write', entity: 'second_factor', entityId: row.id, action: 'recovery_code_used', detail: { remaining: recoveryCodesLeft } });
              }
              return true;
            })
            .catch((e: unknown) => {
              if (e instanceof Rejected) return false;
              throw e;
            })
        : false;
    if (!accepted || !ch || !row) {
      if (ch) await this.factors.failChallenge(idHash, CHALLENGE_MAX_ATTEMPTS);
      await this.recordFailure(ch?.username ?? null, charge, { step: 'second_factor', method, device: deviceId !== null });
      await this.opts.delay(FAILURE_DELAY_MS);
      throw invalidCode();
    }
    await this.throttle.settleSuccess(charge, now);
    return this.startSession(row, true, now, origin, { factor: method, ...(recoveryCodesLeft !== null ? { recoveryCodesLeft } : {}) });
  }

  /** Self-service: the current password again, a new one that passes the rules; the user's other sessions end. */
  async changePassword(actor: Actor, sessionToken: string | null, currentPassword: string, newPassword: string): Promise<void> {
    const now = nowDate();
    const row = await this.users.byId(actor.userId);
    if (!row) throw invalidCredentials();
    const charge = await this.charge([{ scope: 'account', key: `password-change:${row.id}` }], now);
    if (!(await verifyPassword(currentPassword, row.password_hash))) {
      await this.db.transaction().execute((trx) => appendAudit(trx, auditActor(actor), { kind: 'write', entity: 'user', entityId: row.id, action: 'password_change', result: 'denied', detail: { reason: 'wrong current password' } }));
      await this.opts.delay(FAILURE_DELAY_MS);
      throw unprocessable('wrong_password', said('当前密码不正确', 'the current password is not right'), { fields: [{ ...fieldError('body.currentPassword', '不是当前密码', 'not the current password'), reason: 'wrong' }] });
    }
    const refusal = passwordRefusal('body.newPassword', newPassword, { username: row.username, displayName: row.display_name });
    if (refusal) {
      // the right current password: this was no guess, so it does not count against the user
      await this.throttle.settleSuccess(charge, now);
      throw refusal;
    }
    const hash = await hashPassword(newPassword);
    await this.db.transaction().execute(async (trx) => {
      await this.users.update(trx, row.id, { password_hash: hash, updated_at: now.toISOString() });
      await this.users.deleteSessionsOf(trx, row.id, sessionToken ? hashToken(sessionToken) : undefined);
      await recordChange(trx, actor, 'user', row.id, 'password_change', { otherSessionsEnded: true });
    });
    await this.throttle.settleSuccess(charge, now);
  }

  /** An administrator set a new password: whatever an attacker ran up against the name is forgotten. */
  async forgetAccountThrottle(username: string): Promise<void> {
    await this.throttle.clear(accountKey(username).key);
  }

  /** The session's user, marked when they owe a second factor (auth/mfa-policy.ts). */
  async actorForToken(token: string): Promise<Actor | null> {
    const row = await this.users.sessionUser(hashToken(token), nowDate().toISOString());
    if (!row || row.disabled === 1) return null;
    const actor = actorOf(row);
    return enrolmentDue(actor.roles, row.totp_confirmed_at !== null, this.opts.mfaRoles) ? { ...actor, mfaEnrolmentDue: true } : actor;
  }

  secondFactorState(roles: readonly Role[], enrolled: boolean): { enrolled: boolean; required: boolean } {
    return { enrolled, required: secondFactorRequired(roles, this.opts.mfaRoles) };
  }

  private async startSession(row: UserWithAgency, viaSecondFactor: boolean, now: Date, origin: Origin, detail: Record<string, unknown>): Promise<SignInResult> {
    const { token, hash } = newToken();
    const expiresAt = new Date(now.getTime() + this.opts.sessionTtlS * 1000).toISOString();
    const user = presentUser(row);
    const secondFactor = this.secondFactorState(user.roles, viaSecondFactor);
    const actor = actorOf(row);
    await this.db.transaction().execute(async (trx) => {
      await this.users.createSession(trx, hash, row.id, now.toISOString(), expiresAt, origin.client);
      const due = enrolmentDue(user.roles, secondFactor.enrolled, this.opts.mfaRoles);
      await appendAudit(trx, auditActor(actor), { kind: 'write', entity: 'sign_in', entityId: row.username, action: 'signed_in', detail: { ...detail, ...(due ? { enrolmentDue: true } : {}) } });
    });
    const deviceCookie = { name: deviceCookieName(row.username), value: issueDeviceCookie(await this.deviceCookieKey(), row.username, now) };
    return { token, user, expiresAt, now: now.toISOString(), secondFactor, deviceCookie };
  }

  private async charge(keys: ThrottleKey[], now: Date): Promise<ChargedKey[]> {
    const charge = await this.throttle.charge(keys, now);
    if (charge.refused) throw tooManyAttempts(charge.retryAfterS);
    return charge.keys;
  }

  /**
   * One entry for the failure and one for each key whose wait this failure began. The refused
   * attempts during a wait are not written one by one: an attacker could otherwise fill the
   * trail with them at no cost.
   */
  private async recordFailure(username: string | null, charge: ChargedKey[], detail: Record<string, unknown>): Promise<void> {
    const entityId = username ?? '-';
    await this.db.transaction().execute(async (trx) => {
      await appendAudit(trx, null, { kind: 'write', entity: 'sign_in', entityId, action: 'failed', result: 'denied', detail });
      for (const k of charge) {
        if (!k.after.blockedUntil || k.before?.blockedUntil === k.after.blockedUntil) continue;
        const retryAfterS = Math.round((Date.parse(k.after.blockedUntil) - Date.parse(k.after.lastFailureAt)) / 1000);
        await appendAudit(trx, null, { kind: 'write', entity: 'sign_in', entityId, action: 'throttled', result: 'denied', detail: { scope: k.scope, failures: k.after.failures, retryAfterS } });
      }
    });
  }

  private async audit(actor: Actor, username: string, action: string, result: 'ok' | 'denied', detail: unknown): Promise<void> {
    await this.db.transaction().execute((trx) => appendAudit(trx, auditActor(actor), { kind: 'write', entity: 'sign_in', entityId: username, action, result, detail }));
  }

  /** The key that signs device cookies: made once, kept in the database so every instance shares it. */
  private async deviceCookieKey(): Promise<Buffer> {
    if (this.deviceKey) return this.deviceKey;
    await this.db
      .insertInto('settings')
      .values({ key: DEVICE_KEY_SETTING, value: crypto.randomBytes(32).toString('base64') })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', DEVICE_KEY_SETTING).executeTakeFirstOrThrow();
    this.deviceKey = Buffer.from(row.value, 'base64');
    return this.deviceKey;
  }

  /** Expired challenges and forgotten throttle keys go, at most once a minute, on the back of a sign-in. */
  private sweep(now: Date): void {
    if (now.getTime() - this.lastSweep < 60_000) return;
    this.lastSweep = now.getTime();
    void Promise.all([this.throttle.sweep(now), this.factors.sweep(now.toISOString())]).catch(() => {});
  }
}

class Rejected extends Error {}

export function auditActor(actor: Actor): AuditActor {
  return { userId: actor.userId, username: actor.username, agencyId: actor.agencyId, roles: actor.roles };
}
