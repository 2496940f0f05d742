import { useState } from 'react';
import { api } from '../../api/endpoints';
import type { AssignmentRow } from '../../api/dispatchSchemas';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import type { MessageKey } from '../../app/i18n/zh-CN';
import { formatDateTime } from '../incidents/formatDateTime';
import { formatClock } from '../incidents/formatClock';
import { useCategoryName } from '../incidents/useCategoryName';
import { geoUri, isOverdue, navTarget } from './navigation';

interface Props {
  a: AssignmentRow;
  unitName: string;
  /** the platform's time, for the age and the overdue flag */
  now: number;
  onDone(): void;
}

/** One job on the phone: what and where, the way in with a navigation link, how long since it came, and 签收. */
export function MobileAssignment({ a, unitName, now, onDone }: Props) {
  const { t, lang, num } = useT();
  const errorText = useErrorText();
  const categoryName = useCategoryName();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = navTarget(a);
  const late = isOverdue(a, now);
  const ack = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.acknowledge(a.id);
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`mobile-assignment${late ? ' is-overdue' : ''}`} data-testid="mobile-assignment" data-status={a.status} data-code={a.code} data-overdue={late}>
      <div className="mobile-assignment-head">
        {a.priority && <span className={`priority-badge priority-${a.priority}`}>{a.priority}</span>}
        <strong className="mono">{a.code}</strong>
        {a.incident_status && <span className={`status-chip status-${a.incident_status}`}>{t(`status.${a.incident_status}` as MessageKey)}</span>}
      </div>
      <p className="mobile-what" data-testid="mobile-what">
        <strong>{a.category_id ? categoryName({ category: a.category_id, categoryName: a.category_name ?? a.category_id }) : ''}</strong>
        {a.line_name && a.mileage && <span> · {a.line_name} {a.mileage}</span>}
      </p>
      {a.description && <p className="mobile-description">{a.description}</p>}
      {target && (
        <div className="mobile-nav" data-testid="mobile-nav">
          <span>{target.viaAccess ? t('mobile.via', { name: target.label }) : t('mobile.toPlace')}</span>
          <span className="mono muted" data-testid="mobile-coordinates">
            {target.lat.toFixed(5)}, {target.lon.toFixed(5)}
          </span>
          <a className="btn mobile-big" data-testid="mobile-navigate" href={geoUri(target)}>
            {t('mobile.navigate')}
          </a>
        </div>
      )}
      <p className="mobile-times">
        {typeof a.eta_s === 'number' && <span>{t('mobile.eta', { min: num(Math.max(1, Math.round(a.eta_s / 60))) })} · </span>}
        <span>
          {t('mobile.since')} <span className="mono" data-testid="mobile-age">{formatClock((now - Date.parse(a.assigned_at)) / 1000)}</span>
        </span>
        {late && (
          <span className="mobile-overdue" data-testid="mobile-overdue">
            {' '}
            {t('mobile.overdue')}
          </span>
        )}
      </p>
      <p className="muted">{unitName}</p>
      {a.status === 'assigned' ? (
        <>
          {a.ack_deadline && <p className="muted">{t('mobile.deadline', { time: formatDateTime(a.ack_deadline, lang) })}</p>}
          <button type="button" className="btn btn-primary mobile-big" data-testid="mobile-acknowledge" disabled={busy} onClick={() => void ack()}>
            {t('mobile.acknowledge')}
          </button>
        </>
      ) : (
        <p className="status-chip assignment-acknowledged">{t('mobile.acknowledged')}</p>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
