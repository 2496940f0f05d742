import { useState } from 'react';
import { useT } from '../../app/i18n/useT';
import { ApiError } from '../../api/errors';
import { bulletinApi } from './bulletinApi';

/** Import a CAP 1.2 alert file: the bulletin it became, or why it was refused. */
export function CapImport({ onDone }: { onDone(id: string): void }) {
  const { t } = useT();
  const [reasons, setReasons] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setReasons([]);
    try {
      const r = await bulletinApi.importCap(file);
      onDone(r.bulletin.id);
    } catch (e) {
      const reasons = e instanceof ApiError ? (e.details as { reasons?: string[] } | undefined)?.reasons : undefined;
      setReasons(reasons ?? [e instanceof Error ? e.message : String(e)]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="cap-import" data-testid="cap-import">
      <h2>{t('bulletin.importCap')}</h2>
      <p className="muted">{t('bulletin.importHint')}</p>
      <input type="file" accept=".xml,.cap,application/xml" data-testid="cap-file" disabled={busy} onChange={(e) => void pick(e.target.files?.[0])} />
      {reasons.length > 0 && (
        <div className="notice notice-error" role="alert" data-testid="cap-refused">
          {t('bulletin.importRefused')}
          <ul>
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
