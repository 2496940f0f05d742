import { platformNow } from '../../api/platformClock';

/** A `datetime-local` value read as Beijing time (the department's), whatever the workstation's zone. */
export const fromBeijingInput = (value: string) => new Date(`${value}:00+08:00`).toISOString();

/** Beijing wall time of an instant, as a `datetime-local` value. */
export function toBeijingInput(ms: number = platformNow()): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);
}
