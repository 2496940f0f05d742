import type { TrainRequest } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { hhmm } from './formatTime';

const REPLIES = ['acknowledge', 'progress', 'complete', 'cancel', 'overdue'] as const;
const isReply = (kind: string): kind is (typeof REPLIES)[number] => (REPLIES as readonly string[]).includes(kind);

/** Each request as sent and as the railway answered it: who, when, what they did. */
export function TrainRequestList({ requests }: { requests: TrainRequest[] }) {
  const { t } = useT();
  if (requests.length === 0) return null;
  return (
    <>
      <h4>{t('trains.requests')}</h4>
      <ul className="train-requests">
        {requests.map((r) => (
          <li key={r.id} data-testid="train-request" data-status={r.status} data-kind={r.kind}>
            <div className="train-request-head">
              <strong>{r.kind === 'stop' ? t('trains.request.stop') : t('trains.request.slow', { speed: r.speedKmh ?? '' })}</strong>
              <span className="mono">{r.trains.join(t('form.listSeparator'))}</span>
              <span className={`status-chip task-${r.status}`}>{t(`task.status.${r.status}`)}</span>
            </div>
            <p className="muted">
              {t('trains.request.to', { agency: r.toAgencyName })} · {t('trains.request.by', { name: r.requestedByName, time: hhmm(r.requestedAt) })}
            </p>
            {r.replies.length === 0 && (
              <p className={r.overdue ? 'notice notice-warn' : 'muted'}>{r.overdue ? t('trains.request.overdue') : `${t('trains.request.waiting')} · ${t('trains.request.deadline', { time: hhmm(r.deadline) })}`}</p>
            )}
            {r.replies.length > 0 && (
              <ol className="train-replies">
                {r.replies.map((x, i) => (
                  <li key={`${x.at}-${i}`} data-testid="train-reply" data-kind={x.kind}>
                    <span className="mono">{hhmm(x.at)}</span> {isReply(x.kind) && <strong>{t(`trains.reply.${x.kind}`)}</strong>}
                    {(x.agencyName || x.byName) && <span className="muted"> · {x.byName || x.agencyName}</span>}
                    {x.note && <span className="train-reply-note">{t('trains.reply.note', { note: x.note })}</span>}
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
