import { useState, type FormEvent } from 'react';
import type { LevelState } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { useCommandErrorText } from './commandErrors';
import { useT } from '../../app/i18n/useT';
import { apiFields } from './apiFields';

interface Props {
  incidentId: string;
  facts: LevelState['facts'];
  onReported(state: LevelState): void;
}

/** Casualties and a blocked line as the scene reports them; only what changed is sent. */
export function SituationForm({ incidentId, facts, onReported }: Props) {
  const { t } = useT();
  const errorText = useCommandErrorText('situation');
  const [injured, setInjured] = useState(String(facts.injured));
  const [dead, setDead] = useState(String(facts.dead));
  const [blocked, setBlocked] = useState(facts.lineBlocked);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: { injured?: number; dead?: number; lineBlocked?: boolean } = {};
    const count = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : null);
    const i = count(injured);
    const d = count(dead);
    if (i === null || d === null) {
      setError(t('level.countInvalid'));
      return;
    }
    if (i !== facts.injured) body.injured = i;
    if (d !== facts.dead) body.dead = d;
    if (blocked !== facts.lineBlocked) body.lineBlocked = blocked;
    if (Object.keys(body).length === 0) {
      setError(t('level.nothingChanged'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onReported(await api.reportSituation(incidentId, body));
    } catch (err) {
      const fields = Object.values(apiFields(err));
      setError(fields.length ? fields.join('；') : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="situation-form" data-testid="situation-form" onSubmit={submit}>
      <label className="field field-narrow">
        <span>{t('level.injured')}</span>
        <input type="number" min={0} inputMode="numeric" data-testid="situation-injured" value={injured} onChange={(e) => setInjured(e.target.value)} />
      </label>
      <label className="field field-narrow">
        <span>{t('level.dead')}</span>
        <input type="number" min={0} inputMode="numeric" data-testid="situation-dead" value={dead} onChange={(e) => setDead(e.target.value)} />
      </label>
      <label className="situation-blocked">
        <input type="checkbox" data-testid="situation-line-blocked" checked={blocked} onChange={(e) => setBlocked(e.target.checked)} />
        {t('level.lineBlocked')}
      </label>
      <button type="submit" className="btn" data-testid="situation-submit" disabled={busy}>
        {t('level.report')}
      </button>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="situation-error">
          {error}
        </p>
      )}
    </form>
  );
}
