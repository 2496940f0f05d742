import { useState, type FormEvent } from 'react';
import { RESPONSE_LEVELS, type LevelState, type ResponseLevel } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { useCommandErrorText } from './commandErrors';
import { useT } from '../../app/i18n/useT';
import { apiFields } from './apiFields';

interface Props {
  incidentId: string;
  level: ResponseLevel;
  onChanged(state: LevelState): void;
}

/** A commander's own decision against the rules, either way, always with a reason (the server says who may). */
export function LevelChangeForm({ incidentId, level, onChanged }: Props) {
  const { t } = useT();
  const errorText = useCommandErrorText('level');
  const [to, setTo] = useState<ResponseLevel>(level);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (to === level) {
      setError(t('level.sameLevel'));
      return;
    }
    // the server's own minimum, said before the round trip
    if (reason.trim().length < 4) {
      setError(t('level.reasonShort'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const state = await api.setLevel(incidentId, to, reason.trim());
      setReason('');
      onChanged(state);
    } catch (err) {
      const fields = Object.values(apiFields(err));
      setError(fields.length ? fields.join('；') : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="level-change-form" data-testid="level-change-form" onSubmit={submit}>
      <label className="field field-narrow">
        <span>{t('level.changeTo')}</span>
        <select data-testid="level-select" value={to} onChange={(e) => setTo(e.target.value as ResponseLevel)}>
          {RESPONSE_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t('level.badge', { level: l })}
            </option>
          ))}
        </select>
      </label>
      <label className="field level-reason">
        <span>{t('level.reason')}</span>
        <input type="text" data-testid="level-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" className="btn" data-testid="level-submit" disabled={busy}>
        {t('level.change')}
      </button>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="level-error">
          {error}
        </p>
      )}
    </form>
  );
}
