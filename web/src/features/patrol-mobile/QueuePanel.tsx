import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import type { QueueItem } from './queueTypes';
import { queueCounts } from './syncPlan';
import type { QueueView } from './useQueue';
import { reasonKey, verdictOf } from './verdict';

/**
 * What the phone holds: how many writes still wait for the network, and each write with what
 * became of it — a check-in's verdict with its reason, a finding's incident, or why the server
 * would not take it. Nothing disappears unseen.
 */
export function QueuePanel({ queue, names }: { queue: QueueView; names: (item: QueueItem) => string }) {
  const { t, lang } = useT();
  const counts = queueCounts(queue.items);
  const recent = [...queue.items].reverse().slice(0, 30);
  return (
    <section className="mobile-section patrol-queue" data-testid="patrol-queue">
      <h2>
        {t('patrolApp.queue')}{' '}
        <span className={`status-chip${counts.waiting ? ' patrol-waiting' : ''}`} data-testid="patrol-waiting" data-count={counts.waiting}>
          {counts.waiting ? t('patrolApp.waitingCount', { n: counts.waiting }) : t('patrolApp.queueEmpty')}
        </span>
      </h2>
      <p className="muted" data-testid="patrol-network" data-online={queue.online}>
        {queue.syncing ? t('patrolApp.syncing') : queue.online ? t('patrolApp.online') : t('patrolApp.offline')}
      </p>
      {counts.waiting > 0 && (
        <button type="button" className="btn mobile-big" data-testid="patrol-send-now" disabled={queue.syncing} onClick={queue.syncNow}>
          {t('patrolApp.sendNow')}
        </button>
      )}
      <ul className="patrol-queue-list">
        {recent.map((item) => {
          const v = item.kind === 'check_in' ? verdictOf(item) : null;
          return (
            <li key={item.id} data-testid="patrol-queue-item" data-kind={item.kind} data-state={item.state} className={`patrol-queue-item is-${item.state}`}>
              <span>{label(item)}</span>
              <span className="status-chip">{t(`patrolApp.state.${item.state}`)}</span>
              <span className="muted mono">{formatDateTime(item.createdAt, lang)}</span>
              {v?.kind === 'refused' && <span className="patrol-reason">{v.reason ? t(reasonKey(v.reason)) : v.message}</span>}
              {item.state === 'failed' && <span className="patrol-reason">{item.error?.message || item.error?.code}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );

  function label(item: QueueItem): string {
    switch (item.kind) {
      case 'track':
        return t('patrolApp.kind.track', { n: Array.isArray(item.body.points) ? item.body.points.length : 0 });
      case 'check_in':
      case 'finding':
        return t(`patrolApp.kind.${item.kind}`, { name: names(item) });
      default:
        return t(`patrolApp.kind.${item.kind}`);
    }
  }
}
