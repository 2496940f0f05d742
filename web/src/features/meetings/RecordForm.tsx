import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Meeting } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { queryKeys } from '../../api/queryClient';
import { recordMeeting } from './meetingApi';
import { fromBeijingInput, toBeijingInput } from './beijingInput';

interface Draft {
  text: string;
  ownerAgencyId: string;
  due: string;
}

/** The meeting as held: who came (and who for them), the minutes, and its decisions, each issued as a task order on saving. */
export function RecordForm({ meeting, onDone }: { meeting: Meeting; onDone(): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [attended, setAttended] = useState<Record<string, boolean>>(() => Object.fromEntries(meeting.agencies.map((a) => [a.agencyId, true])));
  const [who, setWho] = useState<Record<string, string>>({});
  const [minutes, setMinutes] = useState('');
  const [decisions, setDecisions] = useState<Draft[]>([]);
  const dueDefault = toBeijingInput(Date.parse(meeting.scheduledAt) + 14 * 86_400_000);
  const save = useMutation({
    mutationFn: () =>
      recordMeeting(meeting.id, {
        attendance: meeting.agencies.map((a) => ({ agencyId: a.agencyId, attended: attended[a.agencyId] ?? false, ...(who[a.agencyId]?.trim() ? { representative: who[a.agencyId]!.trim() } : {}) })),
        minutes,
        decisions: decisions.map((d) => ({ text: d.text, ownerAgencyId: d.ownerAgencyId, dueAt: fromBeijingInput(d.due) })),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.meetings });
      void client.invalidateQueries({ queryKey: queryKeys.tasks });
      onDone();
    },
  });
  const set = (i: number, patch: Partial<Draft>) => setDecisions((ds) => ds.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  return (
    <form
      className="hazard-form"
      data-testid="meeting-record-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2>
        {t('meetings.record')}：{meeting.title}
      </h2>
      <fieldset className="space-aspect">
        <legend>{t('meetings.agencies')}</legend>
        {meeting.agencies.map((a) => (
          <div key={a.agencyId} className="meeting-attendance">
            <label className="meeting-agency">
              <input type="checkbox" data-testid={`meeting-attended-${a.agencyId}`} checked={attended[a.agencyId] ?? false} onChange={(e) => setAttended((s) => ({ ...s, [a.agencyId]: e.target.checked }))} />
              {a.agencyName}
            </label>
            <input placeholder={t('meetings.rec.representative')} aria-label={t('meetings.rec.representative')} maxLength={60} value={who[a.agencyId] ?? ''} onChange={(e) => setWho((s) => ({ ...s, [a.agencyId]: e.target.value }))} />
          </div>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('meetings.rec.minutes')}</span>
        <textarea data-testid="meeting-minutes" required rows={4} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </label>
      <fieldset className="space-aspect">
        <legend>{t('meetings.rec.decisions')}</legend>
        {decisions.map((d, i) => (
          <div key={i} className="meeting-decision-draft" data-testid="meeting-decision-draft">
            <input data-testid="decision-text" required placeholder={t('meetings.rec.text')} aria-label={t('meetings.rec.text')} maxLength={500} value={d.text} onChange={(e) => set(i, { text: e.target.value })} />
            <select data-testid="decision-owner" aria-label={t('meetings.rec.owner')} value={d.ownerAgencyId} onChange={(e) => set(i, { ownerAgencyId: e.target.value })}>
              {meeting.agencies.map((a) => (
                <option key={a.agencyId} value={a.agencyId}>
                  {a.agencyName}
                </option>
              ))}
            </select>
            <input type="datetime-local" data-testid="decision-due" aria-label={t('meetings.rec.due')} required value={d.due} onChange={(e) => set(i, { due: e.target.value })} />
            <button type="button" className="btn btn-quiet" onClick={() => setDecisions((ds) => ds.filter((_, k) => k !== i))}>
              {t('meetings.rec.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="btn" data-testid="decision-add" onClick={() => setDecisions((ds) => [...ds, { text: '', ownerAgencyId: meeting.agencies.find((a) => a.agencyId !== meeting.convenerAgencyId)?.agencyId ?? meeting.agencies[0]!.agencyId, due: dueDefault }])}>
          {t('meetings.rec.addDecision')}
        </button>
      </fieldset>
      {save.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(save.error)}
        </p>
      )}
      <div className="hazard-action-buttons">
        <button type="submit" className="btn btn-primary" data-testid="meeting-record-save" disabled={save.isPending}>
          {t('meetings.rec.save')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('meetings.form.cancel')}
        </button>
      </div>
    </form>
  );
}
