import { useState } from 'react';
import type { User } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { useAlarmList, type StateFilter } from './alarmApi';
import { matchesAck, type AckFilter } from './alarmText';
import { AlarmRow } from './AlarmRow';
import { AlarmGroupCard } from './AlarmGroupCard';
import './alarms.css';

/** People on duty act on alarms; analysts, auditors and volunteers watch (the server's rule, policies/devices.ts). */
const OPERATING = ['admin', 'dispatcher', 'commander', 'officer', 'liaison'];

/**
 * 设备报警: the dispatcher's alarm list — active or cleared × acknowledged or not, with the
 * suppressed ones on request — live from the live channel. In a flood (more than 10 alarms in 10
 * minutes at this console, as the server counts) it switches to groups, each with its extent.
 */
export function AlarmsPanel({ user }: { user: User }) {
  const { t, num } = useT();
  const errorText = useErrorText();
  const [state, setState] = useState<StateFilter>('active');
  const [ack, setAck] = useState<AckFilter>('all');
  const [suppressed, setSuppressed] = useState(false);
  const [grouped, setGrouped] = useState(false);
  const { data, error } = useAlarmList(state, suppressed);
  const canOperate = user.roles.some((r) => OPERATING.includes(r));
  const alarms = (data?.alarms ?? []).filter((a) => matchesAck(a, ack));
  const flood = data?.mode === 'grouped';
  const byGroup = flood || grouped;
  const groups = (data?.groups ?? []).map((g) => ({ group: g, alarms: alarms.filter((a) => a.groupId === g.id) })).filter((g) => g.alarms.length > 0);
  const loose = byGroup ? alarms.filter((a) => a.groupId === null || !groups.some((g) => g.group.id === a.groupId)) : alarms;

  return (
    <section className="alarms-panel" data-testid="alarms-panel" data-mode={data?.mode ?? ''} aria-labelledby="alarms-title">
      <header className="defence-section-head">
        <h3 id="alarms-title">{t('alarms.title')}</h3>
        <label className="field-inline">
          {t('alarms.state')}
          <select data-testid="alarm-state" value={state} onChange={(e) => setState(e.target.value as StateFilter)}>
            {(['active', 'cleared', 'all'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`alarms.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          {t('alarms.ack')}
          <select data-testid="alarm-ack" value={ack} onChange={(e) => setAck(e.target.value as AckFilter)}>
            {(['all', 'unacknowledged', 'acknowledged'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`alarms.ack.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <input type="checkbox" data-testid="alarm-suppressed" checked={suppressed} onChange={(e) => setSuppressed(e.target.checked)} />
          {t('alarms.showSuppressed')}
        </label>
        {!flood && (
          <label className="field-inline">
            <input type="checkbox" data-testid="alarm-grouped" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />
            {t('alarms.view.grouped')}
          </label>
        )}
        {data && !flood && <span className="muted">{t('alarms.recent', { recent: num(data.flood.recent) })}</span>}
      </header>
      {flood && (
        <p className="notice notice-warn" role="status" data-testid="alarm-flood">
          {t('alarms.flood', { recent: num(data.flood.recent), threshold: num(data.flood.threshold) })}
        </p>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {data && alarms.length === 0 && <p className="muted">{t('alarms.none')}</p>}
      {groups.length > 0 && (
        <ul className="alarm-groups" data-testid="alarm-groups">
          {groups.map(({ group, alarms: members }) => (
            <AlarmGroupCard key={group.id} group={group} alarms={byGroup ? members : []} canOperate={canOperate} />
          ))}
        </ul>
      )}
      {loose.length > 0 && (
        <>
          {byGroup && <h4>{t('alarms.ungrouped')}</h4>}
          <ul className="alarm-list" data-testid="alarm-list">
            {loose.map((a) => (
              <AlarmRow key={a.id} alarm={a} canOperate={canOperate} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
