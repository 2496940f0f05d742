import { useMemo } from 'react';
import { Link } from 'react-router';
import { standardCharts } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { paths } from '../../app/paths';
import { formatDateTime } from '../incidents/formatDateTime';
import { EChart } from '../charts/EChart';
import { briefingFileUrl, useBriefing } from './briefingApi';

/** One briefing: its figures, the same charts as its files (drawn here by ECharts), the notable incidents, the downloads. */
export function BriefingDetail({ id }: { id: string }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const q = useBriefing(id);
  const charts = useMemo(() => (q.data ? standardCharts(q.data.figures, { lang, theme: 'light', fontSize: 12 }) : []), [q.data, lang]);
  if (q.error != null)
    return (
      <p className="notice notice-error" role="alert">
        {errorText(q.error)}
      </p>
    );
  if (!q.data) return <p className="muted">{t('briefings.loading')}</p>;
  const b = q.data;
  const f = b.figures;
  const totals: Array<[string, number]> = [
    ['briefings.totals.received', f.totals.received],
    ['briefings.totals.closed', f.totals.closed],
    ['briefings.totals.stillOpen', f.totals.stillOpen],
    ['P1', f.totals.byPriority.P1],
    ['P2', f.totals.byPriority.P2],
    ['briefings.totals.commands', f.totals.jointCommands],
    ['briefings.totals.declined', f.totals.transfersDeclined],
    ['briefings.totals.breaches', f.totals.limitBreaches],
  ];
  const m = f.modules;
  return (
    <article className="briefing" data-testid="briefing-detail" data-code={b.code}>
      <header className="briefing-head">
        <h2>{b.title}</h2>
        <div className="muted">
          {b.code} · {formatDateTime(b.generatedAt, lang).slice(0, 16)} · {b.generatedBy ? t('briefings.by', { name: b.generatedBy }) : t('briefings.by.schedule')} · {t('briefings.recipients', { n: b.recipients })} ·{' '}
          <Link to={paths.bulletin(b.bulletinCode)} data-testid="briefing-bulletin">
            {t('briefings.bulletin', { code: b.bulletinCode })}
          </Link>
        </div>
        <div className="hazard-action-buttons">
          <a className="btn" href={briefingFileUrl(b.id, 'html')} data-testid="briefing-html">
            {t('briefings.html')}
          </a>
          <a className="btn" href={briefingFileUrl(b.id, 'pdf')} data-testid="briefing-pdf">
            {t('briefings.pdf')}
          </a>
        </div>
      </header>
      <h3>{t('briefings.totals')}</h3>
      <dl className="briefing-totals">
        {totals.map(([k, v]) => (
          <div key={k}>
            <dt>{k.startsWith('briefings.') ? t(k as 'briefings.totals.received') : k}</dt>
            <dd data-testid={`briefing-total-${k.replace('briefings.totals.', '')}`}>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('briefings.charts')}</h3>
      <div className="briefing-charts">
        {charts.map((c) => (
          <EChart key={c.key} option={c.option} className="briefing-chart" testId={`briefing-chart-${c.key}`} label={c.title} renderer="svg" />
        ))}
      </div>
      <h3>{t('briefings.notable')}</h3>
      {f.notable.length === 0 ? (
        <p className="muted">{t('briefings.notable.none')}</p>
      ) : (
        <table className="hazards-table" data-testid="briefing-notable">
          <thead>
            <tr>
              <th>{t('briefings.notable.code')}</th>
              <th>{t('briefings.notable.time')}</th>
              <th>{t('briefings.notable.category')}</th>
              <th>{t('briefings.notable.place')}</th>
              <th>{t('briefings.notable.lead')}</th>
              <th>{t('briefings.notable.why')}</th>
            </tr>
          </thead>
          <tbody>
            {f.notable.map((n) => (
              <tr key={n.incidentId}>
                <td className="mono">{n.code}</td>
                <td className="hazards-nowrap">{formatDateTime(n.receivedAt, lang).slice(0, 16)}</td>
                <td>{n.category}</td>
                <td>{n.place}</td>
                <td>{n.leadAgency ?? '—'}</td>
                <td>{n.reasons.map((r) => t(`briefings.reason.${r}`)).join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {f.notableMore > 0 && <p className="muted">{t('briefings.notable.more', { n: f.notableMore })}</p>}
      <h3>{t('briefings.modules')}</h3>
      <ul className="briefing-modules">
        <li>{t('briefings.modules.hazards', { reported: m.hazards.reported, closed: m.hazards.closed, overdue: m.hazards.overdue })}</li>
        <li>{t('briefings.modules.alarms', { raised: m.alarms.raised, falseAlarms: m.alarms.falseAlarms })}</li>
        <li>{t('briefings.modules.patrols', { duties: m.patrols.duties, finished: m.patrols.patrolsFinished })}</li>
        <li>{t('briefings.modules.reports', { n: m.publicReports.received })}</li>
      </ul>
    </article>
  );
}
