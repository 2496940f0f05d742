/**
 * Deadlines are typed as Beijing wall-clock time whatever the machine's zone (like every time the
 * console shows), and sent with the +08:00 offset the API requires. China keeps no summer time, so
 * the offset is fixed.
 */
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** `2026-11-29T14:33` for a `datetime-local` input, in Beijing time. */
export function beijingInputValue(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16);
}

/** The input's value as an ISO instant with its offset, or null when it is not a full date and time. */
export function inputToIso(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?$/.exec(value);
  return m ? `${m[1]}${m[2] ?? ':00'}+08:00` : null;
}
