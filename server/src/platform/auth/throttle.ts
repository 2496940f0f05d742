/**
 * Online-guessing throttling, as pure rules: which keys an attempt is counted under, and how long
 * each key waits after its failures. The state lives in the database (throttle-store.ts) so every
 * instance applies the same counts.
 *
 * Nothing here locks an account. An attempt that carries a valid device cookie for the account
 * (the browser already signed in to it) is counted only under that cookie, so an attacker
 * hammering the account or sharing the dispatcher's address never slows the dispatcher down.
 */
export type ThrottleScope = 'address' | 'account' | 'device' | 'second-factor';

export interface ThrottleKey {
  scope: ThrottleScope;
  key: string;
}

interface ScopeRule {
  /** failures answered without delay: typing mistakes */
  free: number;
  /** the first delay; each further failure doubles it */
  baseS: number;
  capS: number;
}

// An address is shared behind a centre's NAT, so it gets more mistakes before it waits.
export const SCOPE_RULES: Record<ThrottleScope, ScopeRule> = {
  address: { free: 10, baseS: 30, capS: 15 * 60 },
  account: { free: 5, baseS: 30, capS: 15 * 60 },
  device: { free: 5, baseS: 30, capS: 15 * 60 },
  'second-factor': { free: 5, baseS: 30, capS: 15 * 60 },
};

/** A key that saw no failure for this long starts again from zero. */
export const FORGET_AFTER_S = 60 * 60;

/** How long a key waits after its n-th failure (0 while within its free failures). */
export function throttleDelayS(scope: ThrottleScope, failures: number): number {
  const rule = SCOPE_RULES[scope];
  if (failures <= rule.free) return 0;
  return Math.min(rule.baseS * 2 ** Math.min(failures - rule.free - 1, 30), rule.capS);
}

/** What the store holds for a key. */
export interface ThrottleState {
  failures: number;
  blockedUntil: string | null;
  lastFailureAt: string;
}

/** The failures that still count at `now`: old ones are forgotten. */
export function currentFailures(state: ThrottleState | undefined, now: Date): number {
  if (!state) return 0;
  return now.getTime() - Date.parse(state.lastFailureAt) > FORGET_AFTER_S * 1000 ? 0 : state.failures;
}

/** Seconds until an attempt under this key is heard again; 0 when it is heard now. */
export function waitS(state: ThrottleState | undefined, now: Date): number {
  if (!state?.blockedUntil) return 0;
  const ms = Date.parse(state.blockedUntil) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** The state after one more failure at `now`. */
export function afterFailure(scope: ThrottleScope, state: ThrottleState | undefined, now: Date): ThrottleState {
  const failures = currentFailures(state, now) + 1;
  const delay = throttleDelayS(scope, failures);
  return { failures, blockedUntil: delay > 0 ? new Date(now.getTime() + delay * 1000).toISOString() : null, lastFailureAt: now.toISOString() };
}

export function addressKey(ip: string): ThrottleKey {
  return { scope: 'address', key: `address:${addressBucket(ip)}` };
}

/**
 * Unknown names are keyed exactly like real ones, so the answers cannot tell them apart. The name
 * is normalised as sign-in normalises it.
 */
export function accountKey(username: string): ThrottleKey {
  return { scope: 'account', key: `account:${username}` };
}

export function deviceKey(deviceId: string): ThrottleKey {
  return { scope: 'device', key: `device:${deviceId}` };
}

export function secondFactorKey(userId: string): ThrottleKey {
  return { scope: 'second-factor', key: `second-factor:${userId}` };
}

/**
 * The keys a password attempt counts under: its device cookie's alone when it has a valid one for
 * this account, otherwise its address and the account.
 */
export function signInKeys(input: { ip: string; username: string; deviceId: string | null }): ThrottleKey[] {
  return input.deviceId ? [deviceKey(input.deviceId)] : [addressKey(input.ip), accountKey(input.username)];
}

/** The same for a second-factor code, counted per user instead of per name. */
export function secondFactorKeys(input: { ip: string; userId: string; deviceId: string | null }): ThrottleKey[] {
  return input.deviceId ? [deviceKey(input.deviceId)] : [addressKey(input.ip), secondFactorKey(input.userId)];
}

/**
 * An IPv6 client controls its whole /64, so it is counted as one; IPv4 (and IPv4-mapped IPv6)
 * addresses count one by one.
 */
export function addressBucket(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const groups = expandIpv6(ip);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : ip;
}

function expandIpv6(ip: string): string[] | null {
  const bare = ip.split('%')[0]!;
  const [head, tail] = bare.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : missing < 0) return null;
  const all = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  return all.map((g) => (g.replace(/^0+/, '') || '0').toLowerCase());
}
