import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { useAvailability, useDevices, useFalseAlarmRates } from './deviceApi';
import { DeviceDetail } from './DeviceDetail';
import { falseTone } from './falseRate';
import { devicePlace, healthOrder } from './devicePlace';
import './devices.css';

/** A board, not a registry: enough rows to act on, the rest counted. */
const SHOWN = 300;

/**
 * 设备状态: how many devices are online and offline, the offline ones first with why and since
 * when (their owners have a repair task), each one's false-alarm rate over the last month, and
 * availability over the last day per owner — what the reports ask of the agencies that keep the
 * devices. A device's name opens its detail (kept in the address, `?device=`, so it can be sent).
 */
export function HealthBoard() {
  const { t, num, lang } = useT();
  const errorText = useErrorText();
  const devices = useDevices();
  const availability = useAvailability();
  const falseRates = useFalseAlarmRates();
  const [params, setParams] = useSearchParams();
  const openId = params.get('device');
  const [offlineOnly, setOfflineOnly] = useState(false);
  const [order, setOrder] = useState<'health' | 'false'>('health');
  const all = devices.data ?? [];
  const counts = useMemo(() => {
    const c = { online: 0, offline: 0, unknown: 0 };
    for (const d of all) c[d.health.status]++;
    return c;
  }, [all]);
  const falseByDevice = useMemo(() => new Map((falseRates.data?.devices ?? []).map((d) => [d.deviceId, d])), [falseRates.data]);
  const rows = useMemo(() => {
    const shown = all.filter((d) => !offlineOnly || d.health.status === 'offline');
    if (order === 'health') return shown.sort(healthOrder);
    // the server ranks by rate, then by how many were false; devices that raised nothing last
    const rank = new Map((falseRates.data?.devices ?? []).map((d, i) => [d.deviceId, i]));
    return shown.sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) || healthOrder(a, b));
  }, [all, offlineOnly, order, falseRates.data]);
  const percent = (x: number) => `${num(x * 100, 1)}%`;
  const byDevice = useMemo(() => new Map((availability.data?.devices ?? []).map((d) => [d.id, d.availability])), [availability.data]);
  const error = devices.error ?? availability.error ?? falseRates.error;
  const open = openId ? all.find((d) => d.id === openId) : undefined;
  const show = (id: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id) next.set('device', id);
        else next.delete('device');
        return next;
      },
      { replace: true },
    );

  return (
    <section className="health-board" data-testid="health-board" aria-labelledby="health-board-title">
      <header className="defence-section-head">
        <h3 id="health-board-title">{t('devices.board')}</h3>
        <span data-testid="health-summary">{t('devices.summary', { total: num(all.length), online: num(counts.online), offline: num(counts.offline), unknown: num(counts.unknown) })}</span>
        <label className="field-inline">
          {t('devices.filter')}
          <select data-testid="health-filter" value={offlineOnly ? 'offline' : 'all'} onChange={(e) => setOfflineOnly(e.target.value === 'offline')}>
            <option value="all">{t('devices.filter.all')}</option>
            <option value="offline">{t('devices.filter.offline')}</option>
          </select>
        </label>
        <label className="field-inline">
          {t('devices.order')}
          <select data-testid="health-order" value={order} onChange={(e) => setOrder(e.target.value === 'false' ? 'false' : 'health')}>
            <option value="health">{t('devices.order.health')}</option>
            <option value="false">{t('devices.order.false')}</option>
          </select>
        </label>
      </header>
      {error && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {open && <DeviceDetail key={open.id} device={open} onClose={() => show(null)} />}
      {falseRates.data && (
        <p className="muted" data-testid="false-period">
          {t('devices.false.period', { from: formatDateTime(falseRates.data.from, lang), to: formatDateTime(falseRates.data.to, lang) })}
        </p>
      )}
      {devices.data && rows.length === 0 && <p className="muted">{t('devices.none')}</p>}
      {rows.length > 0 && (
        <table className="defence-table" data-testid="health-table">
          <thead>
            <tr>
              <th>{t('devices.col.name')}</th>
              <th>{t('devices.col.kind')}</th>
              <th>{t('devices.col.place')}</th>
              <th>{t('devices.col.owner')}</th>
              <th>{t('devices.col.status')}</th>
              <th>{t('devices.col.lastSeen')}</th>
              <th>{t('devices.col.availability')}</th>
              <th>{t('devices.col.falseRate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map((d) => (
              <tr key={d.id} data-testid="health-row" data-device={d.id} data-status={d.health.status}>
                <td>
                  <button type="button" className="device-link" data-testid="health-open" aria-label={t('devices.detail.open', { name: d.name })} onClick={() => show(d.id)}>
                    {d.name}
                  </button>
                </td>
                <td>{t(`devices.kind.${d.kind}`)}</td>
                <td>{devicePlace(d, num)}</td>
                <td>{d.ownerName}</td>
                <td>
                  <span className={`device-status device-${d.health.status}`}>{t(`devices.status.${d.health.status}`)}</span>
                  {d.health.status === 'offline' && d.health.offlineReason && (
                    <span className="muted">
                      {' '}
                      {t(`devices.offline.${d.health.offlineReason}`)}
                      {d.health.offlineSince && ` · ${t('devices.col.since')} ${formatDateTime(d.health.offlineSince, lang)}`}
                    </span>
                  )}
                </td>
                <td data-testid="health-last-seen">{d.health.lastSeenAt ? formatDateTime(d.health.lastSeenAt, lang) : t('devices.never')}</td>
                <td>{byDevice.has(d.id) ? percent(byDevice.get(d.id)!) : '—'}</td>
                <FalseRateCell rate={falseByDevice.get(d.id)} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > SHOWN && <p className="muted">{t('devices.more', { n: num(rows.length - SHOWN) })}</p>}
      <h3>{t('devices.availability')}</h3>
      {availability.data && (
        <table className="defence-table" data-testid="availability-table">
          <thead>
            <tr>
              <th>{t('devices.col.owner')}</th>
              <th>{t('devices.col.devices')}</th>
              <th>{t('devices.col.availability')}</th>
            </tr>
          </thead>
          <tbody>
            {[...availability.data.owners]
              .sort((a, b) => a.availability - b.availability || a.name.localeCompare(b.name, 'zh-CN'))
              .map((o) => (
                <tr key={o.agencyId} data-testid="availability-row">
                  <td>{o.name}</td>
                  <td>{num(o.devices)}</td>
                  <td>
                    <meter min={0} max={1} low={0.95} optimum={1} value={o.availability} aria-hidden="true" /> {percent(o.availability)}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A device's false-alarm rate with its counts; a device that raised nothing has no rate to show. */
function FalseRateCell({ rate }: { rate: { alarms: number; falseAlarms: number; rate: number } | undefined }) {
  const { t, num } = useT();
  if (!rate) {
    return (
      <td data-testid="health-false" data-rate="" title={t('devices.false.noAlarms')}>
        —
      </td>
    );
  }
  return (
    <td data-testid="health-false" data-rate={rate.rate} className={`kpi-${falseTone(rate.rate)}`}>
      {t('devices.false.cell', { rate: `${num(rate.rate * 100, 1)}%`, f: num(rate.falseAlarms), n: num(rate.alarms) })}
    </td>
  );
}
