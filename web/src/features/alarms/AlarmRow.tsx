import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Alarm } from '@railjoint/contracts';
import { queryKeys } from '../../api/queryClient';
import { platformNow } from '../../api/platformClock';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { actOnAlarm, type AlarmAction } from './alarmApi';
import { AlarmActionForm } from './AlarmActionForm';
import { annotationText, conditionName } from './alarmText';

/**
 * One alarm (one device and condition): its state × acknowledgement, how often, since when, what
 * explains it, and what the operator may do — acknowledge, shelve for a time with a reason, or
 * mark it false (counted in the device's false-alarm rate).
 */
export function AlarmRow({ alarm: a, canOperate }: { alarm: Alarm; canOperate: boolean }) {
  const { t, num, lang } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [form, setForm] = useState<'shelve' | 'false' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const act = async (action: AlarmAction) => {
    setBusy(true);
    setError(null);
    try {
      await actOnAlarm(a.id, action);
      setForm(null);
      void client.invalidateQueries({ queryKey: queryKeys.alarms }, { cancelRefetch: false });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  // a shelf that has run out is no shelf: the alarm is back in the active list
  const shelved = a.shelvedUntil !== null && Date.parse(a.shelvedUntil) > platformNow();
  return (
    <li className={`alarm-row alarm-${a.state}${a.acknowledged ? '' : ' alarm-unacked'}`} data-testid="alarm-row" data-alarm={a.id} data-device={a.deviceId} data-state={a.state} data-acknowledged={a.acknowledged} data-chattering={a.chattering} data-suppressed={a.suppressed} data-shelved={shelved}>
      <div className="alarm-head">
        <strong>{conditionName(a.condition, t)}</strong>
        <span>{a.deviceName}</span>
        {a.mileage && <span className="mono">{a.mileage}</span>}
        <span className={`tag alarm-tag-${a.state}`}>{t(a.state === 'active' ? 'alarms.badge.active' : 'alarms.badge.cleared')}</span>
        <span className={`tag${a.acknowledged ? '' : ' alarm-tag-unacked'}`}>{t(a.acknowledged ? 'alarms.badge.acknowledged' : 'alarms.badge.unacknowledged')}</span>
        {shelved && <span className="tag">{t('alarms.badge.shelved', { time: formatDateTime(a.shelvedUntil!, lang) })}</span>}
        {a.chattering && (
          <span className="tag alarm-tag-chattering" data-testid="alarm-chattering">
            {t('alarms.badge.chattering')}
          </span>
        )}
        {a.suppressed && !a.chattering && <span className="tag">{t('alarms.badge.suppressed')}</span>}
        {a.falseAlarm && <span className="tag">{t('alarms.badge.false')}</span>}
      </div>
      <div className="muted">
        {t('alarms.count', { n: num(a.count) })} · {t('alarms.activations', { n: num(a.activations) })} · {t('alarms.first', { time: formatDateTime(a.firstAt, lang) })} · {t('alarms.last', { time: formatDateTime(a.lastAt, lang) })}
      </div>
      {a.annotations.length > 0 && (
        <ul className="alarm-notes">
          {a.annotations.map((n, i) => (
            <li key={`${n.kind}-${i}`} data-testid="alarm-note" data-kind={n.kind}>
              {annotationText(n, t)}
            </li>
          ))}
        </ul>
      )}
      {canOperate && (
        <div className="alarm-actions">
          {!a.acknowledged && (
            <button type="button" className="btn" data-testid="alarm-acknowledge" disabled={busy} onClick={() => void act({ kind: 'acknowledge' })}>
              {t('alarms.do.acknowledge')}
            </button>
          )}
          {shelved ? (
            <button type="button" className="btn btn-quiet" data-testid="alarm-unshelve" disabled={busy} onClick={() => void act({ kind: 'unshelve' })}>
              {t('alarms.do.unshelve')}
            </button>
          ) : (
            a.state === 'active' && (
              <button type="button" className="btn btn-quiet" data-testid="alarm-shelve" onClick={() => setForm('shelve')}>
                {t('alarms.do.shelve')}
              </button>
            )
          )}
          {!a.falseAlarm && (
            <button type="button" className="btn btn-quiet" data-testid="alarm-false" onClick={() => setForm('false')}>
              {t('alarms.do.false')}
            </button>
          )}
        </div>
      )}
      {form && <AlarmActionForm kind={form} busy={busy} onSubmit={(x) => void act(x)} onCancel={() => setForm(null)} />}
      {error !== null && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
    </li>
  );
}
