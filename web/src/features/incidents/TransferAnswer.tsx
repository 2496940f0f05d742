import { useState } from 'react';
import { api } from '../../api/endpoints';
import type { IncidentDetail } from '../../api/incidentSchemas';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { pendingTransfer } from './pendingTransfer';

interface Props {
  incident: IncidentDetail;
  userAgencyId: string | null;
  onDone(): void;
}

/** A transfer waiting for an answer: who must answer, and for that agency 接收 / 拒绝 (with a reason). */
export function TransferAnswer({ incident, userAgencyId, onDone }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = pendingTransfer(incident);
  if (!pending) return null;
  const mine = userAgencyId === pending.to;

  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const decline = () => {
    if (!declining) {
      setDeclining(true);
      return;
    }
    if (!reason.trim()) {
      setError(t('dialog.incomplete'));
      return;
    }
    void run(() => api.declineTransfer(incident.id, reason.trim()));
  };

  return (
    <div className="transfer-pending notice" data-testid="transfer-pending" data-to={pending.to}>
      <span>{t('transfer.pending', { name: pending.toName })}</span>
      {pending.reason && <span className="muted">{pending.reason}</span>}
      {mine && (
        <>
          <button type="button" className="btn btn-primary" data-testid="accept-transfer" disabled={busy} onClick={() => void run(() => api.acceptTransfer(incident.id))}>
            {t('transfer.accept')}
          </button>
          {declining && (
            <label className="field">
              <span>{t('transfer.declineReason')}</span>
              <textarea data-testid="decline-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
          )}
          <button type="button" className="btn" data-testid="decline-transfer" disabled={busy} onClick={decline}>
            {t('transfer.decline')}
          </button>
        </>
      )}
      {error && (
        <p className="notice notice-error" role="alert" data-testid="transfer-error">
          {error}
        </p>
      )}
    </div>
  );
}
