/**
 * Repeated failed sign-ins slow down and then lock the account. Pure, so the thresholds are tested
 * without a clock or a database.
 */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_DURATION_MS = 15 * 60 * 1000;

/** Delay before answering a failed attempt: 0.25 s, 0.5 s, 1 s, 2 s, then 3 s. */
export function failureDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(250 * 2 ** (failures - 1), 3000);
}

export function lockedUntilAfterFailure(failures: number, now: Date): Date | null {
  return failures >= LOCK_AFTER_FAILURES ? new Date(now.getTime() + LOCK_DURATION_MS) : null;
}

export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && new Date(lockedUntil).getTime() > now.getTime();
}
