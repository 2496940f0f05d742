import { useState } from 'react';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { platformNow } from '../../api/platformClock';
import { useCompliance } from './agreementApi';
import { useTargetText } from './useTargetText';

/** The Beijing month the platform's clock is in, as YYYY-MM. */
const thisMonth = () => new Date(platformNow() + 8 * 3_600_000).toISOString().slice(0, 7);

/** 履约情况: each obligation measured for a month from the platform's own records, against its target. */
export function ComplianceTable({ agreementId }: { agreementId: string }) {
  const { t, num } = useT();
  const errorText = useErrorText();
  const target = useTargetText();
  const [month, setMonth] = useState(thisMonth);
  const q = useCompliance(agreementId, month);
  return (
    <section data-testid="coop-compliance">
      <header className="hazards-head">
        <h3>{t('coop.compliance')}</h3>
        <label>
          {t('coop.month')} <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} data-testid="coop-month" />
        </label>
      </header>
      {q.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(q.error)}
        </p>
      )}
      {q.data && (
        <table className="hazards-table">
          <thead>
            <tr>
              <th>{t('coop.col.obligation')}</th>
              <th>{t('coop.col.party')}</th>
              <th>{t('coop.col.target')}</th>
              <th>{t('coop.col.value')}</th>
              <th>{t('coop.col.met')}</th>
              <th>{t('coop.col.counted')}</th>
            </tr>
          </thead>
          <tbody>
            {q.data.obligations.map((o) => (
              <tr key={o.index} data-testid="coop-obligation" data-kind={o.kind} data-met={String(o.met)}>
                <td>{t(`coop.kindLabel.${o.kind}`)}</td>
                <td>{o.partyName}</td>
                <td>{target(o)}</td>
                <td>
                  {o.value === null ? '—' : o.unit === 'hours' ? t('coop.hours', { n: num(o.value) }) : t('coop.percent', { n: num(o.value) })}
                  {o.medianMin !== null && <span className="muted"> · {t('coop.median', { n: num(o.medianMin) })}</span>}
                </td>
                <td className={o.met === false ? 'hazard-late' : undefined}>{o.met === null ? t('coop.met.none') : o.met ? t('coop.met.yes') : t('coop.met.no')}</td>
                <td>{t('coop.counted', { within: num(o.within), counted: num(o.counted) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
