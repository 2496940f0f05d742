import { useState } from 'react';
import type { Incident } from '../../api/incidentSchemas';
import { usePlatformNow } from '../../api/usePlatformNow';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { hhmm } from './formatTime';
import { useTrainRequests, useTrainsNear } from './useTrainsNear';
import { TrainRequestForm } from './TrainRequestForm';
import { TrainRequestList } from './TrainRequestList';
import './trains-near.css';

/**
 * The trains that will pass the incident's mileage in the next 30 minutes, soonest first, with
 * when and from which way, and the request to stop or slow them with the railway's answers.
 */
export function TrainsNearPanel({ incident }: { incident: Incident }) {
  const { t, num } = useT();
  const errorText = useErrorText();
  const now = usePlatformNow(15_000);
  const near = useTrainsNear(incident);
  const requests = useTrainRequests(incident.id);
  // null: every listed train, until the dispatcher ticks otherwise
  const [ticked, setTicked] = useState<Set<string> | null>(null);
  const trains = near.data?.trains ?? [];
  const chosen = trains.map((x) => x.train).filter((n) => ticked === null || ticked.has(n));
  const toggle = (train: string, on: boolean) => {
    const next = new Set(ticked ?? trains.map((x) => x.train));
    if (on) next.add(train);
    else next.delete(train);
    setTicked(next);
  };
  return (
    <section className="trains-near" data-testid="trains-near" data-state={near.isPending ? 'loading' : near.error ? 'error' : 'done'} aria-labelledby={`trains-near-${incident.id}`}>
      <h3 id={`trains-near-${incident.id}`}>{t('trains.title')}</h3>
      {near.isPending && <p className="muted">{t('trains.loading')}</p>}
      {near.error && (
        <p className="notice notice-error" role="alert">
          {t('trains.failed', { message: errorText(near.error) })}
        </p>
      )}
      {near.data && trains.length === 0 && <p className="muted">{t('trains.none')}</p>}
      {trains.length > 0 && (
        <ul className="near-trains" aria-label={t('trains.pick')}>
          {trains.map((x) => {
            const inMin = Math.max(0, Math.round((Date.parse(x.at) - now) / 60_000));
            return (
              <li key={`${x.tripId}@${x.serviceDate}`} data-testid="near-train" data-train={x.train}>
                <label>
                  <input type="checkbox" checked={chosen.includes(x.train)} onChange={(e) => toggle(x.train, e.target.checked)} />
                  <strong className="mono">{x.train}</strong>
                </label>
                <span className="mono">{t('trains.at', { time: hhmm(x.at) })}</span>
                <span className={inMin <= 5 ? 'near-soon' : 'muted'}>{x.direction === null ? t('trains.standing') : inMin === 0 ? t('trains.now') : t('trains.in', { min: num(inMin) })}</span>
                {x.direction && <span className="muted">{t(x.direction === 'up_measure' ? 'trains.up' : 'trains.down')}</span>}
                {x.position && <span className="muted near-where">{t('trains.where', { line: x.position.lineId === incident.location.lineId ? (incident.location.lineName ?? '') : '', mileage: x.position.mileage })}</span>}
              </li>
            );
          })}
        </ul>
      )}
      {trains.length > 0 && <TrainRequestForm incidentId={incident.id} trains={chosen} />}
      <TrainRequestList requests={requests.data ?? []} />
    </section>
  );
}
