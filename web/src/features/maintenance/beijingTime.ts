/**
 * Maintenance windows are planned in Beijing time whatever the workstation's zone (China has no
 * daylight saving, so the offset is always +08:00): a `datetime-local` field's value is read and
 * written as Beijing wall time.
 */
const OFFSET_MS = 8 * 3600_000;

/** `2026-12-01T02:00` (Beijing) for an instant. */
export function toBeijingInput(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16);
}

/** The instant of a `datetime-local` value read as Beijing time, as ISO with its offset. */
export function fromBeijingInput(value: string): string {
  return `${value}:00+08:00`;
}

/** Midnight (Beijing) of the day holding an instant. */
export function beijingMidnight(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / 86_400_000) * 86_400_000 - OFFSET_MS;
}

/** `HH:MM` Beijing time of an instant. */
export function beijingClock(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(11, 16);
}

/** `12/01` style day label (month/day) Beijing time. */
export function beijingDay(ms: number, lang: string): string {
  return new Intl.DateTimeFormat(lang, { month: '2-digit', day: '2-digit', weekday: 'short', timeZone: 'Asia/Shanghai' }).format(ms);
}
