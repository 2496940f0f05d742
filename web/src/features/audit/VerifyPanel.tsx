import { useState } from 'react';
import type { AuditVerifyResult } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { auditApi } from './auditApi';

/** Checks the whole SM3 chain on the server and says whether it holds, or where it breaks. */
export function VerifyPanel() {
  const { t } = useT();
  const errorText = useErrorText();
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await auditApi.verify());
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="audit-verify">
      <button type="button" className="btn btn-primary" data-testid="audit-verify" disabled={busy} onClick={() => void run()}>
        {t('audit.verify')}
      </button>
      {result && (
        <p className={`notice ${result.ok ? 'notice-ok' : 'notice-error'}`} data-testid="audit-verdict" data-ok={result.ok} role="status">
          {result.ok
            ? t('audit.intact', { n: String(result.checked), hash: (result.headHash ?? '').slice(0, 16) })
            : t('audit.broken', { seq: String(result.firstBad?.seq ?? '?'), reason: result.firstBad?.message ?? '', n: String(result.checked) })}
        </p>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
