import type { ResolveResult } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { AgencyItem } from './AgencyItem';
import { formatDuration } from './formatDuration';

type Responsibility = NonNullable<ResolveResult['responsibility']>;

export function ResponsibilitySection({ responsibility: r }: { responsibility: Responsibility }) {
  const { t } = useT();
  return (
    <section className="panel-section responsibility" aria-labelledby="resp-heading" data-testid="panel-responsibility">
      <h3 id="resp-heading">
        {t('resp.title')} · {r.categoryName}
      </h3>
      <dl className="facts">
        <dt>{t('resp.lead')}</dt>
        <dd>
          {r.lead ? (
            <ul className="agency-list agency-list-lead">
              <AgencyItem agency={r.lead} />
            </ul>
          ) : (
            <span className="verdict-warn">{t('resp.noLead')}</span>
          )}
        </dd>
        <dt>{t('resp.support')}</dt>
        <dd>
          {r.support.length ? (
            <ul className="agency-list">
              {r.support.map((a) => (
                <AgencyItem key={a.agencyId} agency={a} />
              ))}
            </ul>
          ) : (
            <span className="muted">{t('resp.nobody')}</span>
          )}
        </dd>
        <dt>{t('resp.inform')}</dt>
        <dd>
          {r.inform.length ? (
            <ul className="agency-list">
              {r.inform.map((a) => (
                <AgencyItem key={a.agencyId} agency={a} />
              ))}
            </ul>
          ) : (
            <span className="muted">{t('resp.nobody')}</span>
          )}
        </dd>
        <dt>{t('resp.timeLimit')}</dt>
        <dd className="time-limit">{formatDuration(r.timeLimitS, t)}</dd>
      </dl>
      {r.reasons.length > 0 && (
        <>
          <h4>{t('resp.reasons')}</h4>
          <ol className="reasons">
            {r.reasons.map((reason, i) => (
              <li key={`${reason.code}-${i}`}>{reason.text}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
