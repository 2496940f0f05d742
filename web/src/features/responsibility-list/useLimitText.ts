import { useT } from '../../app/i18n/useT';

/** A time limit as people say it (5分钟, 1小时, 3天), the same as the exports print it. */
export function useLimitText() {
  const { t } = useT();
  return (s: number) => (s % 86_400 === 0 ? t('rlist.days', { n: s / 86_400 }) : s % 3600 === 0 ? t('rlist.hours', { n: s / 3600 }) : t('rlist.minutes', { n: Math.round(s / 60) }));
}
