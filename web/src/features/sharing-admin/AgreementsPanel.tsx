import { useEffect, useState } from 'react';
import { CLASSIFICATIONS, SHARED_KINDS, type Agency, type Classification } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { adminApi, type AgreementData } from './adminApi';

/** 数据共享协议: who may see which of another agency's data, up to which classification (admins). */
export function AgreementsPanel({ agencies }: { agencies: Agency[] }) {
  const { t } = useT();
  const errorText = useErrorText();
  const [list, setList] = useState<AgreementData[]>([]);
  const [tick, setTick] = useState(0);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [kinds, setKinds] = useState<string[]>(['bulletin', 'attachment']);
  const [max, setMax] = useState<Classification>('restricted');
  const [error, setError] = useState<string | null>(null);
  const name = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;
  useEffect(() => {
    const abort = new AbortController();
    adminApi.agreements(abort.signal).then((r) => !abort.signal.aborted && setList(r.agreements), (e: unknown) => !abort.signal.aborted && setError(errorText(e)));
    return () => abort.abort();
  }, [tick, errorText]);
  const save = async () => {
    setError(null);
    try {
      await adminApi.saveAgreement({ id: `ds-${from}-${to}`, fromAgencyId: from, toAgencyId: to, kinds: kinds as AgreementData['kinds'], maxClassification: max });
      setTick((n) => n + 1);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="admin-panel" data-testid="agreements-panel">
      <h3>
        {t('admin.agreements')} <span className="muted">({list.length})</span>
      </h3>
      <div className="admin-form">
        <select data-testid="agreement-from" value={from} onChange={(e) => setFrom(e.target.value)} aria-label={t('admin.from')}>
          <option value="">{t('admin.from')}</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <select data-testid="agreement-to" value={to} onChange={(e) => setTo(e.target.value)} aria-label={t('admin.to')}>
          <option value="">{t('admin.to')}</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        {SHARED_KINDS.map((k) => (
          <label key={k}>
            <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} />
            {t(`admin.kind.${k}`)}
          </label>
        ))}
        <select data-testid="agreement-max" value={max} onChange={(e) => setMax(e.target.value as Classification)} aria-label={t('admin.max')}>
          {CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {t('admin.upTo', { level: t(`bulletin.class.${c}`) })}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-primary" data-testid="agreement-save" disabled={!from || !to || kinds.length === 0} onClick={() => void save()}>
          {t('admin.saveAgreement')}
        </button>
      </div>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      <table className="admin-table">
        <tbody>
          {list.map((a) => (
            <tr key={a.id} data-testid="agreement-row" data-id={a.id}>
              <td>{name(a.fromAgencyId)} → {name(a.toAgencyId)}</td>
              <td>{a.kinds.map((k) => t(`admin.kind.${k}`)).join(t('form.listSeparator'))}</td>
              <td>{t('admin.upTo', { level: t(`bulletin.class.${a.maxClassification}`) })}</td>
              <td>
                <button type="button" className="btn btn-quiet btn-small" data-testid="agreement-delete" onClick={() => void adminApi.deleteAgreement(a.id).then(() => setTick((n) => n + 1), (e: unknown) => setError(errorText(e)))}>
                  {t('admin.end')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
