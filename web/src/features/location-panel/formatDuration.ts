import type { I18n } from '../../app/i18n/context';

/** Time limits are set in seconds but read by people in minutes and hours. */
export function formatDuration(seconds: number, t: I18n['t']): string {
  if (seconds < 60) return t('time.seconds', { s: seconds });
  const totalMinutes = Math.round(seconds / 60);
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  if (h === 0) return t('time.minutes', { m });
  if (m === 0) return t('time.hours', { h });
  return t('time.hoursMinutes', { h, m });
}
