import fs from 'node:fs';
import { serverFile } from '../assets.js';

/**
 * Password rules after NIST SP 800-63B §5.1.1.2: length (10 to 256), no composition rules, and
 * refusal of passwords that are known, guessable from context, or repetitive or sequential. Pure
 * except for reading the bundled lists once.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordReason = 'too_short' | 'too_long' | 'common' | 'context' | 'repetitive' | 'sequential';

export interface PasswordProblem {
  reason: PasswordReason;
  message: string;
}

/** Words the password must not contain: the account's name and display name (the service's name is added). */
export interface PasswordContext {
  username?: string;
  displayName?: string;
}

const MESSAGES: Record<PasswordReason, string> = {
  too_short: `at least ${MIN_PASSWORD_LENGTH} characters`,
  too_long: `at most ${MAX_PASSWORD_LENGTH} characters`,
  common: 'this password is among the most commonly used ones',
  context: 'the password contains the username, the display name or the name of the service',
  repetitive: 'the password repeats a character or a short pattern',
  sequential: 'the password is a sequence (abcdef, 123456, a keyboard row)',
};

const SERVICE_WORDS = ['railjoint'];

let blocklist: Set<string> | null = null;

/** The bundled lists: the 49,233 most common passwords of the zxcvbn project (MIT) and a curated Chinese list. */
export function commonPasswords(): Set<string> {
  if (blocklist) return blocklist;
  const read = (name: string) =>
    fs
      .readFileSync(serverFile('assets', 'passwords', name), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
  blocklist = new Set([...read('common.txt'), ...read('common-zh.txt')].map(fold));
  return blocklist;
}

function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** The first rule the password breaks, or null when it may be used. */
export function checkPassword(password: string, context: PasswordContext = {}, list: Set<string> = commonPasswords()): PasswordProblem | null {
  const p = fold(password);
  const length = [...p].length;
  if (length < MIN_PASSWORD_LENGTH) return problem('too_short');
  if (length > MAX_PASSWORD_LENGTH) return problem('too_long');
  if (isCommon(p, list)) return problem('common');
  if (contextWords(context).some((w) => p.includes(w))) return problem('context');
  const pattern = patternProblem(p);
  return pattern ? problem(pattern) : null;
}

function problem(reason: PasswordReason): PasswordProblem {
  return { reason, message: MESSAGES[reason] };
}

/** Known as it is, or a known word with digits and symbols around it (zhangwei1990, password123!). */
function isCommon(p: string, list: Set<string>): boolean {
  if (list.has(p)) return true;
  const core = p.replace(/^[\d\p{P}\p{S}\s]+|[\d\p{P}\p{S}\s]+$/gu, '');
  return core.length >= 4 && core !== p && list.has(core);
}

function contextWords(context: PasswordContext): string[] {
  const words = new Set(SERVICE_WORDS);
  const username = context.username ? fold(context.username) : '';
  if (username.length >= 3) words.add(username);
  // lz.dispatcher1 → dispatcher1 as well: "derivatives" of the name, as NIST puts it
  for (const part of username.split(/[._\-@]+/)) if (part.length >= 4 && !/^\d+$/.test(part)) words.add(part);
  const display = context.displayName ? fold(context.displayName) : '';
  for (const part of [display.replace(/[\s·・._\-]+/g, ''), ...display.split(/[\s·・._\-]+/)]) {
    // two Chinese characters already make a name; Latin parts need four letters to mean something
    if ([...part].length >= (/\p{Script=Han}/u.test(part) ? 2 : 4)) words.add(part);
  }
  return [...words];
}

const KEYBOARD_ROWS = ['`1234567890-=', 'qwertyuiop[]\\', "asdfghjkl;'", 'zxcvbnm,./'];
const KEY_POSITION = new Map<string, [number, number]>();
KEYBOARD_ROWS.forEach((row, r) => [...row].forEach((ch, c) => KEY_POSITION.set(ch, [r, c])));

/**
 * Cuts the password into runs, each with one step between neighbours: the same character, the
 * next or previous code point (abc, 321), or the next or previous key on a keyboard row (qwerty).
 * A password of at most two runs is a pattern, not a secret.
 */
function patternProblem(p: string): 'repetitive' | 'sequential' | null {
  const chars = [...p];
  if (new Set(chars).size <= 2) return 'repetitive';
  for (let unit = 1; unit <= 4; unit++) {
    if (chars.length % unit === 0 && chars.every((ch, i) => ch === chars[i % unit])) return 'repetitive';
  }
  const runs: string[] = [];
  let i = 0;
  while (i < chars.length) {
    let best = 1;
    for (const step of STEPS) {
      let j = i + 1;
      while (j < chars.length && step(chars[j - 1]!, chars[j]!, chars[i]!, chars[i + 1])) j++;
      best = Math.max(best, j - i);
    }
    runs.push(chars.slice(i, i + best).join(''));
    i += best;
  }
  if (runs.length > 2) return null;
  return runs.every((r) => new Set(r).size === 1) ? 'repetitive' : 'sequential';
}

type Step = (prev: string, next: string, first: string, second: string | undefined) => boolean;

const codeDelta = (a: string, b: string) => b.codePointAt(0)! - a.codePointAt(0)!;

function keyDelta(a: string, b: string): number | null {
  const pa = KEY_POSITION.get(a);
  const pb = KEY_POSITION.get(b);
  return pa && pb && pa[0] === pb[0] ? pb[1] - pa[1] : null;
}

const STEPS: Step[] = [
  // the step set by the run's first two characters, kept for the whole run
  (prev, next, first, second) => second !== undefined && Math.abs(codeDelta(first, second)) <= 1 && codeDelta(prev, next) === codeDelta(first, second),
  (prev, next, first, second) => {
    const d = second === undefined ? null : keyDelta(first, second);
    return d !== null && Math.abs(d) === 1 && keyDelta(prev, next) === d;
  },
];
