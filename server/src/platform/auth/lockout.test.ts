import { describe, expect, it } from 'vitest';
import { failureDelayMs, isLocked, lockedUntilAfterFailure, LOCK_AFTER_FAILURES } from './lockout.js';
import { hashPassword, verifyPassword } from './password.js';

describe('sign-in throttling', () => {
  it('slows down with each failure, capped at 3 s', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(failureDelayMs)).toEqual([0, 250, 500, 1000, 2000, 3000, 3000]);
  });
  it('locks after the fifth failure for 15 minutes', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(lockedUntilAfterFailure(LOCK_AFTER_FAILURES - 1, now)).toBeNull();
    const until = lockedUntilAfterFailure(LOCK_AFTER_FAILURES, now)!;
    expect(until.toISOString()).toBe('2026-01-01T00:15:00.000Z');
    expect(isLocked(until.toISOString(), new Date('2026-01-01T00:14:59Z'))).toBe(true);
    expect(isLocked(until.toISOString(), new Date('2026-01-01T00:15:01Z'))).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
});

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});
