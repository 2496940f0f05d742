import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Bulletin } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { bulletinApi } from './bulletinApi';
import { queryKeys } from '../../api/queryClient';
import { ClassificationBadge } from './ClassificationBadge';
import { Receipts } from './Receipts';

interface Props {
  id: string;
  userAgencyId: string | null;
  isCentre: boolean;
  onChanged(): void;
}

/** Read when opened, and again when the live channel reports a change to bulletins. */
export function BulletinDetail({ id, userAgencyId, isCentre, onChanged }: Props) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const key = [...queryKeys.bulletins, 'detail', id];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => bulletinApi.get(id, signal) });
  const b = q.data ?? null;
  const setB = (x: Bulletin) => client.setQueryData(key, x);
  const [failed, setError] = useState<string | null>(null);
  const error = failed ?? (q.error ? errorText(q.error) : null);
  const [reason, setReason] = useState('');
  // one read per opening: the reads again on live updates and acknowledgements are not counted
  useEffect(() => {
    void bulletinApi.opened(id).catch(() => undefined);
  }, [id]);
  if (!b) return error ? <p className="notice notice-error">{error}</p> : <p className="muted">{t('app.loading')}</p>;
  const sender = b.senderAgencyId === userAgencyId;
  const act = async (call: () => Promise<Bulletin>) => {
    setError(null);
    try {
      setB(await call());
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="bulletin-detail" data-testid="bulletin-detail" data-id={b.id}>
      <header className="detail-head">
        <ClassificationBadge value={b.classification} />
        <h2 className="mono">{b.code}</h2>
        <span className="muted">{t(`bulletin.kind.${b.kind}`)}</span>
        {!b.current && <span className="status-chip">{b.status === 'withdrawn' ? t('bulletin.withdrawn') : t('bulletin.expired')}</span>}
      </header>
      <h3>{b.title}</h3>
      {b.incident && (
        <p data-testid="bulletin-incident">
          {t('bulletin.aboutIncident')}{' '}
          <Link className="mono" to={paths.incident(b.incident.code)}>
            {b.incident.code}
          </Link>
        </p>
      )}
      <p className="muted">
        {b.senderAgencyName} · {b.createdByName} · {formatDateTime(b.createdAt, lang)} · {t('bulletin.until', { time: formatDateTime(b.validUntil, lang) })}
      </p>
      <p className="bulletin-body">{b.body}</p>
      {b.instruction && (
        <p className="notice">
          {t('bulletin.instruction')}{t('form.colon')}{b.instruction}
        </p>
      )}
      {b.attachments.length > 0 && (
        <ul className="bulletin-attachments">
          {b.attachments.map((a) => (
            <li key={a.id}>
              <a href={bulletinApi.attachmentUrl(b.id, a.id)} download={a.name}>
                {a.name}
              </a>{' '}
              <span className="muted">{Math.ceil(a.size / 1024)} KB</span>
            </li>
          ))}
        </ul>
      )}
      <div className="bulletin-actions">
        {b.myAcknowledgement && !b.myAcknowledgement.acknowledgedAt && (
          <button type="button" className="btn btn-primary" data-testid="bulletin-acknowledge" onClick={() => void act(() => bulletinApi.acknowledge(b.id))}>
            {t('bulletin.acknowledge')}
          </button>
        )}
        {b.myAcknowledgement?.acknowledgedAt && (
          <span className="status-chip" data-testid="bulletin-acknowledged">
            {t('bulletin.acknowledgedAt', { time: formatDateTime(b.myAcknowledgement.acknowledgedAt, lang) })}
          </span>
        )}
        <a className="btn btn-quiet" data-testid="export-cap" href={bulletinApi.capUrl(b.id)} download={`${b.code}.xml`}>
          {t('bulletin.exportCap')}
        </a>
      </div>
      {(sender || (isCentre && b.classification !== 'secret')) && <Receipts id={b.id} version={q.dataUpdatedAt} />}
      {sender && b.status === 'published' && (
        <div className="bulletin-withdraw">
          <input data-testid="bulletin-withdraw-reason" placeholder={t('bulletin.withdrawReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="button" className="btn" data-testid="bulletin-withdraw" disabled={reason.trim().length < 2} onClick={() => void act(() => bulletinApi.withdraw(b.id, reason.trim()))}>
            {t('bulletin.withdraw')}
          </button>
        </div>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
