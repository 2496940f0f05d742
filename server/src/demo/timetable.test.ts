import { describe, expect, it } from 'vitest';
import { generateDemo } from './generate.js';
import { generateDemoTimetable } from './timetable.js';
import { TRAIN_TEAMS } from './department.js';
import { parseFeed } from '../modules/trains/gtfs-feed.js';

describe('demo timetable', () => {
  const network = generateDemo({ scale: 'department' }).network;
  const files = generateDemoTimetable(network);

  it('is a valid, deterministic feed with every train the train police teams hold', () => {
    expect(generateDemoTimetable(network)).toEqual(files);
    const r = parseFeed(files);
    expect(r.problems).toEqual([]);
    const numbers = new Set(r.feed!.trips.map((t) => t.trainNo));
    for (const team of TRAIN_TEAMS) for (const n of team.trains) expect(numbers.has(n), n).toBe(true);
    expect(r.feed!.agencyTimezone).toBe('Asia/Shanghai');
  });

  it('has trips past midnight and services only in calendar_dates.txt', () => {
    const r = parseFeed(files).feed!;
    expect(r.stopTimes.some((s) => s.arrivalS >= 24 * 3600)).toBe(true);
    const regular = new Set(r.calendar.map((c) => c.serviceId));
    expect(r.calendarDates.some((d) => !regular.has(d.serviceId))).toBe(true);
  });
});
