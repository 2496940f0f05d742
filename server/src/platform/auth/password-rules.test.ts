import { describe, expect, it } from 'vitest';
import { checkPassword, commonPasswords } from './password-rules.js';

const reason = (password: string, context = {}) => checkPassword(password, context)?.reason ?? null;

describe('password rules (NIST SP 800-63B)', () => {
  it('asks for 10 to 256 characters and nothing about their kinds', () => {
    expect(reason('Kx9-fr2')).toBe('too_short');
    expect(reason('w'.repeat(3) + 'ümlaut-tr4ck-' + 'x'.repeat(241))).toBe('too_long');
    // a long pass phrase of lower-case words only is fine; 64 characters and more are allowed
    expect(reason('柳州站 候车室 东侧 南宁方向 第三检票口')).toBeNull();
    expect(reason('the quiet platform at liuzhou before the g1501 arrives at seven')).toBeNull();
    expect(reason('weichselkirsche-marmelade')).toBeNull();
  });

  it('refuses the most common passwords, also with digits and symbols around them', () => {
    for (const p of ['1234567890', 'qwertyuiop', 'woaini1314', '5201314520', 'a123456789', 'Password123!', 'zhangwei1990', 'iloveyou2024', 'dragon-2026!!', '1qaz2wsx3edc']) {
      expect(reason(p), p).toBe('common');
    }
    expect(commonPasswords().size).toBeGreaterThan(49_000);
  });

  it('refuses the username, its parts, the display name and the service name', () => {
    expect(reason('lz.dispatcher1-2026', { username: 'lz.dispatcher1' })).toBe('context');
    expect(reason('my-dispatcher1-key', { username: 'lz.dispatcher1' })).toBe('context');
    expect(reason('我是柳州南站的接警员', { displayName: '柳州南站 接警员' })).toBe('context');
    expect(reason('RailJoint-winter-26')).toBe('context');
    expect(reason('lz.dispatcher1-2026', { username: 'lz.commander' })).toBeNull();
  });

  it('refuses repeated characters and short repeated patterns', () => {
    expect(reason('zzzzzzzzzzzz')).toBe('repetitive');
    expect(reason('xkcdxkcdxkcd')).toBe('repetitive');
    expect(reason('gggggkkkkk')).toBe('repetitive');
    expect(reason('ab1ab1ab1ab1')).toBe('repetitive');
  });

  it('refuses sequences of code points and keyboard rows, at most two of them', () => {
    expect(reason('lmnopqrstu')).toBe('sequential');
    expect(reason('9876543210')).toBe('sequential');
    expect(reason('ghijkl567890')).toBe('sequential');
    expect(reason('ertyuiop[]')).toBe('sequential');
    expect(reason(';lkjhgfdsa')).toBe('sequential');
    expect(reason('ghijkl5678zzz')).toBeNull();
  });
});
