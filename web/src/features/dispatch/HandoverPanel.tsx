import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/queryClient';
import { api } from '../../api/endpoints';
import type { HandoverOption } from '../../api/dispatchSchemas';
import type { IncidentDetail } from '../../api/incidentSchemas';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { handoverState } from './handoverState';

interface Props {
  incident: IncidentDetail;
  onDone(): void;
}

/** 前方站交接: for a case on a train, the station ahead whose police can meet it in time, and the other stops. */
export function HandoverPanel({ incident, onDone }: Props) {
  const { t, num, lang } = useT();
  const errorText = useErrorText();
  // read with the incident: a request (or the train moving on) arrives as its live event
  const q = useQuery({ queryKey: queryKeys.handover(incident.id), queryFn: ({ signal }) => api.handover(incident.id, signal) });
  const state = { proposal: q.data ?? null, error: q.error ?? null };
  const [choice, setChoice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const p = state.proposal;
  const station = choice ?? p?.proposed?.stationId ?? null;
  const send = async () => {
    if (!station) return;
    setBusy(true);
    setError(null);
    try {
      await api.requestHandover(incident.id, station);
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const line = (o: HandoverOption) =>
    [
      o.arrival ? t('handover.arrival', { time: formatDateTime(o.arrival, lang) }) : '',
      typeof o.leadTimeS === 'number' ? t('handover.lead', { min: num(Math.round(o.leadTimeS / 60)) }) : '',
      o.police ? `${t('handover.police')}${t('form.colon')}${o.police.name}` : '',
      o.county ? `${t('handover.county')}${t('form.colon')}${o.county.name}` : '',
      o.feasible === false ? t('handover.notFeasible') : '',
    ]
      .filter(Boolean)
      .join(' · ');
  const asked = handoverState(incident.timeline);

  return (
    <section className="handover-panel" data-testid="handover-panel">
      <h3>
        {t('handover.title')} {p?.train && <span className="mono muted">{p.train}</span>}
      </h3>
      {state.error !== null ? (
        <p className="notice notice-error" role="alert">
          {errorText(state.error)}
        </p>
      ) : !p ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <>
          {p.reason && <p className="muted">{(lang === 'en' ? p.reason.en : p.reason.zh) ?? ''}</p>}
          {p.options.length === 0 && !p.proposed ? (
            <p className="muted">{t('handover.none')}</p>
          ) : (
            <ul className="handover-options">
              {[...(p.proposed ? [p.proposed] : []), ...p.options.filter((o) => o.stationId !== p.proposed?.stationId)].map((o) => (
                <li key={o.stationId} data-testid="handover-option" data-station-id={o.stationId} data-proposed={o.stationId === p.proposed?.stationId}>
                  <label>
                    <input type="radio" name="handover-station" checked={station === o.stationId} onChange={() => setChoice(o.stationId)} />
                    <strong>{o.name}</strong>
                    {o.stationId === p.proposed?.stationId && <span className="status-chip">{t('handover.proposed')}</span>}
                  </label>
                  <p className="muted">{line(o)}</p>
                </li>
              ))}
            </ul>
          )}
          {asked && (
            <div className="notice" data-testid="handover-requested" data-task-status={asked.task?.status ?? ''}>
              {t('handover.requested', { station: asked.station })}
              {asked.police && ` · ${asked.police}`}
              {asked.arrival && ` · ${t('handover.arrival', { time: formatDateTime(asked.arrival, lang) })}`}
              {asked.task && (
                <p className="handover-answer" data-testid="handover-answer">
                  <span className="mono">{asked.task.code}</span> {asked.task.status === 'overdue' ? t('handover.noAnswer') : t(`task.status.${asked.task.status}`)}
                  {asked.task.reply && ` · ${t('handover.reply', { text: asked.task.reply })}`} <span className="muted">{formatDateTime(asked.task.at, lang)}</span>
                </p>
              )}
            </div>
          )}
          <button type="button" className="btn btn-primary" data-testid="handover-request" disabled={busy || !station} onClick={() => void send()}>
            {t('handover.request')}
          </button>
          {error && (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </section>
  );
}
