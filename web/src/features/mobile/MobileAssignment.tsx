import { useState } from 'react';
import { api } from '../../api/endpoints';
import type { AssignmentRow } from '../../api/dispatchSchemas';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import type { MessageKey } from '../../app/i18n/zh-CN';
import { formatDateTime } from '../incidents/formatDateTime';

/** One assignment on the phone: what, where, for which unit, and a big 签收 button. */
export function MobileAssignment({ a, unitName, onDone }: { a: AssignmentRow; unitName: string; onDone(): void }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
    <li className="mobile-assignment" data-testid="mobile-assignment" data-status={a.status} data-code={a.code}>
      <div className="mobile-assignment-head">
        {a.priority && <span className={`priority-badge priority-${a.priority}`}>{a.priority}</span>}
        <strong className="mono">{a.code}</strong>
        {a.incident_status && <span className={`status-chip status-${a.incident_status}`}>{t(`status.${a.incident_status}` as MessageKey)}</span>}
      </div>
      <p>
        {unitName}
        {a.mileage ? ` · ${a.mileage}` : ''}
      </p>
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
