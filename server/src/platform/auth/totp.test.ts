import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, otpauthUri, qrSvg, totpCode, verifyTotp } from './totp.js';

describe('TOTP', () => {
  it('accepts the current code once, and the next step after it, but not an old or replayed one', async () => {
    const secret = newTotpSecret();
    const now = Math.floor(Date.now() / 1000);
    const step = await verifyTotp(secret, await totpCode(secret, now), null);
    expect(step).toBe(Math.floor(now / 30));
    expect(await verifyTotp(secret, await totpCode(secret, now), step)).toBeNull();
    expect(await verifyTotp(secret, await totpCode(secret, now + 30), step)).toBe(step! + 1);
    expect(await verifyTotp(secret, await totpCode(secret, now - 600), null)).toBeNull();
    expect(await verifyTotp(secret, 'abcdef', null)).toBeNull();
  });

  it('gives an otpauth URI and an SVG QR code for authenticator apps', async () => {
    const secret = newTotpSecret();
    const uri = otpauthUri(secret, 'lz.commander');
    expect(uri).toMatch(/^otpauth:\/\/totp\/RailJoint:lz\.commander\?/);
    expect(uri).toContain(`secret=${secret}`);
    const svg = await qrSvg(uri);
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});

describe('recovery codes', () => {
  it('are ten distinct 80-bit codes, matched however they are typed back', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
    const code = codes[0]!;
    expect(hashRecoveryCode(` ${code.toUpperCase().replace(/-/g, ' ')} `)).toBe(hashRecoveryCode(code));
    expect(normaliseRecoveryCode('O0-Il-1')).toBe('00111');
    expect(hashRecoveryCode(codes[1]!)).not.toBe(hashRecoveryCode(code));
  });
});
