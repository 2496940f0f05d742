import type { IncidentDetail } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';
import { AgencyItem } from '../location-panel/AgencyItem';
import { formatDuration } from '../location-panel/formatDuration';
import { placeText } from './placeText';

/** Where it is and who answers for it: the place, the lead, supporting and informed agencies, the limit, and why. */
export function IncidentFacts({ incident: i }: { incident: IncidentDetail }) {
  const { t } = useT();
  return (
    <>
      <h3>{t('detail.location')}</h3>
      <dl className="facts">
        <dt>{t('detail.place')}</dt>
        <dd data-testid="detail-place">{placeText(i.location) || t('panel.none')}</dd>
        {i.location.sectionName && (
          <>
            <dt>{t('panel.section')}</dt>
            <dd>{i.location.sectionName}</dd>
          </>
        )}
        {i.placeKind && (
          <>
            <dt>{t('panel.placeKind')}</dt>
            <dd>{t(`place.${i.placeKind}` as 'place.station')}</dd>
          </>
        )}
      </dl>

      <h3>{t('resp.title')}</h3>
      <dl className="facts">
        <dt>{t('resp.lead')}</dt>
        <dd data-testid="detail-lead">{i.lead ? <ul className="agency-list agency-list-lead"><AgencyItem agency={i.lead} /></ul> : <span className="verdict-warn">{t('resp.noLead')}</span>}</dd>
        <dt>{t('resp.support')}</dt>
        <dd>{i.support.length ? <ul className="agency-list">{i.support.map((a) => <AgencyItem key={a.agencyId} agency={a} />)}</ul> : <span className="muted">{t('resp.nobody')}</span>}</dd>
        <dt>{t('resp.inform')}</dt>
        <dd>{i.inform.length ? <ul className="agency-list">{i.inform.map((a) => <AgencyItem key={a.agencyId} agency={a} />)}</ul> : <span className="muted">{t('resp.nobody')}</span>}</dd>
        <dt>{t('resp.timeLimit')}</dt>
        <dd>{formatDuration(i.timeLimitS, t)}</dd>
      </dl>
      {i.reasons.length > 0 && (
        <ol className="reasons">
          {i.reasons.map((r, n) => (
            <li key={`${r.code}-${n}`}>{r.text}</li>
          ))}
        </ol>
      )}
    </>
  );
}
