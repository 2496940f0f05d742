import { useMemo, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { User } from '@railjoint/contracts';
import { queryKeys } from '../../api/queryClient';
import { platformNow } from '../../api/platformClock';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { useAgencies } from '../dispatch/useAgencies';
import { useNetworkData } from '../map/useNetworkData';
import { declareWindow } from './windowApi';
import { fromBeijingInput, toBeijingInput } from './beijingTime';

/** Agencies whose crews work on the line: they declare their own windows; the centre any of theirs. */
const WORKING = new Set(['track_maintenance_section', 'power_supply_section', 'railway_station']);

/** 申报天窗: line, stretch, hours, crew and working agency; alarms there are then authorised work. */
export function WindowForm({ user }: { user: User }) {
  const { t } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const { network } = useNetworkData();
  const agencies = useAgencies();
  const lines = useMemo(() => (network?.features ?? []).filter((f) => f.properties.kind === 'line').map((f) => ({ id: f.properties.id, name: f.properties.name })), [network]);
  // the server's rule (policies/maintenance.ts): admins and the centre's dispatchers and commanders for any agency, a working agency's people for their own
  const choices = useMemo(() => {
    const own = agencies.find((a) => a.id === user.agencyId);
    const anyAgency = user.roles.includes('admin') || (own?.type === 'coordination_centre' && user.roles.some((r) => r === 'dispatcher' || r === 'commander'));
    return agencies.filter((a) => WORKING.has(a.type) && (anyAgency || a.id === user.agencyId));
  }, [agencies, user]);
  const start = Math.ceil(platformNow() / 3600_000) * 3600_000;
  const [draft, setDraft] = useState({ lineId: '', from: '', to: '', start: toBeijingInput(start), end: toBeijingInput(start + 2 * 3600_000), crew: '', agencyId: '', note: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const lineId = draft.lineId || lines[0]?.id || '';
  const agencyId = draft.agencyId || choices[0]?.id || '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const w = await declareWindow({ lineId, from: draft.from.trim(), to: draft.to.trim(), start: fromBeijingInput(draft.start), end: fromBeijingInput(draft.end), crew: draft.crew.trim(), agencyId, ...(draft.note.trim() ? { note: draft.note.trim() } : {}) });
      setDone(t('windows.form.done', { line: w.lineName, from: w.from, to: w.to }));
      void client.invalidateQueries({ queryKey: queryKeys.windows });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="window-form" data-testid="window-form" onSubmit={submit}>
      <h3>{t('windows.declare')}</h3>
      <p className="muted">{t('windows.form.hint')}</p>
      <div className="window-form-grid">
        <label className="field">
          {t('windows.form.line')}
          <select data-testid="window-line" value={lineId} onChange={set('lineId')}>
            {lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('windows.form.from')}
          <input data-testid="window-from" value={draft.from} onChange={set('from')} placeholder="K500+000" required />
        </label>
        <label className="field">
          {t('windows.form.to')}
          <input data-testid="window-to" value={draft.to} onChange={set('to')} placeholder="K501+500" required />
        </label>
        <label className="field">
          {t('windows.form.start')}
          <input data-testid="window-start" type="datetime-local" value={draft.start} onChange={set('start')} required />
        </label>
        <label className="field">
          {t('windows.form.end')}
          <input data-testid="window-end" type="datetime-local" value={draft.end} onChange={set('end')} required />
        </label>
        <label className="field">
          {t('windows.form.agency')}
          <select data-testid="window-agency" value={agencyId} onChange={set('agencyId')}>
            {choices.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('windows.form.crew')}
          <input data-testid="window-crew" value={draft.crew} onChange={set('crew')} required maxLength={200} />
        </label>
        <label className="field">
          {t('windows.form.note')}
          <input data-testid="window-note" value={draft.note} onChange={set('note')} maxLength={1000} />
        </label>
      </div>
      <button type="submit" className="btn btn-primary" data-testid="window-submit" disabled={busy || !lineId || !agencyId}>
        {busy ? t('windows.form.saving') : t('windows.form.submit')}
      </button>
      {done && (
        <p className="notice notice-info" role="status" data-testid="window-declared">
          {done}
        </p>
      )}
      {error !== null && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
    </form>
  );
}
