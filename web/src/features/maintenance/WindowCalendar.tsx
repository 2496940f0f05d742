import { useMemo, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { MaintenanceWindow } from '@railjoint/contracts';
import { queryKeys } from '../../api/queryClient';
import { usePlatformNow } from '../../api/usePlatformNow';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { cancelWindow, useWindows } from './windowApi';
import { beijingClock, beijingDay, beijingMidnight } from './beijingTime';
import './maintenance.css';

const DAY = 86_400_000;

/** The part of a window inside one day, as shares of the day for placing its bar. */
function within(w: MaintenanceWindow, dayMs: number): { left: number; width: number } | null {
  const a = Math.max(Date.parse(w.start), dayMs);
  const b = Math.min(Date.parse(w.end), dayMs + DAY);
  return b > a ? { left: (a - dayMs) / DAY, width: (b - a) / DAY } : null;
}

/** 天窗日历: a week of days, each a 24-hour strip with the windows on it, Beijing time. */
export function WindowCalendar() {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const [week, setWeek] = useState(0);
  const now = usePlatformNow(60_000);
  const first = beijingMidnight(now) + week * 7 * DAY;
  const span = useMemo(() => ({ from: new Date(first).toISOString(), to: new Date(first + 7 * DAY).toISOString() }), [first]);
  const { data, error } = useWindows(span.from, span.to);
  const windows = data?.windows ?? [];
  const days = Array.from({ length: 7 }, (_, i) => first + i * DAY);
  const label = (w: MaintenanceWindow) => t('windows.item', { line: w.lineName, from: w.from, to: w.to, crew: w.crew });
  const hours = (w: MaintenanceWindow) => t('windows.hours', { start: beijingClock(Date.parse(w.start)), end: beijingClock(Date.parse(w.end)) });

  return (
    <section className="window-calendar" data-testid="window-calendar" aria-labelledby="window-calendar-title">
      <header className="defence-section-head">
        <h3 id="window-calendar-title">{t('windows.title')}</h3>
        <span className="muted">{t('windows.week', { from: beijingDay(first, lang) })}</span>
        <button type="button" className="btn btn-quiet" onClick={() => setWeek((w) => w - 1)}>
          {t('windows.prev')}
        </button>
        <button type="button" className="btn btn-quiet" onClick={() => setWeek(0)} disabled={week === 0}>
          {t('windows.today')}
        </button>
        <button type="button" className="btn btn-quiet" onClick={() => setWeek((w) => w + 1)}>
          {t('windows.next')}
        </button>
      </header>
      {error && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
      <ol className="calendar-days">
        <li className="calendar-day calendar-hours" aria-hidden="true">
          <span />
          <div className="calendar-scale">
            {[0, 6, 12, 18].map((h) => (
              <span key={h} style={{ left: `${(h / 24) * 100}%` }}>
                {`${String(h).padStart(2, '0')}:00`}
              </span>
            ))}
          </div>
        </li>
        {days.map((day) => (
          <li key={day} className="calendar-day">
            <span className="calendar-day-name">{beijingDay(day, lang)}</span>
            <div className="calendar-strip" aria-hidden="true">
              {now >= day && now < day + DAY && <span className="calendar-now" style={{ left: `${((now - day) / DAY) * 100}%` }} />}
              {windows.map((w) => {
                const part = within(w, day);
                return part ? <span key={w.id} className={`calendar-bar window-${w.status}`} title={`${label(w)} · ${hours(w)}`} style={{ left: `${part.left * 100}%`, width: `${Math.max(part.width * 100, 0.8)}%` }} /> : null;
              })}
            </div>
          </li>
        ))}
      </ol>
      {data && windows.length === 0 && <p className="muted">{t('windows.none')}</p>}
      {windows.length > 0 && (
        <ul className="window-list">
          {windows.map((w) => (
            <li key={w.id} data-testid="window-item" data-window={w.id} data-status={w.status}>
              <span className={`window-status window-${w.status}`}>{t(`windows.status.${w.status}`)}</span> {beijingDay(Date.parse(w.start), lang)} {hours(w)} · {label(w)} · {w.agencyName}
              {(w.status === 'planned' || w.status === 'open') && <CancelWindow window={w} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** 取消天窗: the working or declaring agency, or the centre, calls a window off with a reason (the server decides who may). */
function CancelWindow({ window: w }: { window: MaintenanceWindow }) {
  const { t } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await cancelWindow(w.id, reason.trim());
      setOpen(false);
      void client.invalidateQueries({ queryKey: queryKeys.windows });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (!open) {
    return (
      <button type="button" className="btn btn-quiet" data-testid="window-cancel" onClick={() => setOpen(true)}>
        {t('windows.cancel')}
      </button>
    );
  }
  return (
    <form className="window-cancel-form" data-testid="window-cancel-form" onSubmit={submit}>
      <label className="field-inline">
        {t('windows.cancelReason')}
        <input data-testid="window-cancel-reason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={4} maxLength={500} autoFocus />
      </label>
      <button type="submit" className="btn" data-testid="window-cancel-submit" disabled={busy}>
        {t('windows.cancel')}
      </button>
      <button type="button" className="btn btn-quiet" onClick={() => setOpen(false)}>
        {t('alarms.form.cancel')}
      </button>
      {error !== null && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
    </form>
  );
}
