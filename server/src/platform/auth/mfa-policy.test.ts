import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { enrolmentDue, mayUseRoute, secondFactorRequired } from './mfa-policy.js';

const actor = (over: Partial<Actor> = {}): Actor => ({ userId: 'u', username: 'u', displayName: 'u', agencyId: 'a', agencyType: null, roles: ['commander'], ...over });

describe('second-factor policy', () => {
  it('requires a factor of the configured roles only', () => {
    expect(secondFactorRequired(['dispatcher', 'commander'], ['admin', 'commander'])).toBe(true);
    expect(secondFactorRequired(['dispatcher'], ['admin', 'commander'])).toBe(false);
    expect(secondFactorRequired(['admin'], [])).toBe(false);
  });

  it('makes enrolment due while a required factor is missing', () => {
    expect(enrolmentDue(['auditor'], false, ['auditor'])).toBe(true);
    expect(enrolmentDue(['auditor'], true, ['auditor'])).toBe(false);
    expect(enrolmentDue(['officer'], false, ['auditor'])).toBe(false);
  });

  it('lets an enrolment session reach who-am-I, sign-out and enrolment, nothing else', () => {
    const due = actor({ mfaEnrolmentDue: true });
    for (const [m, u] of [['GET', '/api/auth/me'], ['POST', '/api/auth/logout'], ['POST', '/api/auth/totp/setup'], ['POST', '/api/auth/totp/confirm']]) expect(mayUseRoute(due, m!, u!), u).toBe(true);
    for (const [m, u] of [['GET', '/api/incidents'], ['DELETE', '/api/auth/totp'], ['POST', '/api/auth/password'], ['GET', '/api/live'], ['GET', '/api/users/:id']]) expect(mayUseRoute(due, m!, u!), u).toBe(false);
    expect(mayUseRoute(actor(), 'GET', '/api/incidents')).toBe(true);
  });
});
