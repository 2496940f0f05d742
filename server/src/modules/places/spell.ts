import { pinyin } from 'pinyin-pro';

/** A name as dispatchers type it on a keyboard without an IME: full pinyin and initials, lower case. */
export interface Spelling {
  full: string;
  initials: string;
}

/**
 * Pinyin without tones (ü as v, as keyboards write it) and the initials of each syllable; characters
 * that are not Chinese (the digits of "K123+456涵洞") are left out of both, so a culvert is found by
 * "handong" and "hd". pinyin-pro reads polyphones in context (长塘 is changtang, 重庆 chongqing).
 */
export function spell(name: string): Spelling {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter(Boolean);
  return { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}
