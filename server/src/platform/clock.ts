/**
 * The platform's time. Normally the machine's; for training, demonstrations and browser tests it
 * can start at a chosen instant (RAILJOINT_CLOCK_START) and run on from there, so a timetable
 * shift ("G1501 is between 柳州 and 鹿寨北 now") can be replayed at any hour. One process runs one
 * platform, so the clock is process-wide, like Date itself.
 */
let offsetMs = 0;

export function now(): number {
  return Date.now() + offsetMs;
}

export function nowDate(): Date {
  return new Date(now());
}

export function nowIso(): string {
  return nowDate().toISOString();
}

/** Starts the clock at this instant (ms since epoch); null puts it back on the machine's time. */
export function startClockAt(instant: number | null): void {
  offsetMs = instant === null ? 0 : instant - Date.now();
}

/** The department's civil time zone: incident numbers and daily counters follow Beijing days. */
export const DEPARTMENT_TIME_ZONE = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: DEPARTMENT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYYMMDD of the instant in the department's zone. */
export function departmentDay(ms: number): string {
  return dayFormat.format(ms).replace(/-/g, '');
}
