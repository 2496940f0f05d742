import type { Language } from '../../app/i18n/languages';

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Railway times are Beijing time wherever the screen is (a console on a server set to UTC, a
 * liaison travelling): the timetable, the incident log and the phone calls all speak it.
 */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

/** 2026/11/29 14:03:07 in Chinese, 29/11/2026, 14:03:07 style in English; always 24-hour, Beijing time. */
export function formatDateTime(iso: string, lang: Language): string {
  let f = formats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: DISPLAY_TIME_ZONE });
    formats.set(lang, f);
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : f.format(d);
}
