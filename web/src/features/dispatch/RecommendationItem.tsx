import type { Recommendation } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { minutes } from './timeLimit';

interface Props {
  rec: Recommendation;
  unitName: string;
  agencyName: string;
  checked: boolean;
  onToggle(checked: boolean): void;
  /** whether it arrives within what is left of the time limit (null: no limit known) */
  inTime: boolean | null;
  /** the call form keeps the list short: no reasons and assumptions */
  compact?: boolean;
}

/** One recommended unit: who, how soon against the time limit, which way, and why. */
export function RecommendationItem({ rec, unitName, agencyName, checked, onToggle, inTime, compact = false }: Props) {
  const { t, num } = useT();
  return (
    <li className={`recommendation${inTime === false ? ' is-late' : ''}`} data-testid="recommendation" data-unit-id={rec.unitId} data-agency-id={rec.agencyId} data-in-time={inTime === null ? undefined : String(inTime)}>
      <label className="recommendation-head">
        <input type="checkbox" data-testid="recommendation-check" checked={checked} onChange={(e) => onToggle(e.target.checked)} />
        <strong>{unitName}</strong>
        <span className="muted">{agencyName}</span>
        <span className="recommendation-eta mono">{rec.etaS <= 0 ? t('dispatch.etaNow') : t('dispatch.eta', { min: num(minutes(rec.etaS)) })}</span>
        {inTime !== null && <span className={`status-chip ${inTime ? 'eta-in-time' : 'eta-late'}`}>{t(inTime ? 'dispatch.inTime' : 'dispatch.late')}</span>}
        <span className="status-chip">{t(`route.${rec.route}`)}</span>
      </label>
      {!compact && <p className="recommendation-reason">{rec.reason}</p>}
      {!compact && rec.assumptions.length > 0 && (
        <details className="recommendation-assumptions">
          <summary>{t('dispatch.assumptions')}</summary>
          <ul>
            {rec.assumptions.map((a, n) => (
              <li key={n}>{a}</li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
