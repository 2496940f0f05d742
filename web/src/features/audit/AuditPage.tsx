import { useEffect, useState } from 'react';
import type { AuditEntry, User } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { TopBar } from '../../app/TopBar';
import { formatDateTime } from '../incidents/formatDateTime';
import { auditApi, type AuditFilter } from './auditApi';
import { VerifyPanel } from './VerifyPanel';
import './audit.css';

/** The auditor's workplace: verify the SM3 chain, search entries, export the whole trail. */
export function AuditPage({ user, onSignOut }: { user: User; onSignOut(): void }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [applied, setApplied] = useState<AuditFilter>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    auditApi.search(applied, abort.signal).then(
      (r) => !abort.signal.aborted && setEntries(r.entries),
      (e: unknown) => !abort.signal.aborted && setError(errorText(e)),
    );
    return () => abort.abort();
  }, [applied, errorText]);

  return (
    <div className="audit-page" data-testid="audit-page">
      <TopBar user={user} onSignOut={onSignOut} />
      <main className="audit-main">
        <h2>{t('audit.title')}</h2>
        <VerifyPanel />
        <form
          className="audit-filter"
          onSubmit={(e) => {
            e.preventDefault();
            setApplied({ ...filter });
          }}
        >
          <input data-testid="audit-entity" placeholder={t('audit.entity')} value={filter.entity ?? ''} onChange={(e) => setFilter({ ...filter, entity: e.target.value || undefined })} />
          <input data-testid="audit-entity-id" placeholder={t('audit.entityId')} value={filter.entityId ?? ''} onChange={(e) => setFilter({ ...filter, entityId: e.target.value || undefined })} />
          <select data-testid="audit-kind" value={filter.kind ?? ''} onChange={(e) => setFilter({ ...filter, kind: e.target.value as AuditFilter['kind'] })}>
            <option value="">{t('audit.anyKind')}</option>
            <option value="write">{t('audit.write')}</option>
            <option value="read">{t('audit.read')}</option>
          </select>
          <select data-testid="audit-result" value={filter.result ?? ''} onChange={(e) => setFilter({ ...filter, result: e.target.value as AuditFilter['result'] })}>
            <option value="">{t('audit.anyResult')}</option>
            <option value="ok">{t('audit.ok')}</option>
            <option value="denied">{t('audit.denied')}</option>
          </select>
          <button type="submit" className="btn" data-testid="audit-search">
            {t('audit.search')}
          </button>
          <a className="btn btn-quiet" href={auditApi.exportUrl('csv')} download data-testid="audit-export-csv">
            {t('audit.exportCsv')}
          </a>
          <a className="btn btn-quiet" href={auditApi.exportUrl('ndjson')} download>
            {t('audit.exportNdjson')}
          </a>
        </form>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <table className="audit-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('audit.when')}</th>
              <th>{t('audit.who')}</th>
              <th>{t('audit.what')}</th>
              <th>{t('audit.from')}</th>
              <th>{t('audit.resultCol')}</th>
              <th>SM3</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} data-testid="audit-row" data-kind={e.kind} data-result={e.result}>
                <td className="mono">{e.seq}</td>
                <td>{formatDateTime(e.at, lang)}</td>
                <td>
                  {e.username ?? '—'} <span className="muted">{e.agencyId} · {e.roles.join(',')}</span>
                </td>
                <td>
                  {e.kind === 'read' ? t('audit.read') : t('audit.write')} {e.entity}:{e.entityId} · {e.action}
                </td>
                <td className="muted">{e.client ?? '—'}</td>
                <td className={e.result === 'denied' ? 'verdict-warn' : ''}>{e.result === 'ok' ? t('audit.ok') : t('audit.denied')}</td>
                <td className="mono muted" title={e.hash}>
                  {e.hash.slice(0, 12)}…
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </main>
    </div>
  );
}
