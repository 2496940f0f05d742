import { useState, type FormEvent } from 'react';
import { useT } from '../../app/i18n/useT';
import type { AlarmAction } from './alarmApi';

/** Shelving and marking false each need a reason (and shelving a time): asked in place, under the alarm. */
export function AlarmActionForm({ kind, busy, onSubmit, onCancel }: { kind: 'shelve' | 'false'; busy: boolean; onSubmit(a: AlarmAction): void; onCancel(): void }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState(60);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(kind === 'shelve' ? { kind, reason: reason.trim(), minutes } : { kind, reason: reason.trim() });
  };
  return (
    <form className="alarm-action-form" data-testid={`alarm-${kind}-form`} onSubmit={submit}>
      <label className="field-inline">
        {t('alarms.form.reason')}
        <input data-testid="alarm-reason" value={reason} onChange={(e) => setReason(e.target.value)} minLength={4} maxLength={500} required autoFocus />
      </label>
      {kind === 'shelve' && (
        <label className="field-inline">
          {t('alarms.form.minutes')}
          <input data-testid="alarm-minutes" type="number" min={1} max={720} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} required />
        </label>
      )}
      <button type="submit" className="btn btn-primary" data-testid="alarm-action-submit" disabled={busy}>
        {t('alarms.form.submit')}
      </button>
      <button type="button" className="btn btn-quiet" onClick={onCancel}>
        {t('alarms.form.cancel')}
      </button>
    </form>
  );
}
