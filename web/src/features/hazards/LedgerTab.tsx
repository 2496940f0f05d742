import type { LedgerRow } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { formatDateTime } from '../incidents/formatDateTime';
import { ledgerFileUrl, useLedger } from './hazardApi';

/** 台账: counts per township, section and owner over the hazards the reader may see, with its Excel and PDF copies. */
export function LedgerTab() {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const q = useLedger();
  const l = q.data;
  return (
    <div className="hazards-ledger" data-testid="hazards-ledger">
      <header className="hazards-head">
        <h2>{t('hazards.ledger.title')}</h2>
        {l && <span className="muted">{t('hazards.ledger.at', { time: formatDateTime(l.at, lang) })}</span>}
        <a className="btn" data-testid="ledger-xlsx" href={ledgerFileUrl('xlsx')} download>
          {t('hazards.ledger.xlsx')}
        </a>
        <a className="btn" data-testid="ledger-pdf" href={ledgerFileUrl('pdf')} download>
          {t('hazards.ledger.pdf')}
        </a>
      </header>
      {q.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(q.error)}
        </p>
      )}
      {q.isPending && <p className="muted">{t('hazards.loading')}</p>}
      {l && (
        <div className="hazards-ledger-grid">
          <Counts title={t('hazards.ledger.byTownship')} rows={l.byTownship} totals={l.totals} testId="ledger-township" />
          <Counts title={t('hazards.ledger.bySection')} rows={l.bySection} totals={l.totals} testId="ledger-section" />
          <Counts title={t('hazards.ledger.byOwner')} rows={l.byOwner} totals={l.totals} testId="ledger-owner" />
        </div>
      )}
    </div>
  );
}

function Counts({ title, rows, totals, testId }: { title: string; rows: LedgerRow[]; totals: LedgerRow; testId: string }) {
  const { t, num } = useT();
  const max = Math.max(1, ...rows.map((r) => r.total));
  const line = (r: LedgerRow, total = false) => (
    <tr key={r.key} data-testid={total ? undefined : 'ledger-row'} className={total ? 'hazards-total' : undefined}>
      <td>{total ? t('hazards.ledger.totals') : r.name}</td>
      <td>{num(r.total)}</td>
      <td>{num(r.open)}</td>
      <td className={r.overdue ? 'hazard-late' : undefined} data-testid="ledger-overdue">
        {num(r.overdue)}
      </td>
      <td>{num(r.closed)}</td>
      <td className="ledger-bar-cell" aria-hidden="true">
        {!total && (
          // open and overdue as a bar, so the stretch that lags shows at a glance
          <svg className="ledger-bar" viewBox={`0 0 ${max} 1`} preserveAspectRatio="none">
            <rect x="0" y="0" width={r.closed} height="1" fill="#9fc5a8" />
            <rect x={r.closed} y="0" width={r.open - r.overdue} height="1" fill="#f2c46d" />
            <rect x={r.closed + r.open - r.overdue} y="0" width={r.overdue} height="1" fill="#d9534f" />
          </svg>
        )}
      </td>
    </tr>
  );
  return (
    <section className="hazards-ledger-part">
      <h3>{title}</h3>
      <table className="hazards-table" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('hazards.ledger.name')}</th>
            <th>{t('hazards.ledger.total')}</th>
            <th>{t('hazards.ledger.open')}</th>
            <th>{t('hazards.ledger.overdue')}</th>
            <th>{t('hazards.ledger.closed')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => line(r))}
          {line(totals, true)}
        </tbody>
      </table>
    </section>
  );
}
