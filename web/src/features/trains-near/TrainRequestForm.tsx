import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { TrainRequestKind } from '@railjoint/contracts';
import { queryKeys } from '../../api/queryClient';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { useAgencies } from '../dispatch/useAgencies';
import { trainsApi } from './trainsApi';

interface Props {
  incidentId: string;
  /** the trains ticked in the list above */
  trains: string[];
}

/** Stop or slow the ticked trains: a task order to the station that speaks to the train dispatcher. */
export function TrainRequestForm({ incidentId, trains }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const stations = useAgencies().filter((a) => a.type === 'railway_station');
  const [kind, setKind] = useState<TrainRequestKind>('stop');
  const [speed, setSpeed] = useState('45');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    if (trains.length === 0) {
      setError(t('trains.needTrain'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await trainsApi.ask(incidentId, { kind, trains, ...(kind === 'slow' ? { speedKmh: Number.parseInt(speed, 10) || 0 } : {}), ...(to ? { toAgencyId: to } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      setNote('');
      await client.invalidateQueries({ queryKey: queryKeys.trainRequests(incidentId) });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="train-request-form" data-testid="train-request-form">
      <div className="train-request-kinds" role="radiogroup" aria-label={t('trains.requests')}>
        {(['stop', 'slow'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name={`train-request-${incidentId}`} data-testid={`train-request-${k}`} checked={kind === k} onChange={() => setKind(k)} />
            {t(`trains.ask.${k}`)}
          </label>
        ))}
        {kind === 'slow' && (
          <label className="field field-narrow">
            <span>{t('trains.speed')}</span>
            <input data-testid="train-request-speed" inputMode="numeric" value={speed} onChange={(e) => setSpeed(e.target.value.replace(/\D/g, ''))} />
          </label>
        )}
      </div>
      <div className="field-row">
        <label className="field">
          <span>{t('trains.to')}</span>
          <select data-testid="train-request-to" value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">{t('trains.toAuto')}</option>
            {stations.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('trains.note')}</span>
          <input data-testid="train-request-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="train-request-error">
          {error}
        </p>
      )}
      <button type="button" className="btn btn-primary" data-testid="train-request-send" disabled={busy} onClick={() => void send()}>
        {busy ? t('trains.sending') : `${t(`trains.ask.${kind}`)} · ${t('trains.send')}`}
      </button>
    </div>
  );
}
