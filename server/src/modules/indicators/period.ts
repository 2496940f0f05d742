import { beijingMonth, periodRange } from '@railjoint/contracts';
import { now } from '../../platform/clock.js';

/**
 * The period a query names (`from`/`to`, `month=2026-11` or `quarter=2026Q4`, Beijing time), or
 * the current Beijing month on the platform clock when it names none. The query's schema has
 * already refused a malformed or inverted one.
 */
export function queryPeriod(q: { from?: string | undefined; to?: string | undefined; month?: string | undefined; quarter?: string | undefined }): { from: string; to: string } {
  return periodRange(q) ?? periodRange({ month: beijingMonth(now()) })!;
}
