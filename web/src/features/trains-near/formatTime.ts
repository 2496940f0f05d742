import { DISPLAY_TIME_ZONE } from '../incidents/formatDateTime';

const hm = new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: DISPLAY_TIME_ZONE });

/** 07:32, Beijing time, as the timetable and the railway's dispatchers say it. */
export function hhmm(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : hm.format(d);
}
