import type { PlaceRecommendations as Answer } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { LimitVerdict } from './LimitVerdict';
import { RecommendationItem } from './RecommendationItem';
import { arrivesInTime } from './timeLimit';
import { useAgencies } from './useAgencies';
import { useUnits } from './useUnits';
import './dispatch.css';

interface Props {
  answer: Answer | undefined;
  loading: boolean;
  error: unknown;
  picked: ReadonlySet<string>;
  onToggle(unitId: string, on: boolean): void;
}

/** On the call form: who would lead, the fastest units against the category's time limit, the chosen ones ticked. */
export function PlaceRecommendations({ answer, loading, error, picked, onToggle }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const { units } = useUnits();
  const agencies = useAgencies();
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const agencyName = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;
  return (
    <section className="place-recommendations" data-testid="place-recommendations" data-state={answer ? 'done' : error ? 'error' : loading ? 'loading' : 'idle'} aria-labelledby="place-recs-heading">
      <h3 id="place-recs-heading">{t('dispatch.recommendations')}</h3>
      {error ? (
        <p className="muted">{errorText(error)}</p>
      ) : !answer ? (
        <p className="muted">{loading ? t('dispatch.loading') : t('dispatch.needPlace')}</p>
      ) : answer.recommendations.length === 0 ? (
        <p className="notice notice-warn" role="alert">
          {t('dispatch.none')}
        </p>
      ) : (
        <>
          {answer.lead && (
            <p className="muted dispatch-lead">{t('dispatch.lead', { name: answer.lead.name })}</p>
          )}
          <LimitVerdict recommendations={answer.recommendations} limitS={answer.timeLimitS} leftS={answer.timeLimitS} />
          <ul className="recommendation-list" data-testid="recommendations">
            {answer.recommendations.map((r) => (
              <RecommendationItem
                key={r.unitId}
                rec={r}
                unitName={unitName(r.unitId)}
                agencyName={agencyName(r.agencyId)}
                checked={picked.has(r.unitId)}
                onToggle={(on) => onToggle(r.unitId, on)}
                inTime={arrivesInTime(r.etaS, answer.timeLimitS)}
                compact
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
