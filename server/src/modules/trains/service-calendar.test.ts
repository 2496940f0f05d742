import { describe, expect, it } from 'vitest';
import { ServiceCalendar } from './service-calendar.js';

describe('ServiceCalendar', () => {
  const weekdays = [true, true, true, true, true, false, false];
  const cal = new ServiceCalendar(
    [{ serviceId: 'wk', days: weekdays, startDate: '20261101', endDate: '20261231' }],
    [
      { serviceId: 'wk', date: '20261201', exceptionType: 2 },
      { serviceId: 'wk', date: '20261205', exceptionType: 1 },
      { serviceId: 'only-dates', date: '20261203', exceptionType: 1 },
    ],
  );

  it('follows weekday flags within start and end', () => {
    expect(cal.isActive('wk', '20261130')).toBe(true); // Monday
    expect(cal.isActive('wk', '20261206')).toBe(false); // Sunday
    expect(cal.isActive('wk', '20270104')).toBe(false); // after end_date
  });

  it('applies calendar_dates exceptions: 1 adds, 2 removes', () => {
    expect(cal.isActive('wk', '20261201')).toBe(false);
    expect(cal.isActive('wk', '20261205')).toBe(true);
  });

  it('runs calendar_dates-only services on their dates only', () => {
    expect(cal.activeServices('20261203', ['wk', 'only-dates', 'unknown'])).toEqual(new Set(['wk', 'only-dates']));
    expect(cal.isActive('only-dates', '20261204')).toBe(false);
  });
});
