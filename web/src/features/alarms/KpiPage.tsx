import { Link, useSearchParams } from 'react-router';
import type { AlarmKpis, FalseAlarmRates } from '@railjoint/contracts';
import { paths } from '../../app/paths';
import { platformNow } from '../../api/platformClock';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { falseTone } from '../devices/falseRate';
import { useAlarmKpis, useKpiAvailability, useKpiFalseRates } from './alarmApi';
import { conditionName } from './alarmText';
import { BarList, DailyRateChart, HourlyRateChart } from './charts';
import { periodKey, readPeriod, shortForFalseRates, writePeriod, type KpiPeriod } from './kpiPeriod';
import { PeriodPicker } from './PeriodPicker';

/** Availability an owner is held to on the chart (a line at 95 %). */
const AVAILABILITY_MARK = 0.95;
/** Consoles drawn as charts; the rest are in the table. */
const CHARTED = 6;
/** Devices listed by false-alarm rate: the ten an owner should visit first. */
const TOP_FALSE = 10;
/** Periods up to two days are drawn an hour a bar; longer ones a Beijing day a bar. */
const HOURLY_UP_TO_MS = 48 * 3600_000;

/**
 * 报警指标: the alarm-management figures of ISA-18.2 / EEMUA 191 over one period — alarms per
 * hour per console against the 6 and 12 an hour lines, share of time in flood, the ten most
 * frequent alarms, chattering and stale alarms (the target for both is zero), device
 * availability per owner, false alarms per kind and the devices most often wrong. The period
 * (last night, a week, a month) is in the address, so a reload or a shared link shows the same.
 */
export function KpiPage() {
  const [params, setParams] = useSearchParams();
  const period = readPeriod(params, platformNow());
  const choose = (p: KpiPeriod) => setParams(writePeriod(params, p));
  const { t } = useT();
  return (
    <section className="kpi-page" data-testid="kpi-page" aria-labelledby="kpi-title">
      <header className="defence-section-head">
        <h3 id="kpi-title">{t('kpi.title')}</h3>
      </header>
      <PeriodPicker key={periodKey(period)} value={period} onChange={choose} />
      <KpiFigures period={period} />
    </section>
  );
}

