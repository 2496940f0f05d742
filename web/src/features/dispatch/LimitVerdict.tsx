import type { Recommendation } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { arrivesInTime, minutes } from './timeLimit';

/**
 * The time limit beside the recommendations, and a warning when not even the fastest unit can be
 * there within it: the dispatcher should send more, or ask someone nearer.
 */
export function LimitVerdict({ recommendations, limitS, leftS }: { recommendations: Recommendation[]; limitS: number; leftS: number }) {
  const { t, num } = useT();
  const fastest = recommendations[0];
  const late = fastest !== undefined && !arrivesInTime(fastest.etaS, leftS);
  return (
    <>
      <p className="muted dispatch-limit" data-testid="dispatch-limit" data-limit-s={limitS} data-left-s={Math.round(leftS)}>
        {leftS === limitS ? t('dispatch.limit', { min: num(minutes(limitS)) }) : leftS > 0 ? t('dispatch.limitLeft', { min: num(minutes(leftS)), limit: num(minutes(limitS)) }) : t('dispatch.limitPassed')}
      </p>
      {late && (
        <p className="notice notice-warn" role="alert" data-testid="dispatch-none-in-time">
          {t('dispatch.noneInTime', { eta: num(minutes(fastest.etaS)), limit: num(minutes(Math.max(0, leftS))) })}
        </p>
      )}
    </>
  );
}
