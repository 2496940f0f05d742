import type { Language } from '../../app/i18n/languages';

const formats = new Map<string, Intl.DateTimeFormat>();

/** 2026/11/29 14:03:07 in Chinese, 29/11/2026, 14:03:07 style in English; always 24-hour, local time. */
export function formatDateTime(iso: string, lang: Language): string {
  let f = formats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    formats.set(lang, f);
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : f.format(d);
}
