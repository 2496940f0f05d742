import { Link } from 'react-router';
import { useT } from '../../app/i18n/useT';
import { formatClock } from '../incidents/formatClock';
import { formatDateTime } from '../incidents/formatDateTime';
import { isWaiting, type Alert } from './alertApi';
import { linkOf } from './alertKinds';
import { alertDetail, alertTitle, resolvedText } from './alertText';

interface Props {
  alert: Alert;
  now: number;
  busy: boolean;
  onAcknowledge(id: string): void;
  onOpen(): void;
}

/** One alert: what, about which case, how long ago, and who took it or what settled it. */
export function AlertItem({ alert: a, now, busy, onAcknowledge, onOpen }: Props) {
  const { t, lang } = useT();
  const waiting = isWaiting(a);
  const link = linkOf(a);
  const detail = alertDetail(a, t);
  return (
    <li className={`alert-item sev-${a.severity}${waiting ? ' is-waiting' : ''}`} data-testid="alert-item" data-kind={a.kind} data-severity={a.severity} data-state={waiting ? 'waiting' : 'settled'} data-subject={a.subject.code ?? ''}>
      <div className="alert-head">
        <span className={`alert-sev sev-${a.severity}`}>{t(`alerts.severity.${a.severity}`)}</span>
        <strong className="alert-title">{alertTitle(a, t)}</strong>
        <span className="alert-age mono" title={formatDateTime(a.raisedAt, lang)}>
          {formatClock((now - Date.parse(a.raisedAt)) / 1000)}
        </span>
      </div>
      <div className="alert-body">
        {a.subject.code &&
          (link ? (
            <Link to={link} className="alert-subject mono" data-testid="alert-open" onClick={onOpen}>
              {a.subject.code}
            </Link>
          ) : (
            <span className="alert-subject mono">{a.subject.code}</span>
          ))}
        {detail && <span className="alert-detail">{detail}</span>}
      </div>
      <div className="alert-foot">
        {waiting ? (
          <button type="button" className="btn btn-primary alert-ack" data-testid="alert-ack" disabled={busy} onClick={() => onAcknowledge(a.id)}>
            {t('alerts.acknowledge')}
          </button>
        ) : a.acknowledged ? (
          <span className="muted" data-testid="alert-acknowledged">
            {t('alerts.acknowledged', { name: a.acknowledged.by, time: formatDateTime(a.acknowledged.at, lang) })}
          </span>
        ) : (
          <span className="muted" data-testid="alert-resolved">
            {t('alerts.resolvedAt', { what: resolvedText(a.resolved?.by ?? '', t), time: formatDateTime(a.resolved?.at ?? a.raisedAt, lang) })}
          </span>
        )}
      </div>
    </li>
  );
}
