/**
 * A mileage as callers and dispatchers say it, with the line around it in any order: "湘桂 500",
 * "K500+200 湘桂线", "湘桂线500公里", "湘桂线 500公里200米", "xg k500+200", "DK14+325.2".
 */
export type MileageText =
  /** no number in the text: a name to search */
  | { kind: 'none' }
  /**
   * `prefix` null when the text gives none (the line's own is taken); `lineText` what is left
   * around the number, empty when only a mileage was typed
   */
  | { kind: 'mileage'; lineText: string; prefix: string | null; metres: number; decimals: number }
  /** a number with a mileage's shape but not a mileage (five-digit metres, a fraction before the +) */
  | { kind: 'bad'; lineText: string };

// Full-width forms a Chinese IME types: ０-９, Ａ-Ｚ, ａ-ｚ, ＋, ．, and the ideographic space.
function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const NUMBER =
  /([A-Za-z]{1,2})?\s*(\d{1,5})(?:\.(\d{1,3}))?(?:\s*\+\s*(\d{1,4})(?:\.(\d{1,4}))?)?\s*(?:(公里处|公里|千米|km)(?:\s*(\d{1,3})\s*米)?)?/i;

/**
 * Finds the first number in the text and reads it as a mileage. Letters right before it are its
 * prefix in the full form (K500+200), or when `isPrefix` says the network uses them (K500, DK14);
 * otherwise they belong to the line's name ("xg500": the initials of 湘桂线). What is left is the line's name, with stray separators gone.
 */
export function parseMileageText(input: string, isPrefix: (letters: string) => boolean): MileageText {
  const text = halfWidth(input).trim();
  const m = NUMBER.exec(text);
  if (!m) return { kind: 'none' };
  const [whole, letters, km, kmFraction, plusMetres, plusFraction] = m;
  // "K500+200" is a mileage whatever its letters; "xg500" may be a line's initials before a number
  const prefix = letters && (plusMetres !== undefined || isPrefix(letters.toUpperCase())) ? letters.toUpperCase() : null;
  const kept = letters && !prefix ? letters : '';
  const lineText = cleanLineText(`${text.slice(0, m.index)}${kept} ${text.slice(m.index + whole.length)}`);
  if (plusMetres !== undefined) {
    if (kmFraction !== undefined || plusMetres.length > 3 || (plusFraction?.length ?? 0) > 3) return { kind: 'bad', lineText };
    const metres = Number(km) * 1000 + Number(plusMetres) + (plusFraction ? Number(`0.${plusFraction}`) : 0);
    return { kind: 'mileage', lineText, prefix, metres: round3(metres), decimals: plusFraction?.length ?? 0 };
  }
  const extraMetres = m[7] !== undefined ? Number(m[7]) : 0;
  const metres = Number(km) * 1000 + (kmFraction ? Number(`0.${kmFraction}`) * 1000 : 0) + extraMetres;
  return { kind: 'mileage', lineText, prefix, metres: round3(metres), decimals: 0 };
}

/** "湘桂线，" → "湘桂线": what separates the line from the number is not part of its name. */
function cleanLineText(text: string): string {
  return text
    .replace(/[\s,，、;；:：·.。/\\-]+/g, ' ')
    .replace(/(?:处|附近|左右|一带)$/u, '')
    .trim()
    .replace(/\s+/g, ' ');
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
