import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CommandView } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { useCommandErrorText } from './commandErrors';
import { useT } from '../../app/i18n/useT';
import { DialogFooter } from '../incidents/DialogFooter';
import { apiFields } from './apiFields';

interface Props {
  command: CommandView;
  onIssued(view: CommandView): void;
  onClose(): void;
}

/** The action plan for the next operational period; the current objectives are the starting text. */
export function NextPlanDialog({ command, onIssued, onClose }: Props) {
  const { t } = useT();
  const errorText = useCommandErrorText('command');
  const first = useRef<HTMLTextAreaElement>(null);
  const [objectives, setObjectives] = useState(() => (command.currentPlan?.objectives ?? []).join('\n'));
  const [hours, setHours] = useState('12');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const lines = objectives.split('\n').map((l) => l.trim()).filter(Boolean);
    const period = Number(hours);
    if (lines.length === 0) return setError(t('command.needObjectives'));
    if (!Number.isFinite(period) || period < 1 || period > 72) return setError(t('command.periodRange'));
    setBusy(true);
    setError(null);
    try {
      onIssued(await api.newPlan(command.id, { objectives: lines, periodHours: period, ...(notes.trim() ? { notes: notes.trim() } : {}) }));
    } catch (err) {
      const fields = Object.values(apiFields(err));
      setError(fields.length ? fields.join('；') : errorText(err));
      setBusy(false);
    }
  };

  const next = (command.plans.at(-1)?.period ?? 0) + 1;
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="next-plan-title" data-testid="next-plan-dialog" onSubmit={submit}>
        <h3 id="next-plan-title">{t('command.periodN', { n: next })}</h3>
        <label className="field">
          <span>{t('command.objectives')}</span>
          <textarea ref={first} data-testid="plan-objectives" rows={4} value={objectives} onChange={(e) => setObjectives(e.target.value)} />
        </label>
        <label className="field command-period-field">
          <span>{t('command.periodHours')}</span>
          <input type="number" min={1} max={72} data-testid="plan-hours" value={hours} onChange={(e) => setHours(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('command.planNotes')}</span>
          <textarea data-testid="plan-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <DialogFooter error={error} busy={busy} onClose={onClose} />
      </form>
    </div>
  );
}
