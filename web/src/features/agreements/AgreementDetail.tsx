import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CooperationAgreement } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { formatDateTime } from '../incidents/formatDateTime';
import { AGREEMENTS_KEY, copyUrl, fileCopy, signAgreement, useAgreement } from './agreementApi';
import { ComplianceTable } from './ComplianceTable';
import { useTargetText } from './useTargetText';

/** One agreement: parties, scope, validity, obligations, signed copies (filed and put in force by the centre) and how it is kept. */
export function AgreementDetail({ id, centre, onEdit }: { id: string; centre: boolean; onEdit(a: CooperationAgreement): void }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const target = useTargetText();
  const q = useAgreement(id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await qc.invalidateQueries({ queryKey: AGREEMENTS_KEY });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (q.error != null)
    return (
      <p className="notice notice-error" role="alert">
        {errorText(q.error)}
      </p>
    );
  const a = q.data;
  if (!a) return <p className="muted">{t('coop.loading')}</p>;
  return (
    <article className="coop-detail" data-testid="coop-detail" data-status={a.status}>
      <header className="hazards-head">
        <h2>
          {a.title} <span className="muted">{a.code}</span>
        </h2>
        <span className={`coop-status coop-status-${a.status}`} data-testid="coop-status">
          {t(`coop.status.${a.status}`)}
        </span>
      </header>
      <dl className="coop-facts">
        <dt>{t('coop.form.kind')}</dt>
        <dd>{t(`coop.kind.${a.kind}`)}</dd>
        <dt>{t('coop.parties')}</dt>
        <dd>{a.parties.map((p) => p.name).join('、')}</dd>
        <dt>{t('coop.validity')}</dt>
        <dd>{t('coop.validityRange', { from: a.validFrom, to: a.validTo })}</dd>
        {a.scope.lines.length > 0 && (
          <>
            <dt>{t('coop.scope.lines')}</dt>
            <dd>{a.scope.lines.map((l) => `${l.lineName} ${l.from}—${l.to}`).join('；')}</dd>
          </>
        )}
        {a.scope.areas.length > 0 && (
          <>
            <dt>{t('coop.scope.areas')}</dt>
            <dd>{a.scope.areas.map((x) => x.name).join('、')}</dd>
          </>
        )}
        {a.note && (
          <>
            <dt>{t('coop.form.note')}</dt>
            <dd>{a.note}</dd>
          </>
        )}
      </dl>
      <h3>{t('coop.obligations')}</h3>
      <ul>
        {a.obligations.map((o, i) => (
          <li key={i}>
            {t(`coop.kindLabel.${o.kind}`)} · {o.partyName} · {target(o)}
            {o.text ? ` · ${o.text}` : ''}
          </li>
        ))}
      </ul>
      <h3>{t('coop.copies')}</h3>
      {!a.copies.length && <p className="muted">{t('coop.copies.none')}</p>}
      <ul>
        {a.copies.map((c) => (
          <li key={c.id}>
            <a href={copyUrl(a.id, c.id)} download={c.name} data-testid="coop-copy">
              {c.name}
            </a>{' '}
            <span className="muted">
              {c.uploadedBy} · {formatDateTime(c.uploadedAt, lang)}
            </span>
          </li>
        ))}
      </ul>
      {centre && (
        <div className="hazard-action-buttons">
          <label className="btn">
            {t('coop.copies.upload')}
            <input type="file" hidden accept="application/pdf,image/jpeg,image/png" data-testid="coop-copy-upload" disabled={busy} onChange={(e) => e.target.files?.[0] && act(() => fileCopy(a.id, e.target.files![0]!))} />
          </label>
          {a.status === 'draft' && (
            <button type="button" className="btn" data-testid="coop-edit" onClick={() => onEdit(a)}>
              {t('coop.edit')}
            </button>
          )}
          {a.status === 'draft' && (
            <button type="button" className="btn btn-primary" disabled={busy || !a.copies.length} data-testid="coop-sign" onClick={() => act(() => signAgreement(a.id))}>
              {t('coop.sign')}
            </button>
          )}
        </div>
      )}
      {error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
      <ComplianceTable agreementId={a.id} />
    </article>
  );
}
