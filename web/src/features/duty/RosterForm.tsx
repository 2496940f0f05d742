import { useState } from 'react';
import { CreateShiftRequest } from '@railjoint/contracts';
import { z } from 'zod';
import { request } from '../../api/client';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { beijingInputValue, inputToIso } from '../command/deadline';
import type { DutyNowData } from './dutyApi';
import { PersonSelect } from './PersonSelect';
import { platformNow } from '../../api/platformClock';

const Shift = z.object({ id: z.string(), seatId: z.string(), userId: z.string(), startsAt: z.string(), endsAt: z.string() });

/** 排班: put someone on a seat for a shift (the server refuses overlaps and people of another agency). */
export function RosterForm({ seats, onDone }: { seats: DutyNowData['seats']; onDone(): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const base = Math.ceil(platformNow() / 3600_000) * 3600_000 + 24 * 3600_000;
  const [seatId, setSeatId] = useState(seats[0]?.seatId ?? '');
  const [user, setUser] = useState('');
  const [from, setFrom] = useState(beijingInputValue(base));
  const [to, setTo] = useState(beijingInputValue(base + 12 * 3600_000));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async () => {
    setMessage(null);
    const startsAt = inputToIso(from);
    const endsAt = inputToIso(to);
    if (!startsAt || !endsAt) {
      setMessage({ ok: false, text: t('bulletin.badTime') });
      return;
    }
    try {
      const body: z.infer<typeof CreateShiftRequest> = { seatId, userId: user.trim(), startsAt, endsAt };
      await request('POST', '/api/duty/shifts', { body, schema: Shift });
      setMessage({ ok: true, text: t('duty.planned') });
      onDone();
    } catch (e) {
      setMessage({ ok: false, text: errorText(e) });
    }
  };
  return (
    <div className="roster-form" data-testid="roster-form">
      <select data-testid="roster-seat" value={seatId} onChange={(e) => setSeatId(e.target.value)} aria-label={t('duty.seat')}>
        {seats.map((s) => (
          <option key={s.seatId} value={s.seatId}>
            {s.name}
          </option>
        ))}
      </select>
      <PersonSelect seatId={seatId} value={user} onChange={setUser} testId="roster-user" label={t('duty.user')} />
      <input type="datetime-local" data-testid="roster-from" value={from} onChange={(e) => setFrom(e.target.value)} aria-label={t('duty.from')} />
      <input type="datetime-local" data-testid="roster-to" value={to} onChange={(e) => setTo(e.target.value)} aria-label={t('duty.toTime')} />
      <button type="button" className="btn" data-testid="roster-save" disabled={!user.trim()} onClick={() => void save()}>
        {t('duty.plan')}
      </button>
      {message && (
        <p className={`notice ${message.ok ? 'notice-ok' : 'notice-error'}`} data-testid="roster-message" data-ok={message.ok}>
          {message.text}
        </p>
      )}
    </div>
  );
}
