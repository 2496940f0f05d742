import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openKeyring, readKeyring, rotateKeyring, type Keyring } from './keyring.js';
import { PersonalData, SealError } from './personal-data.js';

const ring = (): Keyring => ({ current: 'k1', keys: { k1: crypto.randomBytes(32) }, index: crypto.randomBytes(32) });

describe('personal data sealed with SM4', () => {
  it('opens what it sealed, for any text, and never seals the same text the same way twice', () => {
    const pd = new PersonalData(ring());
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const a = pd.seal(text);
        return pd.open(a) === text && a !== pd.seal(text) && !(text.length > 6 && a.includes(text));
      }),
    );
  });

  it('refuses a value that was changed, moved to another key, or sealed under a key it does not hold', () => {
    const pd = new PersonalData(ring());
    const sealed = pd.seal('13800138000');
    const parts = sealed.split('$');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => pd.open([...parts.slice(0, 3), flipped.toString('base64url'), parts[4]].join('$'))).toThrow(SealError);
    expect(() => pd.open(sealed.replace('$k1$', '$k9$'))).toThrow(SealError);
    expect(() => new PersonalData(ring()).open(sealed)).toThrow(SealError);
    expect(pd.read('plain, written before sealing began')).toBe('plain, written before sealing began');
  });

  it('finds equal phone numbers by a keyed hash, however they are written, and only under its key', () => {
    const r = ring();
    const pd = new PersonalData(r);
    expect(pd.index('phone', '+86 138-0013-8000')).toBe(pd.index('phone', '13800138000'));
    expect(pd.index('phone', '13800138000')).not.toBe(pd.index('phone', '13800138001'));
    expect(new PersonalData({ ...r, index: crypto.randomBytes(32) }).index('phone', '13800138000')).not.toBe(pd.index('phone', '13800138000'));
  });

  it('keeps opening old values after a rotation while sealing new ones with the new key', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-keys-'));
    const file = path.join(dir, 'railjoint.keys');
    const first = openKeyring(file);
    expect(first.created).toBe(true);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(openKeyring(file).created).toBe(false);
    const old = new PersonalData(first.ring).seal('张三');
    const rotated = new PersonalData(rotateKeyring(file));
    expect(rotated.currentKey).toBe('k2');
    expect(rotated.open(old)).toBe('张三');
    expect(PersonalData.keyOf(rotated.seal('李四'))).toBe('k2');
    expect(readKeyring(file).index.equals(first.ring.index)).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
