import { useEffect, useMemo, useState } from 'react';
import type { User } from '@railjoint/contracts';
import { platformNow } from '../../api/platformClock';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { CheckInPanel, type CheckInInput } from './CheckInPanel';
import { FindingForm, type FindingInput } from './FindingForm';
import { freshFix } from './freshFix';
import { offlineStore, onStoreChange } from './offlineStore';
import { patrolActions } from './patrolActions';
import { QueuePanel } from './QueuePanel';
import type { ActivePatrol, QueueItem } from './queueTypes';
import type { DayData, DutyCheckpoint } from './useDayData';
import { distanceM, lastFix, usePosition } from './usePosition';
import { useQueue } from './useQueue';
import { useTrackRecorder } from './useTrackRecorder';
import { reasonKey, verdictOf } from './verdict';
import './patrol.css';

const DAY_MS = 86_400_000;

interface Props {
  user: User;
  day: { data: DayData | null; savedAt: string | null; fromCache: boolean; loading: boolean; reload(): void };
}

/** The patrol under way on this phone, as kept in IndexedDB (a reload or a restart resumes it). */
function useActivePatrol(owner: string): ActivePatrol | null | undefined {
  const [active, setActive] = useState<ActivePatrol | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const read = () => {
      offlineStore.active(owner).then(
        (a) => live && setActive(a ?? null),
        () => live && setActive(null),
      );
    };
    read();
    const off = onStoreChange(read);
    return () => {
      live = false;
      off();
    };
  }, [owner]);
  return active;
}

/**
 * The patrol app (护路巡防) on /mobile: today's duties, a patrol with its track shared, a check-in
 * at each checkpoint with the verdict and its reason, findings with photos, and what still waits
 * to be sent. Every write goes into the phone's queue first and is sent when the network lets it,
 * so the app works the same with or without signal.
 */
