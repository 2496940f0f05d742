import { useEffect, useState } from 'react';
import { useT } from '../../app/i18n/useT';
import { useAgencies } from '../dispatch/useAgencies';
import { formatDateTime } from '../incidents/formatDateTime';
import { dutyApi, type DutyNowData, type ShiftLogData } from './dutyApi';
import { HandoverForm } from './HandoverForm';
import { RosterForm } from './RosterForm';
import './duty.css';

const REFRESH_MS = 60_000;

/** Who is on duty in the centre now (值班), the user's own handover, and handovers waiting for them. */
export function OnDutyStrip() {
  const { t, lang } = useT();
  const agencies = useAgencies();
  const centre = agencies.find((a) => a.type === 'coordination_centre')?.id ?? null;
  const [duty, setDuty] = useState<DutyNowData | null>(null);
  const [pending, setPending] = useState<ShiftLogData[]>([]);
  const [me, setMe] = useState<string | null>(null);
  const [planner, setPlanner] = useState(false);
  const [open, setOpen] = useState(false);
  const [handing, setHanding] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!centre) return;
    const abort = new AbortController();
    void dutyApi.now(centre, abort.signal).then((d) => !abort.signal.aborted && setDuty(d), () => undefined);
    void dutyApi.me(abort.signal).then(
      (u) => {
        if (abort.signal.aborted) return;
        setMe(u.username);
        // the centre's commanders plan the roster
        setPlanner(u.agencyId === centre && u.roles.includes('commander'));
        // only the centre's own people read its shift log (and have handovers to accept)
        if (u.agencyId === centre) void dutyApi.log(centre, abort.signal).then((r) => !abort.signal.aborted && setPending(r.logs.filter((l) => !l.acceptedAt)), () => undefined);
      },
      () => undefined,
    );
    const id = window.setTimeout(() => setTick((n) => n + 1), REFRESH_MS);
    return () => {
      abort.abort();
      window.clearTimeout(id);
    };
  }, [centre, tick]);

  if (!duty) return null;
  const staffed = duty.seats.filter((s) => s.onDuty);
  const mine = duty.seats.find((s) => s.onDuty?.username === me);
  const forMe = pending.filter((l) => l.toUser === me);
  return (
    <section className="duty-strip" data-testid="duty-strip">
      <button type="button" className="btn btn-quiet duty-summary" data-testid="duty-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('duty.onDuty', { n: String(staffed.length), total: String(duty.seats.length) })}
        {mine && ` · ${t('duty.mySeat', { seat: mine.name })}`}
      </button>
      {forMe.map((l) => (
        <div key={l.id} className="notice" data-testid="shift-pending">
          {t('duty.pending', { from: l.fromUserName })}{t('form.colon')}{l.notes} ({t('duty.openCount', { n: String(l.snapshot.openIncidents.length), tasks: String(l.snapshot.openTasks.length) })})
          <button type="button" className="btn btn-primary" data-testid="shift-accept" onClick={() => void dutyApi.accept(l.id).then(() => setTick((n) => n + 1))}>
            {t('duty.accept')}
          </button>
        </div>
      ))}
      {open && planner && <RosterForm seats={duty.seats} onDone={() => setTick((n) => n + 1)} />}
      {open && (
        <ul className="duty-seats" data-testid="duty-seats">
          {duty.seats.map((s) => (
            <li key={s.seatId} data-testid="duty-seat" data-seat-id={s.seatId} data-user={s.onDuty?.username ?? ''}>
              <strong>{s.name}</strong> {s.onDuty ? `${s.onDuty.displayName} ${t('duty.until', { time: formatDateTime(s.onDuty.until, lang) })}` : t('duty.vacant')}
              {s.next && <span className="muted"> · {t('duty.next', { user: s.next.displayName, time: formatDateTime(s.next.from, lang) })}</span>}
            </li>
          ))}
        </ul>
      )}
      {mine && (
        <button type="button" className="btn" data-testid="shift-handover" onClick={() => setHanding(!handing)}>
          {t('duty.handOver')}
        </button>
      )}
      {mine && handing && (
        <HandoverForm
          seat={mine}
          onDone={() => {
            setHanding(false);
            setTick((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}
