import { useState } from 'react';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';

/**
 * A form's save: busy while it runs and the refusal kept to show, the form left as typed so the
 * user can correct it. The four civil-defence forms (checkpoint, plan, team, member) share it.
 */
export function useSaving(): { busy: boolean; error: unknown; save(work: () => Promise<void>): Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, save };
}

/** Save and cancel under a civil-defence form, and why the last save was refused. */
export function FormFooter({ saveTestId, errorTestId, busy, disabled = false, error, onCancel }: { saveTestId: string; errorTestId: string; busy: boolean; disabled?: boolean; error: unknown; onCancel(): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  return (
    <>
      <div className="patrol-admin-actions">
        <button type="submit" className="btn btn-primary" data-testid={saveTestId} disabled={busy || disabled}>
          {busy ? t('patrolAdmin.saving') : t('patrolAdmin.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('patrolAdmin.cancel')}
        </button>
      </div>
      {error !== null && (
        <p className="notice notice-error" role="alert" data-testid={errorTestId}>
          {errorText(error)}
        </p>
      )}
    </>
  );
}
