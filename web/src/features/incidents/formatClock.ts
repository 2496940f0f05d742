/**
 * An elapsed time as a clock, always with hours: 00:04:05, 01:02:09, 49:00:00. The fixed shape
 * keeps a column of ages aligned and reads the same as a CAD's. Language-neutral, so no catalogue entry.
 */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}
