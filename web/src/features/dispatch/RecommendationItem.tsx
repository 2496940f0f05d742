import type { Recommendation } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';

interface Props {
  rec: Recommendation;
  unitName: string;
  agencyName: string;
  checked: boolean;
  onToggle(checked: boolean): void;
}

/** One recommended unit: who, how soon, which way, and why. */
export function RecommendationItem({ rec, unitName, agencyName, checked, onToggle }: Props) {
  const { t, num } = useT();
  return (
    <li className="recommendation" data-testid="recommendation" data-unit-id={rec.unitId} data-agency-id={rec.agencyId}>
      <label className="recommendation-head">
        <input type="checkbox" data-testid="recommendation-check" checked={checked} onChange={(e) => onToggle(e.target.checked)} />
        <strong>{unitName}</strong>
        <span className="muted">{agencyName}</span>
        <span className="recommendation-eta mono">{t('dispatch.eta', { min: num(Math.max(1, Math.round(rec.etaS / 60))) })}</span>
        <span className="status-chip">{t(`route.${rec.route}`)}</span>
      </label>
      <p className="recommendation-reason">{rec.reason}</p>
      {rec.assumptions.length > 0 && (
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
