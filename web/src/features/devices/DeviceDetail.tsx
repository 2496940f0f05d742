import { useEffect, useRef } from 'react';
import type { Device } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { conditionName } from '../alarms/alarmText';
import { useDeviceFalseAlarms } from './deviceApi';
import { devicePlace } from './devicePlace';
import { FalseDailyChart } from './FalseDailyChart';

/**
 * One device as its owner reads it: where it is, how it is, and how often it misleads — its
 * false-alarm rate over the last month, per day, and the latest alarms marked false with who
 * marked them and why, which is what a repair or a re-placement is decided on.
 */
export function DeviceDetail({ device, onClose }: { device: Device; onClose: () => void }) {
  const { t, num, lang } = useT();
  const errorText = useErrorText();
  const falses = useDeviceFalseAlarms(device.id);
  const box = useRef<HTMLElement>(null);
  // opened from a row far down a board of hundreds: brought into sight, and focus with it
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'start' });
    box.current?.focus({ preventScroll: true });
  }, [device.id]);
  const f = falses.data;
  const percent = (x: number) => `${num(x * 100, 1)}%`;
  return (
    <section ref={box} tabIndex={-1} className="device-detail" data-testid="device-detail" data-device={device.id} aria-labelledby="device-detail-title">
      <header className="defence-section-head">
        <h3 id="device-detail-title">{t('devices.detail.title', { name: device.name })}</h3>
        <button type="button" className="btn btn-quiet" data-testid="device-detail-close" onClick={onClose}>
          {t('devices.detail.close')}
        </button>
      </header>
      <dl className="device-facts">
        <dt>{t('devices.col.kind')}</dt>
        <dd>{t(`devices.kind.${device.kind}`)}</dd>
        <dt>{t('devices.col.place')}</dt>
        <dd>{devicePlace(device, num)}</dd>
        <dt>{t('devices.col.owner')}</dt>
        <dd>{device.ownerName}</dd>
        <dt>{t('devices.col.status')}</dt>
        <dd>
          <span className={`device-status device-${device.health.status}`}>{t(`devices.status.${device.health.status}`)}</span>
          {' · '}
          {t('devices.detail.heartbeat', { s: num(device.heartbeatS) })}
        </dd>
      </dl>
      <h4>{t('devices.detail.false')}</h4>
      {falses.error && (
        <p className="notice notice-error" role="alert">
          {errorText(falses.error)}
        </p>
      )}
      {!f && !falses.error && <p className="muted">{t('app.loading')}</p>}
      {f && (
        <>
          <p className="muted">{t('devices.false.period', { from: formatDateTime(f.from, lang), to: formatDateTime(f.to, lang) })}</p>
          <p data-testid="device-false-summary" data-rate={f.rate} data-alarms={f.alarms} data-false={f.falseAlarms}>
            {f.alarms === 0 ? t('devices.detail.noAlarms') : t('devices.detail.summary', { n: num(f.alarms), f: num(f.falseAlarms), rate: percent(f.rate) })}
          </p>
          {f.alarms > 0 && <FalseDailyChart days={f.daily} label={t('devices.detail.chart', { name: device.name })} alarmsText={t('devices.detail.legend.alarms')} falseText={t('devices.detail.legend.false')} />}
          <h4>{t('devices.detail.recent')}</h4>
          {f.recent.length === 0 ? (
            <p className="muted">{t('devices.detail.recent.none')}</p>
          ) : (
            <table className="defence-table" data-testid="device-false-recent">
              <thead>
                <tr>
                  <th>{t('devices.detail.col.at')}</th>
                  <th>{t('devices.detail.col.condition')}</th>
                  <th>{t('devices.detail.col.by')}</th>
                  <th>{t('devices.detail.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {f.recent.map((r) => (
                  <tr key={r.alarmId} data-testid="device-false-mark">
                    <td>{formatDateTime(r.at, lang)}</td>
                    <td>{conditionName(r.condition, t)}</td>
                    <td>{r.by}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
