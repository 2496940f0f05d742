import { weekdayIndex } from './gtfs-time.js';

export interface CalendarEntry {
  serviceId: string;
  /** Monday first, as the columns of calendar.txt */
  days: boolean[];
  startDate: string;
  endDate: string;
}

export interface CalendarException {
  serviceId: string;
  date: string;
  /** 1 adds the service on that date, 2 removes it */
  exceptionType: 1 | 2;
}

/**
 * Which services run on a date. calendar_dates.txt exceptions win over calendar.txt; a service
 * that only appears in calendar_dates.txt (common in real feeds) runs exactly on its added dates.
 */
export class ServiceCalendar {
  private readonly regular = new Map<string, CalendarEntry>();
  private readonly exceptions = new Map<string, 1 | 2>();

  constructor(calendar: CalendarEntry[], dates: CalendarException[]) {
    for (const c of calendar) this.regular.set(c.serviceId, c);
    for (const d of dates) this.exceptions.set(`${d.serviceId}|${d.date}`, d.exceptionType);
  }

  isActive(serviceId: string, date: string): boolean {
    const exception = this.exceptions.get(`${serviceId}|${date}`);
    if (exception !== undefined) return exception === 1;
    const c = this.regular.get(serviceId);
    // YYYYMMDD compares correctly as text
    return c !== undefined && date >= c.startDate && date <= c.endDate && c.days[weekdayIndex(date)] === true;
  }

  activeServices(date: string, serviceIds: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const id of serviceIds) if (this.isActive(id, date)) out.add(id);
    return out;
  }
}
