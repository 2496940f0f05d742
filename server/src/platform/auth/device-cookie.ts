import crypto from 'node:crypto';

/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser that
 * completed a sign-in to an account holds a signed cookie naming that account, and its attempts on
 * that account are throttled on their own instead of with everyone else's. The value is
 * `nonce.issuedAt.signature`; the signature (HMAC-SHA256 with a key kept in the database, so every
 * instance checks the same) covers the account name, so a cookie for one account is worth nothing
 * on another. The nonce names the device in the throttle.
 */
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 86_400;
export const DEVICE_COOKIE_PATH = '/api/auth';

/** One cookie per account, so a shared duty desk keeps one for each dispatcher who uses it. */
export function deviceCookieName(username: string): string {
  return `rj_device_${crypto.createHash('sha256').update(username).digest('hex').slice(0, 16)}`;
}

function signature(key: Buffer, username: string, nonce: string, issuedAtS: number): string {
  return crypto.createHmac('sha256', key).update(`${username}\n${nonce}\n${issuedAtS}`).digest('base64url');
}

export function issueDeviceCookie(key: Buffer, username: string, now: Date): string {
  const nonce = crypto.randomBytes(16).toString('base64url');
  const issuedAtS = Math.floor(now.getTime() / 1000);
  return `${nonce}.${issuedAtS}.${signature(key, username, nonce, issuedAtS)}`;
}

/** The device id of a valid, unexpired cookie for this account; null for anything else. */
export function verifyDeviceCookie(key: Buffer, username: string, value: string | undefined, now: Date): string | null {
  if (!value || value.length > 200) return null;
  const m = /^([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!m) return null;
  const [, nonce, issued, sig] = m as unknown as [string, string, string, string];
  const issuedAtS = Number(issued);
  const ageS = now.getTime() / 1000 - issuedAtS;
  if (ageS < -300 || ageS > DEVICE_COOKIE_MAX_AGE_S) return null;
  const expected = Buffer.from(signature(key, username, nonce, issuedAtS));
  const given = Buffer.from(sig);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? nonce : null;
}
