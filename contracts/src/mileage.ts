/**
 * Railway mileage (里程) as written on kilometre posts: `K123+456`, `DK14+325.200`.
 * The prefix names the chainage system (K: ordinary, DK: design chainage, AK/CK/GK…: branch or
 * connecting lines); the number after `+` is metres past the kilometre and must stay below 1000.
 * Shared by server, CLI and web so the three always read a mileage the same way.
 */
export interface Mileage {
  prefix: string;
  /** metres from the origin of this prefix's chainage (km × 1000 + metres past the post) */
  metres: number;
}

/** A text that is not a mileage; `zh` says why in Chinese, `message` in English (a server answers either). */
export class MileageError extends Error {
  constructor(
    message: string,
    readonly input: string,
    readonly zh: string = message,
  ) {
    super(message);
    this.name = 'MileageError';
  }
}

const PATTERN = /^([A-Z]{1,2})(\d{1,5})\+(\d{1,3})(?:\.(\d{1,3}))?$/;

export function parseMileage(text: string): Mileage {
  const input = String(text);
  const t = input.trim().toUpperCase().replace(/＋/g, '+').replace(/\s+/g, '');
  if (t === '') throw new MileageError('mileage is empty', input, '里程为空');
  const m = PATTERN.exec(t);
  if (!m) {
    const plus = /^([A-Z]{1,2})(\d+)\+(\d+)(?:\.(\d+))?$/.exec(t);
    if (plus && plus[3]!.length > 3) {
      throw new MileageError(`metres part "${plus[3]}" must be below 1000 (three digits at most)`, input, `米数「${plus[3]}」须小于 1000（至多三位）`);
    }
    if (plus && plus[4] !== undefined && plus[4].length > 3) {
      throw new MileageError('at most three decimals (millimetres) are allowed', input, '小数至多三位（毫米）');
    }
    if (/^[A-Z]{3,}/.test(t)) throw new MileageError('prefix must be one or two letters, e.g. K, DK, AK', input, '冠号应为一到两个字母，如 K、DK、AK');
    if (/^\d/.test(t)) throw new MileageError('mileage needs a letter prefix, e.g. K123+456', input, '里程需要字母冠号，如 K123+456');
    throw new MileageError(`"${input}" is not a mileage like K123+456 or DK14+325.200`, input, `「${input}」不是 K123+456 或 DK14+325.200 这样的里程`);
  }
  const km = Number(m[2]);
  const metresPart = Number(m[3]);
  const decimals = m[4] ? Number(`0.${m[4]}`) : 0;
  return { prefix: m[1]!, metres: round3(km * 1000 + metresPart + decimals) };
}

export function tryParseMileage(text: string): Mileage | null {
  try {
    return parseMileage(text);
  } catch {
    return null;
  }
}

/**
 * Formats metres as `K123+456`. Decimals are shown only when asked for (posts are surveyed to the
 * metre; computed positions are rounded to the metre for people, the API also gives raw metres).
 */
export function formatMileage(metres: number, prefix = 'K', decimals = 0): string {
  if (!Number.isFinite(metres)) throw new MileageError('metres must be a finite number', String(metres), '米数须为有限数值');
  if (metres < 0) throw new MileageError('mileage cannot be negative', String(metres), '里程不能为负');
  if (!/^[A-Z]{1,2}$/.test(prefix)) throw new MileageError('prefix must be one or two capital letters', prefix, '冠号应为一到两个大写字母');
  const scale = 10 ** decimals;
  const total = Math.round(metres * scale) / scale;
  const km = Math.floor(total / 1000 + 1e-12);
  const rest = total - km * 1000;
  const whole = Math.floor(rest + 1e-9);
  let text = `${prefix}${km}+${String(whole).padStart(3, '0')}`;
  if (decimals > 0) {
    const frac = Math.round((rest - whole) * scale);
    text += `.${String(frac).padStart(decimals, '0')}`;
  }
  return text;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
