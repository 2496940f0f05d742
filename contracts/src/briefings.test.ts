import { describe, expect, it } from 'vitest';
import { BriefingRequest, lastPeriod } from './briefings.js';

const bj = (s: string) => Date.parse(`${s}+08:00`);

describe('the period the generate form offers', () => {
  it('is yesterday, last week’s Monday, last month — by the Beijing calendar', () => {
    // Friday 4 December 2026, 01:00 in Beijing (still the 3rd in UTC)
    const at = bj('2026-12-04T01:00:00');
    expect(lastPeriod('daily', at)).toBe('2026-12-03');
    expect(lastPeriod('weekly', at)).toBe('2026-11-23');
    expect(lastPeriod('monthly', at)).toBe('2026-11');
    expect(lastPeriod('monthly', bj('2027-01-01T00:10:00'))).toBe('2026-12');
    // on a Monday the week before is the one just ended
    expect(lastPeriod('weekly', bj('2026-12-07T09:00:00'))).toBe('2026-11-30');
  });
  it('is a period the server accepts', () => {
    for (const kind of ['daily', 'weekly', 'monthly'] as const) expect(BriefingRequest.safeParse({ kind, period: lastPeriod(kind, bj('2026-12-06T23:00:00')) }).success).toBe(true);
  });
});
