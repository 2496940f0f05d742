import type { Role } from '@railjoint/contracts';
import type { Actor } from './actor.js';
import { HttpError, said } from '../http/errors.js';

/**
 * Second-factor policy, in one place. A user with one of the configured roles
 * (RAILJOINT_MFA_ROLES) must have a confirmed TOTP factor. Until they do, every session they
 * hold is an enrolment session: it may read who it is, sign out and enrol, and nothing else. The
 * state is derived from the roles and the factor on every request rather than stored per session,
 * so a role given later, a factor reset by an administrator or a change of configuration takes
 * effect at once.
 */
export function secondFactorRequired(roles: readonly Role[], mfaRoles: readonly Role[]): boolean {
  return roles.some((r) => mfaRoles.includes(r));
}

/** Whether sessions of this user are enrolment sessions. */
export function enrolmentDue(roles: readonly Role[], enrolled: boolean, mfaRoles: readonly Role[]): boolean {
  return !enrolled && secondFactorRequired(roles, mfaRoles);
}

/** The routes an enrolment session may use, as `METHOD /url` of the route declarations. */
export const ENROLMENT_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/auth/me',
  'POST /api/auth/logout',
  'POST /api/auth/totp/setup',
  'POST /api/auth/totp/confirm',
]);

export function enrolmentSessionMayUse(method: string, url: string): boolean {
  return ENROLMENT_ROUTES.has(`${method} ${url}`);
}

/** The refusal an enrolment session gets everywhere else. */
export function enrolmentRequired(): HttpError {
  return new HttpError(403, 'mfa_enrolment_required', said('请先设置两步验证：POST /api/auth/totp/setup，然后 /api/auth/totp/confirm', 'set up two-factor sign-in first: POST /api/auth/totp/setup, then /api/auth/totp/confirm'));
}

/** Whether the actor's session may go on to a route (public routes do not ask). */
export function mayUseRoute(actor: Actor, method: string, url: string): boolean {
  return !actor.mfaEnrolmentDue || enrolmentSessionMayUse(method, url);
}
