import { periodRange as contractsRange } from '@railjoint/contracts';

/**
 * Assessment periods as Beijing-time months (`2026-11`) and quarters (`2026Q4`). The department
 * works in Beijing time (UTC+8 all year, no summer time), so a month starts at 16:00 UTC on the
 * last day of the month before.
 */
const BEIJING_MS = 8 * 3600_000;

type Parsed = { year: number; month0: number; months: 1 | 3; quarter: boolean };

function parse(label: string): Parsed {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  if (m) return { year: Number(m[1]), month0: Number(m[2]) - 1, months: 1, quarter: false };
  const q = /^(\d{4})Q([1-4])$/.exec(label);
  if (q) return { year: Number(q[1]), month0: (Number(q[2]) - 1) * 3, months: 3, quarter: true };
  throw new Error(`not a period: ${label}`);
}

const label = (year: number, month0: number, quarter: boolean) => (quarter ? `${year}Q${Math.floor(month0 / 3) + 1}` : `${year}-${String(month0 + 1).padStart(2, '0')}`);

/** The instants a period covers, [from, to), as ISO strings (the indicators' own reckoning). */
export function periodRange(period: string): { from: string; to: string } {
  const p = parse(period);
  return contractsRange(p.quarter ? { quarter: period } : { month: period })!;
}

/** The `n` periods of the same kind before this one, oldest first. */
export function periodsBefore(period: string, n: number): string[] {
  const p = parse(period);
  const out: string[] = [];
  for (let i = n; i >= 1; i--) {
    const d = new Date(Date.UTC(p.year, p.month0 - i * p.months, 1));
    out.push(label(d.getUTCFullYear(), d.getUTCMonth(), p.quarter));
  }
  return out;
}

/** The month or quarter an instant falls in, in Beijing time. */
export function periodAt(ms: number, kind: 'month' | 'quarter'): string {
  const d = new Date(ms + BEIJING_MS);
  return label(d.getUTCFullYear(), d.getUTCMonth(), kind === 'quarter');
}

/** Whether the period has ended at `ms` (only ended periods are published). */
export function periodEnded(period: string, ms: number): boolean {
  return Date.parse(periodRange(period).to) <= ms;
}
