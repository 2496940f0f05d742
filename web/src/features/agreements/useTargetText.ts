import type { ObligationKind } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';

/** An obligation's target in words: "每月不少于 20 小时", "15 分钟内 · 不低于 90%". */
export function useTargetText() {
  const { t, num } = useT();
  return (o: { kind: ObligationKind; target: number; limitMin?: number | null | undefined }) =>
    o.kind === 'patrol_hours' ? t('coop.target.hours', { n: num(o.target) }) : [o.limitMin ? t('coop.target.limit', { n: num(o.limitMin) }) : null, t('coop.target.share', { n: num(o.target) })].filter(Boolean).join(' · ');
}
