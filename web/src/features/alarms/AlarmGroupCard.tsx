import { Link } from 'react-router';
import type { Alarm, AlarmGroup } from '@railjoint/contracts';
import { paths } from '../../app/paths';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { AlarmRow } from './AlarmRow';
import { annotationText } from './alarmText';

/**
 * An alarm group: neighbouring sensors along one stretch (an intruder walking the fence), its
 * extent in mileage, whether a camera confirmed it, what the rules decided and why, and the
 * incident when they raised one.
 */
export function AlarmGroupCard({ group: g, alarms, canOperate }: { group: AlarmGroup; alarms: readonly Alarm[]; canOperate: boolean }) {
  const { t, num, lang } = useT();
  const extent = g.lineName && g.fromMileage && g.toMileage ? t('alarms.group.extent', { line: g.lineName, from: g.fromMileage, to: g.toMileage, m: num(g.extentM) }) : t('alarms.group.noLine');
  return (
    <li className="alarm-group" data-testid="alarm-group" data-group={g.id} data-from={g.fromMileage ?? ''} data-to={g.toMileage ?? ''} data-extent={g.extentM} data-decision={g.decision?.action ?? ''}>
      <div className="alarm-head">
        <strong>{t('alarms.group')}</strong>
        <span data-testid="alarm-group-extent">{extent}</span>
        <span className="muted">{t('alarms.group.alarms', { n: num(Math.max(alarms.length, g.alarms.length)) })}</span>
        <span className="muted">{formatDateTime(g.lastAt, lang)}</span>
        {g.confirmed && <span className="tag">{t('alarms.group.confirmed')}</span>}
        {g.decision && <span className={`tag alarm-decision-${g.decision.action}`}>{t(`alarms.group.decision.${g.decision.action}`)}</span>}
        {g.incidentCode ? (
          <Link to={paths.incident(g.incidentCode)} data-testid="alarm-group-incident">
            {t('alarms.group.incident', { code: g.incidentCode })}
          </Link>
        ) : (
          g.decision?.action === 'incident' && <span className="muted">{t('alarms.group.pending')}</span>
        )}
      </div>
      {g.annotations.length > 0 && (
        <ul className="alarm-notes">
          {g.annotations.map((n, i) => (
            <li key={`${n.kind}-${i}`} data-testid="group-note" data-kind={n.kind}>
              {annotationText(n, t)}
            </li>
          ))}
        </ul>
      )}
      {alarms.length > 0 && (
        <ul className="alarm-list">
          {alarms.map((a) => (
            <AlarmRow key={a.id} alarm={a} canOperate={canOperate} />
          ))}
        </ul>
      )}
    </li>
  );
}
