import { lazy, Suspense, useMemo, useState } from 'react';
import { platformNow } from '../../api/platformClock';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { useNetworkData } from '../map/useNetworkData';
import { usePatrolAlerts, useCoverage, useSections, useTeamRecords } from './coverageApi';
import { freshness, FRESHNESS_COLOURS, sectionFeatures, type Freshness } from './sectionPaths';
import './coverage.css';

const CoverageMap = lazy(() => import('./CoverageMap').then((m) => ({ default: m.CoverageMap })));

/** Where the console opens the coverage view. */
export const COVERAGE_PATH = '/patrols';

function beijingDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * 巡防覆盖: the centre's view of prevention along the line — each section coloured by the hours
 * since it was last patrolled (map and table), the day's checkpoint visits against the plans
 * (on time, late, missed, still to come), joint patrols, open patrol alerts and each team's record.
 */
export function CoverageRoom() {
  const { t, lang, num } = useT();
  const errorText = useErrorText();
  const [date, setDate] = useState(() => beijingDate(platformNow()));
  const [lineId, setLineId] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const coverage = useCoverage(date, lineId);
  const teams = useTeamRecords(date);
  const alerts = usePatrolAlerts();
  const { network } = useNetworkData();
  const sections = useSections();
  const lines = useMemo(() => (network?.features ?? []).flatMap((f) => (f.properties.kind === 'line' ? [{ id: f.properties.id, name: f.properties.name }] : [])), [network]);
  const lineName = (id: string) => lines.find((l) => l.id === id)?.name ?? id;
  // what needs the centre first: planned or patrolled sections, the longest unpatrolled and the
  // most missed on top; sections no plan covers and nobody walked at the end
  const rows = useMemo(() => {
    const idle = (s: { planned: number; hoursSince: number | null }) => (s.planned === 0 && s.hoursSince === null ? 1 : 0);
    return [...(coverage.data?.sections ?? [])].sort((a, b) => idle(a) - idle(b) || b.missed - a.missed || (b.hoursSince ?? Infinity) - (a.hoursSince ?? Infinity) || a.name.localeCompare(b.name, 'zh-CN'));
  }, [coverage.data]);
  const ranges = useMemo(() => new Map((sections.data?.sections ?? []).map((s) => [s.id, { from: s.fromMileage, to: s.toMileage }])), [sections.data]);
  const features = useMemo(() => (network && coverage.data ? sectionFeatures(network, coverage.data.sections, ranges) : null), [network, coverage.data, ranges]);
  const totals = coverage.data?.totals;
  const error = coverage.error ?? alerts.error ?? teams.error;

  return (
    <main className="coverage-room" data-testid="coverage-room">
      <header className="coverage-head">
        <h2>{t('coverage.title')}</h2>
        <label>
          {t('coverage.date')}
          <input type="date" data-testid="coverage-date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
        </label>
        <label>
          {t('coverage.line')}
          <select data-testid="coverage-line" value={lineId} onChange={(e) => setLineId(e.target.value)}>
            <option value="">{t('coverage.allLines')}</option>
            {lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      </header>
      {error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {totals && (
        <p className="coverage-totals" data-testid="coverage-totals">
          {t('coverage.totals', {
            sections: num(totals.sections),
            patrolled: num(totals.patrolledToday),
            planned: num(totals.planned),
            onTime: num(totals.onTime),
            late: num(totals.late),
            missed: num(totals.missed),
            pending: num(totals.pending),
            jointDone: num(totals.jointDone),
            jointPlanned: num(totals.jointPlanned),
          })}
        </p>
      )}

      <div className="coverage-body">
        <section className="coverage-map-box">
          <h3>{t('coverage.map')}</h3>
          <ul className="coverage-legend">
            {(['fresh', 'day', 'old', 'never'] as Freshness[]).map((f) => (
              <li key={f}>
                <span className="coverage-swatch" style={{ background: FRESHNESS_COLOURS[f] }} />
                {t(`coverage.legend.${f}`)}
              </li>
            ))}
          </ul>
          {network && features ? (
            <Suspense fallback={<div className="coverage-map" />}>
              <CoverageMap network={network} sections={features} onSection={setSelected} />
            </Suspense>
          ) : (
            <p className="muted">{t('coverage.loading')}</p>
          )}
        </section>

        <section className="coverage-alerts" data-testid="coverage-alerts">
          <h3>{t('coverage.alerts')}</h3>
          {(alerts.data?.alerts ?? []).length === 0 ? (
            <p className="muted">{t('coverage.noAlerts')}</p>
          ) : (
            <ul>
              {alerts.data!.alerts.map((a) => (
                <li key={a.id} className={`coverage-alert is-${a.kind}`} data-testid="coverage-alert" data-kind={a.kind} data-team={a.teamId}>
                  <strong>{t(`coverage.alert.${a.kind}`)}</strong> {a.teamName}
                  {a.checkpointIds.length > 0 && <span> · {t('coverage.alertCheckpoints', { n: num(a.checkpointIds.length) })}</span>}
                  <span className="muted"> · {formatDateTime(a.raisedAt, lang)}</span>
                  <button type="button" className="btn btn-quiet" onClick={() => void alerts.acknowledge(a.id).catch(() => undefined)}>
                    {t('coverage.acknowledge')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section>
        <h3>{t('coverage.table')}</h3>
        <div className="coverage-table-wrap">
          <table className="coverage-table" data-testid="coverage-table">
            <thead>
              <tr>
                <th>{t('coverage.section')}</th>
                <th>{t('coverage.hoursSince')}</th>
                <th>{t('coverage.planned')}</th>
                <th>{t('coverage.onTime')}</th>
                <th>{t('coverage.late')}</th>
                <th>{t('coverage.missed')}</th>
                <th>{t('coverage.pending')}</th>
                <th>{t('coverage.rate')}</th>
                <th>{t('coverage.joint')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => {
                const f = freshness(s.hoursSince);
                const judged = s.onTime + s.late + s.missed;
                return (
                  <tr key={s.sectionId} data-testid="coverage-row" data-section={s.sectionId} data-freshness={f} data-hours={s.hoursSince ?? ''} className={selected === s.sectionId ? 'is-selected' : undefined}>
                    <td>
                      <span className="coverage-swatch" style={{ background: FRESHNESS_COLOURS[f] }} /> {s.name} <span className="muted">{lineName(s.lineId)}</span>
                    </td>
                    <td data-testid="coverage-hours">{s.hoursSince === null ? t('coverage.never') : t('coverage.hours', { h: num(s.hoursSince, 1) })}</td>
                    <td>{num(s.planned)}</td>
                    <td>{num(s.onTime)}</td>
                    <td>{num(s.late)}</td>
                    <td className={s.missed ? 'coverage-bad' : undefined}>{num(s.missed)}</td>
                    <td>{num(s.pending)}</td>
                    <td>{judged ? `${num(Math.round((100 * s.onTime) / judged))}%` : '—'}</td>
                    <td>{s.jointPlanned ? t('coverage.jointOf', { done: num(s.jointDone), planned: num(s.jointPlanned) }) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section>
        <h3>{t('coverage.teams')}</h3>
        <div className="coverage-table-wrap">
          <table className="coverage-table" data-testid="coverage-teams">
            <thead>
              <tr>
                <th>{t('coverage.team')}</th>
                <th>{t('coverage.planned')}</th>
                <th>{t('coverage.onTime')}</th>
                <th>{t('coverage.late')}</th>
                <th>{t('coverage.missed')}</th>
                <th>{t('coverage.refused')}</th>
                <th>{t('coverage.patrols')}</th>
                <th>{t('coverage.findings')}</th>
                <th>{t('coverage.joint')}</th>
                <th>{t('coverage.alertCount')}</th>
              </tr>
            </thead>
            <tbody>
              {(teams.data?.teams ?? []).map((r) => (
                <tr key={r.teamId} data-testid="coverage-team" data-team={r.teamId}>
                  <td>{r.teamName}</td>
                  <td>{num(r.planned)}</td>
                  <td>{num(r.onTime)}</td>
                  <td>{num(r.late)}</td>
                  <td>{num(r.missed)}</td>
                  <td>{num(r.refused)}</td>
                  <td>{num(r.patrols)}</td>
                  <td>{num(r.findings)}</td>
                  <td>{num(r.jointDuties)}</td>
                  <td>{num(r.alerts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
