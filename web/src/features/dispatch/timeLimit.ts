/**
 * The category's time limit runs from the moment the call was received: a unit arriving at
 * `now + eta` is in time while that is before `received + limit`. Before the incident exists
 * (the call form) nothing has elapsed yet.
 */
export function limitLeftS(limitS: number, receivedAtMs: number | null, nowMs: number): number {
  return receivedAtMs === null ? limitS : limitS - (nowMs - receivedAtMs) / 1000;
}

export function arrivesInTime(etaS: number, leftS: number): boolean {
  return etaS <= leftS;
}

/** Whole minutes for people, never "0 minutes" for a unit that is not already there. */
export function minutes(seconds: number): number {
  return seconds <= 0 ? 0 : Math.max(1, Math.round(seconds / 60));
}
