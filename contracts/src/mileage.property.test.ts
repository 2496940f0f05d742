import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMileage, MileageError, parseMileage, tryParseMileage } from './mileage.js';

const prefix = fc.stringMatching(/^[A-Z]{1,2}$/);
/** Whole millimetres, as far as a mileage can be written (five digits of kilometres). */
const millimetres = fc.integer({ min: 0, max: 99_999_999_999 });
/** Metres as positions come out of geometry: any non-negative real below the largest writable mileage. */
const metres = fc.double({ min: 0, max: 99_999_999, noNaN: true });

describe('mileage, by property', () => {
  it('reads back what it writes, to the millimetre', () => {
    fc.assert(
      fc.property(millimetres, prefix, (mm, p) => {
        const text = formatMileage(mm / 1000, p, 3);
        expect(parseMileage(text)).toEqual({ prefix: p, metres: mm / 1000 });
      }),
    );
  });

  it('writes back what it reads, for every way people write the same post', () => {
    const written = fc.record({
      prefix,
      km: fc.integer({ min: 0, max: 99_999 }),
      m: fc.integer({ min: 0, max: 999 }),
      mm: fc.integer({ min: 0, max: 999 }),
      lower: fc.boolean(),
      fullWidthPlus: fc.boolean(),
      pad: fc.constantFrom('', ' ', '  '),
      leadingZeros: fc.integer({ min: 0, max: 5 - 1 }),
    });
    fc.assert(
      fc.property(written, (w) => {
        const canonical = `${w.prefix}${w.km}+${String(w.m).padStart(3, '0')}.${String(w.mm).padStart(3, '0')}`;
        const kmDigits = String(w.km).padStart(Math.min(5, String(w.km).length + w.leadingZeros), '0');
        const messy = `${w.pad}${w.lower ? w.prefix.toLowerCase() : w.prefix}${kmDigits}${w.fullWidthPlus ? '＋' : '+'}${String(w.m).padStart(3, '0')}.${String(w.mm).padStart(3, '0')}${w.pad}`;
        const parsed = parseMileage(messy);
        expect(parsed).toEqual(parseMileage(canonical));
        expect(formatMileage(parsed.metres, parsed.prefix, 3)).toBe(canonical);
      }),
    );
  });

  it('keeps the order of positions when rounding them for people', () => {
    fc.assert(
      fc.property(metres, metres, fc.integer({ min: 0, max: 3 }), (a, b, decimals) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(parseMileage(formatMileage(lo, 'K', decimals)).metres).toBeLessThanOrEqual(parseMileage(formatMileage(hi, 'K', decimals)).metres);
      }),
    );
  });

  it('rounds to the nearest unit it shows and always writes a readable mileage (metres below 1000)', () => {
    fc.assert(
      fc.property(metres, prefix, fc.integer({ min: 0, max: 3 }), (m, p, decimals) => {
        const text = formatMileage(m, p, decimals);
        expect(text).toMatch(new RegExp(`^${p}\\d{1,5}\\+\\d{3}${decimals ? `\\.\\d{${decimals}}` : ''}$`));
        expect(Math.abs(parseMileage(text).metres - m)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-6);
      }),
    );
  });

  it('refuses anything else with a MileageError, never another failure', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[A-Za-z]{0,3}\d{0,7}[+＋-]?\d{0,5}(\.\d{0,5})?$/));
    fc.assert(
      fc.property(text, (t) => {
        const parsed = tryParseMileage(t);
        if (parsed) {
          expect(parsed.metres).toBeGreaterThanOrEqual(0);
          expect(parseMileage(formatMileage(parsed.metres, parsed.prefix, 3))).toEqual(parsed);
        } else expect(() => parseMileage(t)).toThrow(MileageError);
      }),
    );
  });

  it('never accepts a metres part of 1000 or more: that is the next kilometre post', () => {
    fc.assert(
      fc.property(prefix, fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 1000, max: 99_999 }), (p, km, m) => {
        expect(tryParseMileage(`${p}${km}+${m}`)).toBeNull();
      }),
    );
  });
});
