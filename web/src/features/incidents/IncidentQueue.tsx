import { useMemo, useState } from 'react';
import type { Incident } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { QueueRow } from './QueueRow';
import { MyTasks } from '../command/MyTasks';
import { OnDutyStrip } from '../duty/OnDutyStrip';
import { QueueFilters, type QueueFilter } from './QueueFilters';
import { sortQueue } from './sortQueue';
import { useNow } from './useNow';
import type { FeedMode } from './useIncidentFeed';

interface Props {
  incidents: Incident[];
  error: unknown;
  mode: FeedMode;
  selectedId: string | null;
  onOpen(id: string): void;
  onNew(): void;
}

export function IncidentQueue({ incidents, error, mode, selectedId, onOpen, onNew }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const now = useNow(1000);
  const [filter, setFilter] = useState<QueueFilter>({ status: '', priorities: [] });
  const rows = useMemo(
    () =>
      sortQueue(
        incidents.filter((i) => (!filter.status || i.status === filter.status) && (filter.priorities.length === 0 || filter.priorities.includes(i.priority))),
      ),
    [incidents, filter],
  );
  return (
    <section className="incident-queue" data-testid="incident-queue" aria-labelledby="queue-heading">
      <header className="queue-head">
        <h2 id="queue-heading">
          {t('queue.title')} <span className="muted">({rows.length})</span>
        </h2>
        <span className={`feed-mode feed-${mode}`} data-testid="feed-mode" data-mode={mode}>
          {t(`feed.${mode}`)}
        </span>
        <button type="button" className="btn btn-primary" data-testid="new-incident" onClick={onNew} title={t('queue.newHint')}>
          {t('queue.new')}
        </button>
      </header>
      <OnDutyStrip />
      <MyTasks onOpenIncident={onOpen} />
      <QueueFilters value={filter} onChange={setFilter} />
      {error !== null && (
        <p className="notice notice-error" role="alert">
          {t('queue.failed', { message: errorText(error) })}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted queue-empty">{t('queue.empty')}</p>
      ) : (
        <ol className="queue-list">
          {rows.map((i) => (
            <QueueRow key={i.id} incident={i} now={now} selected={i.id === selectedId} onOpen={onOpen} />
          ))}
        </ol>
      )}
    </section>
  );
}
