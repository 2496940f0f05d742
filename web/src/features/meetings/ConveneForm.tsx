import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MEETING_TYPES, type MeetingType } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { queryKeys } from '../../api/queryClient';
import { platformNow } from '../../api/platformClock';
import { useAgencies } from '../dispatch/useAgencies';
import { convene } from './meetingApi';
import { fromBeijingInput, toBeijingInput } from './beijingInput';

/** Convene a joint meeting: type, title, time (Beijing), place, the agencies invited and the agenda. */
export function ConveneForm({ onDone }: { onDone(id: string | null): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const agencies = useAgencies().filter((a) => a.type !== 'coordination_centre');
  const [type, setType] = useState<MeetingType>('joint_monthly');
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState(() => toBeijingInput(platformNow() + 86_400_000));
  const [place, setPlace] = useState('');
  const [invited, setInvited] = useState<string[]>([]);
  const [agenda, setAgenda] = useState('');
  const save = useMutation({
    mutationFn: () =>
      convene({
        type,
        title,
        scheduledAt: fromBeijingInput(when),
        ...(place.trim() ? { place: place.trim() } : {}),
        agencies: invited,
        agenda: agenda
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean)
          .map((x) => ({ title: x })),
      }),
    onSuccess: (m) => {
      void client.invalidateQueries({ queryKey: queryKeys.meetings });
      onDone(m.id);
    },
  });
  return (
    <form
      className="hazard-form"
      data-testid="meeting-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2>{t('meetings.new')}</h2>
      <div className="hazard-form-grid">
        <label className="field">
          <span>{t('meetings.form.type')}</span>
          <select data-testid="meeting-type" value={type} onChange={(e) => setType(e.target.value as MeetingType)}>
            {MEETING_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`meetings.type.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('meetings.form.when')}</span>
          <input type="datetime-local" data-testid="meeting-when" required value={when} onChange={(e) => setWhen(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('meetings.form.place')}</span>
          <input data-testid="meeting-place" maxLength={120} value={place} onChange={(e) => setPlace(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span>{t('meetings.form.title')}</span>
        <input data-testid="meeting-title" required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <fieldset className="space-aspect">
        <legend>{t('meetings.form.agencies')}</legend>
        <div className="meeting-agencies">
          {agencies.map((a) => (
            <label key={a.id} className="meeting-agency">
              <input type="checkbox" data-testid={`meeting-invite-${a.id}`} checked={invited.includes(a.id)} onChange={(e) => setInvited((s) => (e.target.checked ? [...s, a.id] : s.filter((x) => x !== a.id)))} />
              {a.name}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="field">
        <span>{t('meetings.form.agenda')}</span>
        <textarea data-testid="meeting-agenda" rows={3} value={agenda} onChange={(e) => setAgenda(e.target.value)} />
      </label>
      {save.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(save.error)}
        </p>
      )}
      <div className="hazard-action-buttons">
        <button type="submit" className="btn btn-primary" data-testid="meeting-save" disabled={save.isPending}>
          {t('meetings.form.save')}
        </button>
        <button type="button" className="btn" onClick={() => onDone(null)}>
          {t('meetings.form.cancel')}
        </button>
      </div>
    </form>
  );
}
