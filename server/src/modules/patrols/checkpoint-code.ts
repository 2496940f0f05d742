import crypto from 'node:crypto';

/**
 * The code printed at a checkpoint. The QR code carries `RJCP1.<checkpoint id>.<version>.<mac>`,
 * the MAC an HMAC-SHA256 (truncated to 128 bits) over the checkpoint's id and version under the
 * platform's checkpoint key: nobody without the key can make one, and one made for a checkpoint
 * says so, so it cannot be used at another. Under the QR code is a short code to type when the
 * camera fails: 10 characters of the same kind of MAC (50 bits), enough because every attempt is
 * also judged by where the phone is and is kept. Raising the version (a code was copied or lost)
 * makes every earlier print worthless.
 *
 * A printed code cannot carry freshness; that a scan is not replayed is judged from the visit
 * (verify-check-in.ts), and that it was scanned on the spot from the position.
 */
const PREFIX = 'RJCP1';
// Crockford's base32: no I, L, O or U to misread from a weathered label
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TYPED_LENGTH = 10;

function mac(key: Buffer, purpose: 'qr' | 'typed', checkpointId: string, version: number): Buffer {
  return crypto.createHmac('sha256', key).update(`${PREFIX}\n${purpose}\n${checkpointId}\n${version}`).digest();
}

function base32(bytes: Buffer, length: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length >= length) break;
  }
  return out;
}

export function checkpointToken(key: Buffer, checkpointId: string, version: number): string {
  return `${PREFIX}.${checkpointId}.${version}.${mac(key, 'qr', checkpointId, version).subarray(0, 16).toString('base64url')}`;
}

/** The short code, shown as XXXXX-XXXXX. */
export function typedCode(key: Buffer, checkpointId: string, version: number): string {
  const code = base32(mac(key, 'typed', checkpointId, version), TYPED_LENGTH);
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What a typed code is once a person's slips are forgiven: case, dashes, spaces, O for 0, I and L for 1. */
export function normaliseTyped(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export type CodeCheck =
  | { ok: true; version: number }
  | { ok: false; why: 'malformed' | 'forged' | 'other_checkpoint' | 'revoked'; checkpointId?: string; version?: number };

const equal = (a: Buffer, b: Buffer) => a.length === b.length && crypto.timingSafeEqual(a, b);

/** Checks a scanned token against the checkpoint it is presented at. */
export function checkToken(key: Buffer, token: string, checkpointId: string, currentVersion: number): CodeCheck {
  const m = /^RJCP1\.([A-Za-z0-9_.:-]{1,64})\.(\d{1,6})\.([A-Za-z0-9_-]{22})$/.exec(token.trim());
  if (!m) return { ok: false, why: 'malformed' };
  const [, id, v, sig] = m as unknown as [string, string, string, string];
  const version = Number(v);
  // compared as text: base64url ignores a last character's spare bits, and two spellings of one MAC must not both pass
  if (!equal(Buffer.from(sig), Buffer.from(mac(key, 'qr', id, version).subarray(0, 16).toString('base64url')))) return { ok: false, why: 'forged' };
  if (id !== checkpointId) return { ok: false, why: 'other_checkpoint', checkpointId: id, version };
  if (version !== currentVersion) return { ok: false, why: 'revoked', version };
  return { ok: true, version };
}

/**
 * Checks a typed code. It names no checkpoint, so one typed at the wrong checkpoint reads as a
 * wrong code; a code of an earlier version is told apart so the member knows the label is stale.
 */
export function checkTyped(key: Buffer, code: string, checkpointId: string, currentVersion: number): CodeCheck {
  const given = normaliseTyped(code);
  if (!/^[0-9A-Z]{10}$/.test(given)) return { ok: false, why: 'malformed' };
  const expected = (v: number) => Buffer.from(normaliseTyped(typedCode(key, checkpointId, v)));
  if (equal(Buffer.from(given), expected(currentVersion))) return { ok: true, version: currentVersion };
  for (let v = currentVersion - 1; v >= Math.max(1, currentVersion - 5); v--) if (equal(Buffer.from(given), expected(v))) return { ok: false, why: 'revoked', version: v };
  return { ok: false, why: 'forged' };
}

/** NFC UIDs are written many ways (04:A2:1B…, 04a21b…); compared as bare upper-case hex. */
export function normaliseTag(uid: string): string {
  return uid.replace(/[:\s-]/g, '').toUpperCase();
}
