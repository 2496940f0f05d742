import { useT } from '../../app/i18n/useT';

/** The end of every incident dialog: the server's refusal, if any, then back and confirm. */
export function DialogFooter({ error, busy, onClose }: { error: string | null; busy: boolean; onClose: () => void }) {
  const { t } = useT();
  return (
    <>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="dialog-error">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" className="btn" onClick={onClose}>
          {t('dialog.back')}
        </button>
        <button type="submit" className="btn btn-primary" data-testid="dialog-confirm" disabled={busy}>
          {t('dialog.confirm')}
        </button>
      </div>
    </>
  );
}
