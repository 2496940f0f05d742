/** Service dates are GTFS `YYYYMMDD`; instants are epoch milliseconds. */

const TIME = /^(\d{1,3}):([0-5]\d):([0-5]\d)$/;

/** "25:10:00" → seconds after the service day's reference (hours ≥ 24 belong to the next day). */
export function parseGtfsTime(text: string): number | null {
  const m = TIME.exec(text.trim());
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

export function isServiceDate(text: string): boolean {
  if (!/^\d{8}$/.test(text)) return false;
  const d = new Date(Date.UTC(Number(text.slice(0, 4)), Number(text.slice(4, 6)) - 1, Number(text.slice(6, 8))));
  return toServiceDate(d) === text;
}

function toServiceDate(d: Date): string {
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)) + days));
  return toServiceDate(d);
}

/** 0 = Monday … 6 = Sunday, the order of calendar.txt's columns. */
export function weekdayIndex(date: string): number {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))));
  return (d.getUTCDay() + 6) % 7;
}

export function isoDate(date: string): string {
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function localParts(timeZone: string, ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour! % 24, mi: p.minute!, s: p.second! };
}

/** The zone's offset from UTC at an instant, in milliseconds (Intl is the only zone database we have). */
export function zoneOffsetMs(timeZone: string, ms: number): number {
  const l = localParts(timeZone, ms);
  return Date.UTC(l.y, l.mo - 1, l.d, l.h, l.mi, l.s) - Math.floor(ms / 1000) * 1000;
}

/** The instant of a local wall-clock time; the offset is found twice because it may change in between. */
function localToUtc(timeZone: string, y: number, mo: number, d: number, h: number, mi = 0, s = 0): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const first = wall - zoneOffsetMs(timeZone, wall);
  return wall - zoneOffsetMs(timeZone, first);
}

/**
 * The instant of a GTFS time on a service date. GTFS measures times from "noon minus 12 h" of the
 * service date, not from midnight, so that a DST change at night does not shift the whole day's
 * trains; times past 24:00 simply run on from there.
 */
export function serviceInstant(date: string, seconds: number, timeZone: string): number {
  return serviceNoon(date, timeZone) - 12 * 3600_000 + seconds * 1000;
}

// Noon of a service date, asked for every stretch of every train each time an incident on the
// track looks for approaching trains: remembered, since Intl's answer for a date never changes.
const noons = new Map<string, number>();

function serviceNoon(date: string, timeZone: string): number {
  const key = `${timeZone} ${date}`;
  let noon = noons.get(key);
  if (noon === undefined) {
    noon = localToUtc(timeZone, Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8)), 12);
    if (noons.size >= 4096) noons.clear();
    noons.set(key, noon);
  }
  return noon;
}

/** The local calendar date of an instant in a zone, as YYYYMMDD. */
export function localDate(ms: number, timeZone: string): string {
  const l = localParts(timeZone, ms);
  return `${l.y}${String(l.mo).padStart(2, '0')}${String(l.d).padStart(2, '0')}`;
}

/** ISO 8601 with the zone's offset (2026-12-01T08:05:00+08:00): the local time people read. */
export function formatLocalIso(ms: number, timeZone: string): string {
  const l = localParts(timeZone, ms);
  const off = Math.round(zoneOffsetMs(timeZone, ms) / 60000);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${l.y}-${p2(l.mo)}-${p2(l.d)}T${p2(l.h)}:${p2(l.mi)}:${p2(l.s)}${sign}${p2(Math.floor(abs / 60))}:${p2(abs % 60)}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO 8601 time from a user. Without an offset it is read as the feed's local time, the way a
 * dispatcher reads the timetable; null when it is not a valid ISO time.
 */
export function parseInstant(text: string, timeZone: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const date = `${m[1]}${m[2]}${m[3]}`;
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (!isServiceDate(date) || h > 23 || mi > 59 || s > 59) return null;
  if (m[7]) {
    const ms = Date.parse(text.trim().replace(' ', 'T'));
    return Number.isNaN(ms) ? null : ms;
  }
  return serviceInstant(date, h * 3600 + mi * 60 + s, timeZone);
}
