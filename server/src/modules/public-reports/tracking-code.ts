import crypto from 'node:crypto';

/**
 * Tracking codes: `RJ-XXXX-XXXX-XXXX-XXXX`, 80 bits of Crockford base32 — unguessable, and with
 * lookups rate-limited a guess at random finds nothing in any lifetime. A report sent with the
 * phone's own id gets the code an HMAC of that id makes, so a retry (a lost answer, the offline
 * queue) is answered with the same code without the code ever being stored: only its hash is.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

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
  }
  return out;
}

const shape = (raw: string) => `RJ-${raw.match(/.{4}/g)!.join('-')}`;

export function newTrackingCode(): string {
  return shape(base32(crypto.randomBytes(10), 16));
}

export function trackingCodeFor(key: Buffer, clientId: string): string {
  return shape(base32(crypto.createHmac('sha256', key).update(`public-report\n${clientId.toLowerCase()}`).digest(), 16));
}

/** The report's id for a client id: stable, so the incident made for it is found again by its external reference. */
export function reportIdFor(key: Buffer, clientId: string): string {
  const h = crypto.createHmac('sha256', key).update(`public-report-id\n${clientId.toLowerCase()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What a person typed, forgiving case, spaces, dashes and the letters read as digits; null when it cannot be a code. */
export function normaliseCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const body = s.startsWith('RJ') ? s.slice(2) : s;
  return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(body) ? `RJ${body}` : null;
}

export function codeHash(normalised: string): string {
  return crypto.createHash('sha256').update(normalised).digest('hex');
}

export function clientHash(clientId: string): string {
  return crypto.createHash('sha256').update(`client\n${clientId.toLowerCase()}`).digest('hex');
}
