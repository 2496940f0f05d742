import type { Kysely } from 'kysely';
import type { TotpConfirmResponse, TotpSetupResponse } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { hashToken } from '../../platform/auth/password.js';
import { ThrottleStore } from '../../platform/auth/throttle-store.js';
import { secondFactorKey } from '../../platform/auth/throttle.js';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, otpauthUri, qrSvg, verifyTotp } from '../../platform/auth/totp.js';
import { appendAudit } from '../../platform/audit/trail.js';
import { conflict, notFound, unprocessable, said, fieldError } from '../../platform/http/errors.js';
import { nowDate, nowIso } from '../../platform/clock.js';
import { SecondFactorStore } from './second-factor-store.js';
import { UserStore } from './store.js';
import { auditActor, tooManyAttempts } from './sign-in-service.js';

const wrongCode = () => unprocessable('invalid_code', said('动态码错误或已使用', 'wrong or used code'), { fields: [{ ...fieldError('body.code', '动态码错误或已使用', 'wrong or used code'), reason: 'wrong' }] });

/**
 * Enrolling, confirming and removing a TOTP second factor. Neither the secret nor a code reaches
 * the audit trail: only that it happened.
 */
export class TotpService {
  private readonly factors: SecondFactorStore;
  private readonly throttle: ThrottleStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly users: UserStore,
  ) {
    this.factors = new SecondFactorStore(db);
    this.throttle = new ThrottleStore(db);
  }

  /** A new secret, waiting for its first code; asking again replaces it. */
  async setup(actor: Actor): Promise<TotpSetupResponse> {
    if ((await this.factors.totpOf(actor.userId))?.confirmed_at) throw conflict('mfa_already_enrolled', said('已设置两步验证；如需更换设备，请先移除现有设置', 'two-factor sign-in is already set up; remove it first to set up another device'));
    const secret = newTotpSecret();
    await this.db.transaction().execute(async (trx) => {
      await this.factors.putPendingSecret(trx, actor.userId, secret, nowIso());
      await appendAudit(trx, auditActor(actor), { kind: 'write', entity: 'second_factor', entityId: actor.userId, action: 'setup_started' });
    });
    const uri = otpauthUri(secret, actor.username);
    return { secret, otpauthUri: uri, qrSvg: await qrSvg(uri) };
  }

  /**
   * The first code proves the app holds the secret. The user's other sessions end: one of them
   * may have been opened with a stolen password during the enrolment window.
   */
  async confirm(actor: Actor, code: string, sessionToken: string | null): Promise<TotpConfirmResponse> {
    const totp = await this.factors.totpOf(actor.userId);
    if (!totp || totp.confirmed_at) throw conflict('mfa_not_pending', said('请先调用 POST /api/auth/totp/setup 开始设置', 'start with POST /api/auth/totp/setup'));
    const step = await verifyTotp(totp.secret, code, null);
    if (step === null) throw wrongCode();
    const codes = newRecoveryCodes();
    const now = nowIso();
    const done = await this.db.transaction().execute(async (trx) => {
      if (!(await this.factors.confirm(trx, actor.userId, step, now))) return false;
      await this.factors.replaceRecoveryCodes(trx, actor.userId, codes.map(hashRecoveryCode), now);
      await this.users.deleteSessionsOf(trx, actor.userId, sessionToken ? hashToken(sessionToken) : undefined);
      await appendAudit(trx, auditActor(actor), { kind: 'write', entity: 'second_factor', entityId: actor.userId, action: 'enrolled', detail: { recoveryCodes: codes.length } });
      return true;
    });
    if (!done) throw conflict('mfa_not_pending', said('请先调用 POST /api/auth/totp/setup 开始设置', 'start with POST /api/auth/totp/setup'));
    return { recoveryCodes: codes };
  }

  /** The user removes their own factor with a current code (throttled: a hijacked session must not guess its way there). */
  async remove(actor: Actor, code: string): Promise<void> {
    const now = nowDate();
    const totp = await this.factors.totpOf(actor.userId);
    if (!totp?.confirmed_at) throw conflict('mfa_not_enrolled', said('尚未设置两步验证', 'two-factor sign-in is not set up'));
    const charge = await this.throttle.charge([secondFactorKey(actor.userId)], now);
    if (charge.refused) throw tooManyAttempts(charge.retryAfterS);
    const step = await verifyTotp(totp.secret, code, totp.last_step);
    const removed =
      step !== null &&
      (await this.db.transaction().execute(async (trx) => {
        if (!(await this.factors.useStep(trx, actor.userId, step))) return false;
        await this.factors.removeFactor(trx, actor.userId);
        await appendAudit(trx, auditActor(actor), { kind: 'write', entity: 'second_factor', entityId: actor.userId, action: 'removed' });
        return true;
      }));
    if (!removed) {
      await this.db.transaction().execute((trx) => appendAudit(trx, auditActor(actor), { kind: 'write', entity: 'second_factor', entityId: actor.userId, action: 'remove', result: 'denied', detail: { reason: 'wrong code' } }));
      throw wrongCode();
    }
    await this.throttle.settleSuccess(charge.keys, now);
  }

  /** An administrator resets a lost factor: the user's sessions end, and they enrol again at their next sign-in. */
  async reset(admin: Actor, userId: string): Promise<void> {
    if (!(await this.users.byId(userId))) throw notFound('user');
    await this.db.transaction().execute(async (trx) => {
      const had = await this.factors.removeFactor(trx, userId);
      await this.users.deleteSessionsOf(trx, userId);
      await appendAudit(trx, auditActor(admin), { kind: 'write', entity: 'second_factor', entityId: userId, action: 'reset', detail: { hadFactor: had } });
    });
    await this.throttle.clear(secondFactorKey(userId).key);
  }

  async enrolled(userId: string): Promise<boolean> {
    return Boolean((await this.factors.totpOf(userId))?.confirmed_at);
  }
}
