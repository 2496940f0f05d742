import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEVICE_COOKIE_MAX_AGE_S, deviceCookieName, issueDeviceCookie, verifyDeviceCookie } from './device-cookie.js';

describe('device cookies', () => {
  const key = crypto.randomBytes(32);
  const now = new Date('2026-12-01T08:00:00Z');

  it('are valid for the account they were issued for, by the key that signed them', () => {
    const cookie = issueDeviceCookie(key, 'lz.dispatcher1', now);
    const id = verifyDeviceCookie(key, 'lz.dispatcher1', cookie, now);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(cookie.startsWith(`${id}.`)).toBe(true);
    expect(verifyDeviceCookie(key, 'lz.dispatcher2', cookie, now)).toBeNull();
    expect(verifyDeviceCookie(crypto.randomBytes(32), 'lz.dispatcher1', cookie, now)).toBeNull();
  });

  it('refuse tampered, malformed and expired values', () => {
    const cookie = issueDeviceCookie(key, 'a', now);
    const [nonce, issued, sig] = cookie.split('.') as [string, string, string];
    expect(verifyDeviceCookie(key, 'a', `${nonce}.${Number(issued) + 1}.${sig}`, now)).toBeNull();
    expect(verifyDeviceCookie(key, 'a', `${nonce}.${issued}`, now)).toBeNull();
    expect(verifyDeviceCookie(key, 'a', undefined, now)).toBeNull();
    expect(verifyDeviceCookie(key, 'a', cookie, new Date(now.getTime() + (DEVICE_COOKIE_MAX_AGE_S + 1) * 1000))).toBeNull();
  });

  it('are named per account, without the name in clear', () => {
    expect(deviceCookieName('a')).not.toBe(deviceCookieName('b'));
    expect(deviceCookieName('lz.commander')).toMatch(/^rj_device_[0-9a-f]{16}$/);
  });
});