function KpiFigures({ period }: { period: KpiPeriod }) {
  const { t, num, lang } = useT();
  const errorText = useErrorText();
  const { data, error, isPlaceholderData } = useAlarmKpis(period);
  const availability = useKpiAvailability(period);
  const falseRates = useKpiFalseRates(period);
  const percent = (x: number) => `${num(x * 100, 1)}%`;
  // an answer for another period is kept on screen, dimmed, until this one's arrives
  if (error && (!data || isPlaceholderData)) {
    return (
      <p className="notice notice-error" role="alert">
        {errorText(error)}
      </p>
    );
  }
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  const busy = isPlaceholderData || availability.isPlaceholderData || falseRates.isPlaceholderData;
  const hourly = Date.parse(data.to) - Date.parse(data.from) <= HOURLY_UP_TO_MS && data.consoles.every((c) => c.hourly.length > 0);
  const consoles = [...data.consoles].sort((a, b) => b.alarms - a.alarms || a.name.localeCompare(b.name, 'zh-CN'));
  const charted = consoles.filter((c) => c.alarms > 0).slice(0, CHARTED);
  const tone = (perHour: number) => (perHour > data.targets.manageablePerHour ? 'danger' : perHour > data.targets.acceptablePerHour ? 'warn' : 'ok');
  const topMax = Math.max(1, ...data.top.map((x) => x.count));
  const owners = [...(availability.data?.owners ?? [])].sort((a, b) => a.availability - b.availability || a.name.localeCompare(b.name, 'zh-CN'));

  return (
    <div aria-busy={busy} className="kpi-figures">
      <p className="kpi-period-shown">
        <strong data-testid="kpi-period" data-from={data.from} data-to={data.to}>
          {t('kpi.period', { from: formatDateTime(data.from, lang), to: formatDateTime(data.to, lang) })}
        </strong>
        {busy && <span className="muted"> · {t('kpi.updating')}</span>}
      </p>
      <div className="kpi-grid">
        <div className="kpi-card kpi-wide">
          <h4>{t('kpi.rate')}</h4>
          {charted.length === 0 && <p className="muted">{t('kpi.noAlarms')}</p>}
          {charted.length > 0 && !hourly && <p className="muted">{t('kpi.rate.perDay')}</p>}
          <div className="kpi-rate-grid">
          {charted.map((c) => (
            <figure key={c.agencyId} className="kpi-figure" data-testid="kpi-console" data-console={c.agencyId}>
              <figcaption>
                <strong>{c.name}</strong> · {t('kpi.perHour', { n: num(c.perHour, 1) })}
              </figcaption>
              {hourly ? (
                <HourlyRateChart
                  hourly={c.hourly}
                  fromIso={data.from}
                  acceptable={data.targets.acceptablePerHour}
                  manageable={data.targets.manageablePerHour}
                  label={t('kpi.rate.chart', { name: c.name })}
                  acceptableLabel={t('kpi.rate.acceptable', { n: num(data.targets.acceptablePerHour) })}
                  manageableLabel={t('kpi.rate.manageable', { n: num(data.targets.manageablePerHour) })}
                />
              ) : (
                <DailyRateChart
                  daily={c.daily}
                  acceptable={data.targets.acceptablePerHour}
                  manageable={data.targets.manageablePerHour}
                  label={t('kpi.rate.dailyChart', { name: c.name })}
                  dayLabel={(d, avg) => t('kpi.rate.day', { day: d.day, n: num(d.alarms), avg: num(avg, 1), peak: num(d.peakHour) })}
                  acceptableLabel={t('kpi.rate.acceptable', { n: num(data.targets.acceptablePerHour) })}
                  manageableLabel={t('kpi.rate.manageable', { n: num(data.targets.manageablePerHour) })}
                />
              )}
            </figure>
          ))}
          </div>
          <table className="defence-table" data-testid="kpi-consoles">
            <thead>
              <tr>
                <th>{t('kpi.col.console')}</th>
                <th>{t('kpi.col.alarms')}</th>
                <th>{t('kpi.col.perHour')}</th>
                <th>{t('kpi.col.flood')}</th>
              </tr>
            </thead>
            <tbody>
              {consoles.map((c) => (
                <tr key={c.agencyId}>
                  <td>{c.name}</td>
                  <td>{num(c.alarms)}</td>
                  <td className={`kpi-${tone(c.perHour)}`}>{num(c.perHour, 1)}</td>
                  <td>{percent(c.floodShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <div className="kpi-card">
          <h4>{t('kpi.flood', { n: num(data.targets.floodPer10Min) })}</h4>
          {consoles.length === 0 ? (
            <p className="muted">{t('kpi.noAlarms')}</p>
          ) : (
            <BarList
              testId="kpi-flood"
              label={t('kpi.flood', { n: num(data.targets.floodPer10Min) })}
              max={Math.max(0.1, ...consoles.map((c) => c.floodShare))}
              items={consoles.map((c) => ({ key: c.agencyId, label: c.name, value: c.floodShare, shown: percent(c.floodShare), tone: c.floodShare > 0.01 ? 'danger' : 'ok' }))}
            />
          )}
        </div>

        <div className="kpi-card">
          <h4>{t('kpi.top')}</h4>
          {data.top.length === 0 ? (
            <p className="muted">{t('kpi.noAlarms')}</p>
          ) : (
            <BarList testId="kpi-top" label={t('kpi.top')} max={topMax} items={data.top.map((x) => ({ key: x.id, label: `${x.deviceName} · ${conditionName(x.condition, t)}`, value: x.count, shown: num(x.count) }))} />
          )}
        </div>

        <div className="kpi-card">
          <h4>{t('kpi.chattering')}</h4>
          <ZeroList testId="kpi-chattering" rows={data.chattering.map((c) => ({ key: c.alarmId, text: `${c.deviceName} · ${conditionName(c.condition, t)}` }))} />
        </div>

        <div className="kpi-card">
          <h4>{t('kpi.stale')}</h4>
          <ZeroList testId="kpi-stale" rows={data.stale.map((s) => ({ key: s.alarmId, text: `${s.deviceName} · ${conditionName(s.condition, t)} · ${t('kpi.col.since')} ${formatDateTime(s.activeSince, lang)}` }))} />
        </div>

        <div className="kpi-card">
          <h4>{t('kpi.availability')}</h4>
          <p data-testid="kpi-availability-mean">{t('kpi.availabilityMean', { n: num(data.availability.devices), p: percent(data.availability.mean) })}</p>
          {owners.length > 0 && (
            <BarList
              testId="kpi-availability"
              label={t('kpi.availability')}
              max={1}
              mark={{ value: AVAILABILITY_MARK, text: percent(AVAILABILITY_MARK) }}
              items={owners.map((o) => ({ key: o.agencyId, label: o.name, value: o.availability, shown: percent(o.availability), tone: o.availability < AVAILABILITY_MARK ? 'danger' : 'ok' }))}
            />
          )}
        </div>

        <div className="kpi-card">
          <h4>{t('kpi.falseByKind')}</h4>
          <FalseByKind rows={data.falseAlarms.byKind} />
        </div>

        <div className="kpi-card kpi-wide">
          <h4>{t('devices.false.top')}</h4>
          {shortForFalseRates(data.from, data.to) && (
            <p className="muted" data-testid="kpi-false-short">
              {t('kpi.falseShort')}
            </p>
          )}
          <TopFalse rates={falseRates.data} />
        </div>
      </div>
    </div>
  );
}

/** A list whose target is to be empty: an empty one says so. */
function ZeroList({ rows, testId }: { rows: ReadonlyArray<{ key: string; text: string }>; testId: string }) {
  const { t } = useT();
  if (rows.length === 0) {
    return (
      <p className="kpi-ok" data-testid={testId} data-count={0}>
        {t('kpi.zero')}
      </p>
    );
  }
  return (
    <ul className="kpi-zero-list" data-testid={testId} data-count={rows.length}>
      {rows.map((r) => (
        <li key={r.key}>{r.text}</li>
      ))}
    </ul>
  );
}

function FalseByKind({ rows }: { rows: AlarmKpis['falseAlarms']['byKind'] }) {
  const { t, num } = useT();
  if (rows.length === 0) return <p className="muted">{t('kpi.noAlarms')}</p>;
  return (
    <table className="defence-table">
      <thead>
        <tr>
          <th>{t('kpi.col.kind')}</th>
          <th>{t('kpi.col.alarms')}</th>
          <th>{t('kpi.col.false')}</th>
          <th>{t('kpi.col.rate')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.kind}>
            <td>{t(`devices.kind.${r.kind}`)}</td>
            <td>{num(r.alarms)}</td>
            <td>{num(r.falseAlarms)}</td>
            <td>{`${num(r.rate * 100, 1)}%`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The devices most often wrong, with their counts and the period: only those with an alarm marked
 * false, as a device never marked false has nothing to mend.
 */
function TopFalse({ rates }: { rates: FalseAlarmRates | undefined }) {
  const { t, num, lang } = useT();
  if (!rates) return <p className="muted">{t('app.loading')}</p>;
  const top = rates.devices.filter((d) => d.falseAlarms > 0).slice(0, TOP_FALSE);
  const percent = (x: number) => `${num(x * 100, 1)}%`;
  return (
    <>
      <p className="muted" data-testid="kpi-false-period">
        {t('devices.false.period', { from: formatDateTime(rates.from, lang), to: formatDateTime(rates.to, lang) })}
      </p>
      {top.length === 0 ? (
        <p className="muted" data-testid="kpi-false-top" data-count={0}>
          {t('devices.false.topNone')}
        </p>
      ) : (
        <>
          <BarList
            testId="kpi-false-chart"
            label={t('devices.false.topChart')}
            max={1}
            items={top.map((d) => ({ key: d.deviceId, label: d.deviceName, value: d.rate, shown: percent(d.rate), tone: falseTone(d.rate) }))}
          />
          <table className="defence-table" data-testid="kpi-false-top" data-count={top.length}>
            <thead>
              <tr>
                <th>{t('devices.col.name')}</th>
                <th>{t('devices.col.kind')}</th>
                <th>{t('devices.col.owner')}</th>
                <th>{t('devices.false.col.alarms')}</th>
                <th>{t('devices.false.col.false')}</th>
                <th>{t('devices.false.col.rate')}</th>
              </tr>
            </thead>
            <tbody>
              {top.map((d) => (
                <tr key={d.deviceId} data-testid="kpi-false-row" data-device={d.deviceId} data-rate={d.rate}>
                  <td>
                    <Link to={`${paths.defenceTab('devices')}?device=${encodeURIComponent(d.deviceId)}`}>{d.deviceName}</Link>
                  </td>
                  <td>{t(`devices.kind.${d.kind}`)}</td>
                  <td>{d.ownerName}</td>
                  <td>{num(d.alarms)}</td>
                  <td>{num(d.falseAlarms)}</td>
                  <td className={`kpi-${falseTone(d.rate)}`}>{percent(d.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
