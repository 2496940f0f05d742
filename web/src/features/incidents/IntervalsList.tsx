import { useT } from '../../app/i18n/useT';
import { formatClock } from './formatClock';

const KEYS = ['receivedToDispatchedS', 'dispatchedToEnRouteS', 'enRouteToOnSceneS', 'onSceneToClearedS', 'totalS'] as const;

export function IntervalsList({ intervals }: { intervals: Record<string, number | null> }) {
  const { t } = useT();
  return (
    <dl className="facts intervals" data-testid="intervals">
      {KEYS.map((k) => (
        <div key={k} className="interval" data-testid="interval" data-key={k} data-seconds={typeof intervals[k] === 'number' ? intervals[k] : undefined}>
          <dt>{t(`interval.${k}`)}</dt>
          <dd className="mono">{typeof intervals[k] === 'number' ? formatClock(intervals[k]) : t('panel.none')}</dd>
        </div>
      ))}
    </dl>
  );
}
