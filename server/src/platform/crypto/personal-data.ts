import crypto from 'node:crypto';
import type { Keyring } from './keyring.js';

/**
 * Personal data (phone numbers, identity numbers, a caller's name) sealed at rest with SM4 (GB/T
 * 32907), the national block cipher, as MLPS 2.0 level 3 asks for important data. Node's OpenSSL
 * has SM4 but not SM4-GCM, so each value is SM4-CTR with a fresh IV, then authenticated with
 * HMAC-SM3 over the key id, IV and ciphertext (encrypt-then-MAC): a value changed or moved between
 * rows does not open. Sealed values read `sm4$<key>$<iv>$<ciphertext>$<mac>` (base64url).
 */
const PREFIX = 'sm4$';

export class SealError extends Error {}

interface KeyPair {
  enc: Buffer;
  mac: Buffer;
}

function derive(secret: Buffer): KeyPair {
  const h = (label: string) => crypto.createHmac('sm3', secret).update(label).digest();
  return { enc: h('railjoint personal data: sm4-ctr').subarray(0, 16), mac: h('railjoint personal data: hmac-sm3') };
}

export class PersonalData {
  private readonly pairs = new Map<string, KeyPair>();
  private ring: Keyring;
  private checkedAt = 0;

  /**
   * `source` (optional) reads the ring again: a running instance then follows a rotation by
   * itself — it looks at most every few seconds, and at once when it meets a key it does not hold.
   */
  constructor(
    ring: Keyring,
    private readonly source?: { changed(): boolean; read(): Keyring },
  ) {
    this.ring = ring;
    this.load(ring);
  }

  private load(ring: Keyring): void {
    this.ring = ring;
    this.pairs.clear();
    for (const [id, secret] of Object.entries(ring.keys)) this.pairs.set(id, derive(secret));
  }

  private refresh(force: boolean): void {
    if (!this.source) return;
    const now = Date.now();
    if (!force && now - this.checkedAt < 5000) return;
    this.checkedAt = now;
    if (force || this.source.changed()) this.load(this.source.read());
  }

  get currentKey(): string {
    return this.ring.current;
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  /** The key a sealed value was sealed with, or null for plain text. */
  static keyOf(value: string): string | null {
    return PersonalData.isSealed(value) ? (value.split('$')[1] ?? null) : null;
  }

  seal(plain: string): string {
    this.refresh(false);
    const id = this.ring.current;
    const pair = this.pairs.get(id)!;
    const iv = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv('sm4-ctr', pair.enc, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const mac = this.mac(pair, id, iv, ct);
    return `${PREFIX}${id}$${iv.toString('base64url')}$${ct.toString('base64url')}$${mac.toString('base64url')}`;
  }

  open(sealed: string): string {
    if (!PersonalData.isSealed(sealed)) throw new SealError('not a sealed value');
    const [, id, ivText, ctText, macText] = sealed.split('$');
    if (id && !this.pairs.has(id)) this.refresh(true);
    const pair = id ? this.pairs.get(id) : undefined;
    if (!pair || ivText === undefined || ctText === undefined || macText === undefined) throw new SealError(`sealed with a key this ring does not hold (${id ?? '?'})`);
    const iv = Buffer.from(ivText, 'base64url');
    const ct = Buffer.from(ctText, 'base64url');
    const expected = this.mac(pair, id!, iv, ct);
    const given = Buffer.from(macText, 'base64url');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw new SealError('a sealed value failed its integrity check');
    const decipher = crypto.createDecipheriv('sm4-ctr', pair.enc, iv);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  }

  /** Values written before sealing began read as they are; sealed ones are opened. */
  read(value: string): string {
    return PersonalData.isSealed(value) ? this.open(value) : value;
  }

  /**
   * A keyed hash that finds a value without revealing it (HMAC-SM3 under the index key): equal
   * numbers give equal keys, whoever holds only the database learns nothing from them.
   */
  index(kind: string, value: string): string {
    const normal = kind === 'phone' ? value.replace(/[\s\-()+]/g, '').replace(/^86(?=1\d{10}$)/, '') : value.trim().toLowerCase();
    return crypto.createHmac('sm3', this.ring.index).update(`${kind}:${normal}`).digest('hex');
  }

  private mac(pair: KeyPair, id: string, iv: Buffer, ct: Buffer): Buffer {
    return crypto.createHmac('sm3', pair.mac).update(id).update(iv).update(ct).digest();
  }
}
