/**
 * CAP 1.2 times: the schema's pattern wants an explicit offset ("+08:00", "-00:00"), never "Z".
 * Bulletins are written in Beijing time, the offset railway staff read.
 */
export function capTime(iso: string, offsetMinutes = 480): string {
  const ms = Date.parse(iso);
  const local = new Date(ms + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const off = Math.abs(offsetMinutes);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
}

/** The CAP dateTime pattern (section 3.3.2): offsets only. */
export const CAP_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$/;
