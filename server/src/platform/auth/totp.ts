import crypto from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s, as every authenticator app reads it) and recovery codes.
 *
 * Codes are checked against the machine's time, never the platform clock: the phone that shows
 * the code keeps real time, while the platform clock may be replaying a timetable shift at another
 * hour (RAILJOINT_CLOCK_START).
 */
export const TOTP_ISSUER = 'RailJoint';
/** One step either side: a code typed just as it changes, or a phone a little off, still works. */
const TOLERANCE_S = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function otpauthUri(secret: string, username: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret });
}

/** The enrolment QR code, drawn on the server so the secret never goes to a third-party renderer. */
export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** For tests and the CLI: the code an authenticator shows at `epochS`. */
export function totpCode(secret: string, epochS = Math.floor(Date.now() / 1000)): Promise<string> {
  return generate({ secret, epoch: epochS });
}

/**
 * The time step of a valid code later than `lastStep`, or null. A code is never accepted twice:
 * the caller stores the step it returns.
 */
export async function verifyTotp(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = await verify({ secret, token: code, epochTolerance: TOLERANCE_S, ...(lastStep !== null ? { afterTimeStep: lastStep } : {}) });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    // otplib refuses an afterTimeStep ahead of the current window (the machine's clock went back)
    return null;
  }
}

// Crockford's base32: no I, L, O or U to misread from paper
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes of 16 characters (80 random bits), shown once as xxxx-xxxx-xxxx-xxxx. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = crypto.randomBytes(16);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b & 31]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** What a person types back: any case, with or without dashes and spaces, O for 0 and I/L for 1. */
export function normaliseRecoveryCode(input: string): string {
  return input
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
}

/** 80 random bits need no slow hash: SHA-256 is as good as scrypt against a dump here. */
export function hashRecoveryCode(code: string): string {
  return crypto.createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}
