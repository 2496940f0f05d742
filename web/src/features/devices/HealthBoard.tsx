import { useMemo, useState } from 'react';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { useAvailability, useDevices } from './deviceApi';
import { devicePlace, healthOrder } from './devicePlace';
import './devices.css';

/** A board, not a registry: enough rows to act on, the rest counted. */
const SHOWN = 300;

/**
 * 设备状态: how many devices are online and offline, the offline ones first with why and since
 * when (their owners have a repair task), and availability over the last day per owner — what the
 * reports ask of the agencies that keep the devices.
 */
export function HealthBoard() {
  const { t, num, lang } = useT();
  const errorText = useErrorText();
  const devices = useDevices();
  const availability = useAvailability();
  const [offlineOnly, setOfflineOnly] = useState(false);
  const all = devices.data ?? [];
  const counts = useMemo(() => {
    const c = { online: 0, offline: 0, unknown: 0 };
    for (const d of all) c[d.health.status]++;
    return c;
  }, [all]);
  const rows = useMemo(() => all.filter((d) => !offlineOnly || d.health.status === 'offline').sort(healthOrder), [all, offlineOnly]);
  const percent = (x: number) => `${num(x * 100, 1)}%`;
  const byDevice = useMemo(() => new Map((availability.data?.devices ?? []).map((d) => [d.id, d.availability])), [availability.data]);
  const error = devices.error ?? availability.error;

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
      </header>
      {error && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
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
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map((d) => (
              <tr key={d.id} data-testid="health-row" data-device={d.id} data-status={d.health.status}>
                <td>{d.name}</td>
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
