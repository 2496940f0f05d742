import { useState } from 'react';
import { api } from '../../api/endpoints';
import { useErrorText } from '../../api/useErrorText';
import type { IncidentDetail } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';
import { ApiError } from '../../api/errors';
import type { DialogKind } from './ActionDialog';

/**
 * Steps that need nothing but a click; the rest open a dialog. The server's allowedActions decide
 * which show. Dispatching is not here: it is the dispatch panel's one action, with the units.
 */
const DIRECT = ['en-route', 'on-scene', 'clear'] as const;
const WITH_DIALOG = ['close', 'cancel', 'merge'] as const;

interface Props {
  incident: IncidentDetail;
  onDone(): void;
  onDialog(kind: DialogKind): void;
  onTransfer(): void;
}

export function ActionBar({ incident, onDone, onDialog, onTransfer }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const allowed = new Set(incident.allowedActions);
  const terminal = ['closed', 'merged', 'cancelled'].includes(incident.status);

  const run = async (name: string, call: () => Promise<unknown>) => {
    setBusy(name);
    setError(null);
    try {
      await call();
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'illegal_transition') {
        const allowedNow = (err.details as { allowed?: string[] } | undefined)?.allowed ?? [];
        setError(t('action.illegal', { allowed: allowedNow.join(', ') }));
        onDone();
      } else setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="action-bar" data-testid="action-bar">
      {DIRECT.filter((a) => allowed.has(a)).map((a) => (
        <button key={a} type="button" className="btn btn-primary" data-testid={`action-${a}`} disabled={busy !== null} onClick={() => void run(a, () => api.incidentAction(incident.id, a))}>
          {t(`action.${a}`)}
        </button>
      ))}
      {WITH_DIALOG.filter((a) => allowed.has(a)).map((a) => (
        <button key={a} type="button" className={a === 'close' ? 'btn btn-primary' : 'btn'} data-testid={`action-${a}`} disabled={busy !== null} onClick={() => onDialog(a)}>
          {t(`action.${a}`)}
        </button>
      ))}
      {allowed.has('transfer') && (
        <button type="button" className="btn" data-testid="action-transfer" disabled={busy !== null} onClick={onTransfer}>
          {t('action.transfer')}
        </button>
      )}
      {!terminal && (
        <button type="button" className="btn" data-testid="action-reprioritise" onClick={() => onDialog('reprioritise')}>
          {t('action.reprioritise')}
        </button>
      )}
      {!terminal && incident.likelyDuplicates.length > 0 && (
        <button type="button" className="btn" data-testid="action-keep-apart" disabled={busy !== null} onClick={() => void run('keep-apart', () => api.keepApart(incident.id))}>
          {t('action.keep-apart')}
        </button>
      )}
      <button type="button" className="btn btn-quiet" data-testid="action-note" onClick={() => onDialog('note')}>
        {t('action.note')}
      </button>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="action-error">
          {error}
        </p>
      )}
    </div>
  );
}
