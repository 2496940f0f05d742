import { describe, expect, it } from 'vitest';
import { addressBucket, afterFailure, currentFailures, FORGET_AFTER_S, signInKeys, throttleDelayS, waitS, type ThrottleState } from './throttle.js';

describe('sign-in throttling rules', () => {
  it('lets typing mistakes through, then doubles the wait up to a cap', () => {
    expect([1, 5, 6, 7, 8, 9, 10, 11, 50].map((n) => throttleDelayS('account', n))).toEqual([0, 0, 30, 60, 120, 240, 480, 900, 900]);
    expect([10, 11, 12].map((n) => throttleDelayS('address', n))).toEqual([0, 30, 60]);
  });

  it('blocks a key from its first delayed failure, and hears it again when the wait is over', () => {
    const t0 = new Date('2026-12-01T00:00:00Z');
    let state: ThrottleState | undefined;
    for (let i = 0; i < 5; i++) state = afterFailure('account', state, t0);
    expect(state).toMatchObject({ failures: 5, blockedUntil: null });
    expect(waitS(state, t0)).toBe(0);
    state = afterFailure('account', state, t0);
    expect(state.blockedUntil).toBe('2026-12-01T00:00:30.000Z');
    expect(waitS(state, t0)).toBe(30);
    expect(waitS(state, new Date('2026-12-01T00:00:29.500Z'))).toBe(1);
    expect(waitS(state, new Date('2026-12-01T00:00:30.000Z'))).toBe(0);
  });

  it('forgets failures after a quiet hour', () => {
    const state: ThrottleState = { failures: 9, blockedUntil: null, lastFailureAt: '2026-12-01T00:00:00.000Z' };
    expect(currentFailures(state, new Date(Date.parse(state.lastFailureAt) + FORGET_AFTER_S * 1000))).toBe(9);
    expect(currentFailures(state, new Date(Date.parse(state.lastFailureAt) + FORGET_AFTER_S * 1000 + 1))).toBe(0);
    expect(afterFailure('account', state, new Date('2026-12-01T02:00:00Z')).failures).toBe(1);
  });

  it('counts an attempt with a device cookie under the cookie alone', () => {
    expect(signInKeys({ ip: '10.1.1.1', username: 'lz.dispatcher1', deviceId: 'abc' }).map((k) => k.key)).toEqual(['device:abc']);
    expect(signInKeys({ ip: '10.1.1.1', username: 'nobody', deviceId: null }).map((k) => k.key)).toEqual(['address:10.1.1.1', 'account:nobody']);
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped one by its IPv4 address', () => {
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressBucket('192.0.2.7')).toBe('192.0.2.7');
  });
});
