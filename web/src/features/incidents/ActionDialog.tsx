import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PRIORITIES } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { OUTCOME_CODES, type IncidentDetail, type PriorityLevel } from '../../api/incidentSchemas';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { fieldErrors } from './fieldErrors';
import { DialogFooter } from './DialogFooter';

export type DialogKind = 'close' | 'cancel' | 'merge' | 'reprioritise' | 'note';

interface Props {
  kind: DialogKind;
  incident: IncidentDetail;
  /** incidents it may be merged into: likely duplicates first, then other open ones of its category */
  mergeTargets: Array<{ id: string; label: string }>;
  onDone(): void;
  onClose(): void;
}

/** The actions that need words: a close needs an outcome and summary, a cancel a reason, and so on. */
export function ActionDialog({ kind, incident, mergeTargets, onDone, onClose }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const first = useRef<HTMLSelectElement & HTMLTextAreaElement>(null);
  const [outcome, setOutcome] = useState('');
  const [text, setText] = useState('');
  const [into, setInto] = useState(mergeTargets[0]?.id ?? '');
  const [priority, setPriority] = useState<PriorityLevel>(incident.priority);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if ((kind === 'close' && (!outcome || !text.trim())) || (kind !== 'merge' && kind !== 'close' && !text.trim()) || (kind === 'merge' && !into)) {
      setError(t('dialog.incomplete'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (kind === 'close') await api.incidentAction(incident.id, 'close', { outcomeCode: outcome, summary: text.trim() });
      else if (kind === 'cancel') await api.incidentAction(incident.id, 'cancel', { reason: text.trim() });
      else if (kind === 'merge') await api.incidentAction(incident.id, 'merge', { into, ...(text.trim() ? { reason: text.trim() } : {}) });
      else if (kind === 'reprioritise') await api.reprioritise(incident.id, priority, text.trim());
      else await api.note(incident.id, text.trim());
      onDone();
    } catch (err) {
      const fields = fieldErrors(err);
      setError(fields ? Object.values(fields).join('；') : errorText(err));
      setBusy(false);
    }
  };

  const textLabel = kind === 'close' ? t('dialog.summary') : kind === 'note' ? t('dialog.note') : t('dialog.reason');
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title" data-testid="action-dialog" data-kind={kind} onSubmit={submit}>
        <h3 id="dialog-title">
          {t(`action.${kind}`)} · <span className="mono">{incident.code}</span>
        </h3>
        {kind === 'close' && (
          <label className="field">
            <span>{t('dialog.outcome')}</span>
            <select ref={first} data-testid="outcome-select" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
              <option value="">{t('dialog.chooseOutcome')}</option>
              {OUTCOME_CODES.map((c) => (
                <option key={c} value={c}>
                  {t(`outcome.${c}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'merge' && (
          <label className="field">
            <span>{t('dialog.mergeInto')}</span>
            <select ref={first} data-testid="merge-select" value={into} onChange={(e) => setInto(e.target.value)}>
              {mergeTargets.length === 0 && <option value="">{t('dialog.noTargets')}</option>}
              {mergeTargets.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'reprioritise' && (
          <label className="field">
            <span>{t('dialog.priority')}</span>
            <select ref={first} data-testid="priority-select" value={priority} onChange={(e) => setPriority(e.target.value as PriorityLevel)}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {p} · {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{textLabel}</span>
          <textarea
            ref={kind === 'cancel' || kind === 'note' ? first : undefined}
            data-testid={kind === 'close' ? 'summary-input' : 'reason-input'}
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <DialogFooter error={error} busy={busy} onClose={onClose} />
      </form>
    </div>
  );
}