export function PatrolApp({ user, day }: Props) {
  const { t, lang, num } = useT();
  const owner = user.username;
  const queue = useQueue(owner);
  const active = useActivePatrol(owner);
  const position = usePosition(Boolean(active));
  const fix = lastFix(position);
  const flushTrack = useTrackRecorder(owner, active?.id ?? null, fix);
  const [checkingIn, setCheckingIn] = useState<DutyCheckpoint | ActivePatrol['checkpoints'][number] | null>(null);
  const [findingOpen, setFindingOpen] = useState(false);
  const [confirmFinish, setConfirmFinish] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void offlineStore.prune(owner, new Date(platformNow() - DAY_MS).toISOString()).catch(() => undefined);
  }, [owner]);

  const data = day.data;
  const myTeams = useMemo(() => {
    const teams = data?.teams ?? [];
    const members = teams.filter((x) => x.memberId !== null);
    return members.length ? members : teams;
  }, [data]);

  const checkpointName = useMemo(() => {
    const names = new Map<string, string>();
    for (const c of data?.checkpoints ?? []) names.set(c.id, c.name);
    for (const d of data?.duties ?? []) for (const c of d.checkpoints) names.set(c.id, c.name);
    for (const c of active?.checkpoints ?? []) names.set(c.id, c.name);
    return names;
  }, [data, active]);
  const categoryName = (id: string) => {
    const c = data?.categories.find((x) => x.id === id);
    return c ? (lang === 'en' ? c.nameEn : c.nameZh) : id;
  };
  const itemName = (item: QueueItem) => (item.kind === 'check_in' ? (checkpointName.get(String(item.body.checkpointId)) ?? String(item.body.checkpointId)) : categoryName(String(item.body.category)));

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setNotice(null);
    try {
      await step();
    } catch (e) {
      setNotice({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  const start = (duty: DayData['duties'][number] | null) =>
    run(async () => {
      const team = (duty ? myTeams.find((x) => duty.teamIds.includes(x.id)) : null) ?? myTeams[0];
      if (!team) return;
      const checkpoints = duty
        ? duty.checkpoints.map((c) => ({ id: c.id, name: c.name, seq: c.seq, coordinates: c.coordinates, radiusM: c.radiusM, mileage: c.mileage }))
        : (data?.checkpoints ?? []).map((c, i) => ({ ...c, seq: i + 1 }));
      await patrolActions.start(owner, { teamId: team.id, teamName: team.name, dutyId: duty?.id ?? null, planName: duty?.planName ?? null, mode: duty?.mode ?? 'foot', checkpoints });
      queue.syncNow();
    });

  const checkIn = (input: CheckInInput) =>
    run(async () => {
      if (!active || !checkingIn) return;
      const at = await freshFix(fix);
      if (!at) {
        setNotice({ kind: 'error', text: position.kind === 'error' && position.code === 1 ? t('patrolApp.geoDenied') : t('patrolApp.noFix') });
        return;
      }
      await flushTrack();
      await patrolActions.checkIn(owner, active.id, { checkpointId: checkingIn.id, method: input.method, code: input.code, fix: at });
      setCheckingIn(null);
      queue.syncNow();
    });

  const fileFinding = (input: FindingInput) =>
    run(async () => {
      if (!active) return;
      const at = await freshFix(fix);
      if (!at) {
        setNotice({ kind: 'error', text: t('patrolApp.noFix') });
        return;
      }
      await flushTrack();
      await patrolActions.finding(owner, active.id, { ...input, fix: at });
      setFindingOpen(false);
      setNotice({ kind: 'info', text: t('patrolApp.findingQueued') });
      queue.syncNow();
    });

  const finish = () =>
    run(async () => {
      if (!active) return;
      await flushTrack();
      await patrolActions.finish(owner, active.id);
      setConfirmFinish(false);
      queue.syncNow();
      day.reload();
    });

  const latestCheckIn = (checkpointId: string): QueueItem | undefined => {
    let found: QueueItem | undefined;
    for (const i of queue.items) if (i.kind === 'check_in' && i.patrolId === active?.id && i.body.checkpointId === checkpointId) found = i;
    return found;
  };

  const status = (
    <>
      {notice && (
        <p className={`notice ${notice.kind === 'error' ? 'notice-error' : 'notice-info'}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="patrol-notice">
          {notice.text}
        </p>
      )}
      <QueuePanel queue={queue} names={itemName} />
    </>
  );

  if (active === undefined) return <p className="muted">{t('patrolApp.loading')}</p>;

  if (active) {
    if (checkingIn) {
      return (
        <div className="patrol-app" data-testid="patrol-app">
          <CheckInPanel name={checkingIn.name} onCheckIn={(i) => void checkIn(i)} onClose={() => setCheckingIn(null)} />
          {status}
        </div>
      );
    }
    if (findingOpen) {
      return (
        <div className="patrol-app" data-testid="patrol-app">
          <FindingForm categories={data?.categories ?? []} onFile={fileFinding} onClose={() => setFindingOpen(false)} />
          {status}
        </div>
      );
    }
    return (
      <div className="patrol-app" data-testid="patrol-app">
        <section className="mobile-section patrol-active" data-testid="patrol-active" data-patrol-id={active.id}>
          <h2>
            {t('patrolApp.under')} · {active.planName ?? active.teamName}
          </h2>
          <p className="muted">
            {t('patrolApp.since', { time: formatDateTime(active.startedAt, lang) })} · {t('patrolApp.sharing')}
          </p>
          <p className="muted" data-testid="patrol-fix">
            {fix ? t('patrolApp.accuracy', { m: num(Math.round(fix.accuracyM)) }) : position.kind === 'error' && position.code === 1 ? t('patrolApp.geoDenied') : t('patrolApp.noFix')}
          </p>
          <h3>{t('patrolApp.checkpoints')}</h3>
          <ol className="patrol-checkpoints">
            {active.checkpoints.map((c) => {
              const item = latestCheckIn(c.id);
              const v = item ? verdictOf(item) : null;
              return (
                <li key={c.id} className={`patrol-checkpoint${v ? ` is-${v.kind}` : ''}`} data-testid="patrol-checkpoint" data-checkpoint-id={c.id} data-verdict={v?.kind ?? 'none'}>
                  <div className="patrol-checkpoint-head">
                    <strong>{c.name}</strong>
                    {fix && <span className="muted">{t('patrolApp.distance', { m: num(Math.round(distanceM([fix.lon, fix.lat], c.coordinates))) })}</span>}
                  </div>
                  {v && (
                    <p className="patrol-verdict" data-testid="patrol-verdict">
                      {v.kind === 'waiting'
                        ? t('patrolApp.verdict.waiting')
                        : v.kind === 'accepted'
                          ? t(v.late ? 'patrolApp.verdict.late' : 'patrolApp.verdict.accepted')
                          : v.kind === 'refused'
                            ? t('patrolApp.verdict.refused', { reason: v.reason ? t(reasonKey(v.reason)) : v.message })
                            : t('patrolApp.verdict.failed', { message: v.message })}
                    </p>
                  )}
                  <button type="button" className="btn btn-primary mobile-big" data-testid="patrol-checkin" disabled={busy} onClick={() => setCheckingIn(c)}>
                    {t('patrolApp.checkIn')}
                  </button>
                </li>
              );
            })}
          </ol>
          <button type="button" className="btn mobile-big" data-testid="patrol-finding" disabled={busy} onClick={() => setFindingOpen(true)}>
            {t('patrolApp.finding')}
          </button>
          {confirmFinish ? (
            <div className="patrol-confirm">
              <p>{t('patrolApp.finishConfirm')}</p>
              <button type="button" className="btn btn-primary mobile-big" data-testid="patrol-finish-confirm" disabled={busy} onClick={() => void finish()}>
                {t('patrolApp.finish')}
              </button>
              <button type="button" className="btn mobile-big" onClick={() => setConfirmFinish(false)}>
                {t('patrolApp.cancel')}
              </button>
            </div>
          ) : (
            <button type="button" className="btn mobile-big" data-testid="patrol-finish" disabled={busy} onClick={() => setConfirmFinish(true)}>
              {t('patrolApp.finish')}
            </button>
          )}
        </section>
        {status}
      </div>
    );
  }

  return (
    <div className="patrol-app" data-testid="patrol-app">
      <section className="mobile-section" data-testid="patrol-duties">
        <h2>{t('patrolApp.today')}</h2>
        {day.fromCache && day.savedAt && (
          <p className="notice" data-testid="patrol-cached">
            {t('patrolApp.cachedCopy', { time: formatDateTime(day.savedAt, lang) })}
          </p>
        )}
        {!data ? (
          <p className="muted">{day.loading ? t('patrolApp.loading') : t('patrolApp.noDuties')}</p>
        ) : myTeams.length === 0 ? (
          <p className="muted">{t('patrolApp.noTeam')}</p>
        ) : (
          <>
            {data.duties.length === 0 && <p className="muted">{t('patrolApp.noDuties')}</p>}
            <ul className="patrol-duties">
              {data.duties.map((d) => (
                <li key={d.id} className={`patrol-duty is-${d.status}`} data-testid="patrol-duty" data-duty-id={d.id} data-status={d.status}>
                  <div className="patrol-duty-head">
                    <strong>{d.planName}</strong>
                    {d.joint && <span className="status-chip">{t('patrolApp.joint')}</span>}
                    <span className="status-chip">{t(`patrolApp.duty.${d.status}`)}</span>
                  </div>
                  <p className="mono">{t('patrolApp.slot', { from: clock(d.slotStart), to: clock(d.slotEnd) })}</p>
                  <p className="muted">{d.checkpoints.map((c) => `${c.checkedInAt ? '✓ ' : ''}${c.name}`).join(' → ')}</p>
                  {(d.status === 'open' || d.status === 'upcoming' || d.status === 'partly_done') && (
                    <button type="button" className="btn btn-primary mobile-big" data-testid="patrol-start" disabled={busy} onClick={() => void start(d)}>
                      {t('patrolApp.start')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
            <button type="button" className="btn mobile-big" data-testid="patrol-start-free" disabled={busy} onClick={() => void start(null)}>
              {t('patrolApp.startFree')}
            </button>
          </>
        )}
      </section>
      {status}
    </div>
  );
}

/** HH:MM of an instant in Beijing time, as duties are planned. */
function clock(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);
}
