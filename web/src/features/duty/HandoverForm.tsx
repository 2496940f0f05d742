import { useState } from 'react';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { dutyApi, type DutyNowData } from './dutyApi';
import { PersonSelect } from './PersonSelect';

type SeatNow = DutyNowData['seats'][number];

/** 交接班: the person on duty hands the seat to the next one with notes; the server adds what is open. */
export function HandoverForm({ seat, onDone }: { seat: SeatNow; onDone(): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const [to, setTo] = useState(seat.next?.username ?? '');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await dutyApi.handover(seat.seatId, to.trim(), notes.trim());
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="handover-form" data-testid="shift-handover-form">
      <label className="field">
        <span>{t('duty.to')}</span>
        <PersonSelect seatId={seat.seatId} value={to} onChange={setTo} exclude={seat.onDuty?.username} testId="shift-handover-to" label={t('duty.to')} />
      </label>
      <label className="field">
        <span>{t('duty.notes')}</span>
        <textarea data-testid="shift-handover-notes" rows={3} value={notes} placeholder={t('duty.notesHint')} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <button type="button" className="btn btn-primary" data-testid="shift-handover-send" disabled={busy || !to.trim() || notes.trim().length < 2} onClick={() => void send()}>
        {t('duty.handOver')}
      </button>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
