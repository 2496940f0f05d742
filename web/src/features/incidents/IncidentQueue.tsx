import { useMemo, useState } from 'react';
import type { Incident } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { usePlatformNow } from '../../api/usePlatformNow';
import { QueueRow } from './QueueRow';
import { QueueTable } from './QueueTable';
import { QueueToolbar } from './QueueToolbar';
import { MyTasks } from '../command/MyTasks';
import { OnDutyStrip } from '../duty/OnDutyStrip';
import { QueueFilters, type QueueFilter } from './QueueFilters';
import { sortQueue } from './sortQueue';
import { matchesQueueSearch } from './queueSearch';
import type { FeedMode } from './useIncidentFeed';
import type { QueueView } from './useQueueView';
import { useShortcut } from '../shortcuts/registry';
import { SHORTCUT_KEYS } from '../shortcuts/bindings';
import { withKeys } from '../shortcuts/Keys';

interface Props {
  incidents: Incident[];
  error: unknown;
  mode: FeedMode;
  selectedCode: string | null;
  view: QueueView;
  onView(view: QueueView): void;
  onOpen(incident: Incident): void;
  /** a task names its incident by id */
  onOpenId(id: string): void;
  onNew(): void;
}

export function IncidentQueue({ incidents, error, mode, selectedCode, view, onView, onOpen, onOpenId, onNew }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const now = usePlatformNow(1000);
  const [filter, setFilter] = useState<QueueFilter>({ status: '', priorities: [] });
  const [query, setQuery] = useState('');
  const rows = useMemo(
    () =>
      sortQueue(
        incidents.filter(
          (i) => (!filter.status || i.status === filter.status) && (filter.priorities.length === 0 || filter.priorities.includes(i.priority)) && matchesQueueSearch(i, query),
        ),
      ),
    [incidents, filter, query],
  );
  // J/K walk the queue as it is shown: filtered, searched and sorted
  const step = (by: number) => {
    if (rows.length === 0) return;
    const at = rows.findIndex((i) => i.code === selectedCode);
    const next = at < 0 ? (by > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + by));
    if (rows[next]!.code !== selectedCode) onOpen(rows[next]!);
  };
  useShortcut('nextIncident', () => step(1));
  useShortcut('prevIncident', () => step(-1));

  return (
    <section className="incident-queue" data-testid="incident-queue" data-view={view} aria-labelledby="queue-heading">
      <header className="queue-head">
        <h2 id="queue-heading">
          {t('queue.title')} <span className="muted">({rows.length})</span>
        </h2>
        <span className={`feed-mode feed-${mode}`} data-testid="feed-mode" data-mode={mode}>
          {t(`feed.${mode}`)}
        </span>
        <button type="button" className="btn btn-primary" data-testid="new-incident" onClick={onNew} title={withKeys(t('queue.newHint'), SHORTCUT_KEYS.newCall)}>
          {t('queue.new')}
        </button>
      </header>
      <OnDutyStrip />
      <MyTasks onOpenIncident={onOpenId} />
      <QueueToolbar query={query} onQuery={setQuery} view={view} onView={onView} />
      <QueueFilters value={filter} onChange={setFilter} />
      {error !== null && (
        <p className="notice notice-error" role="alert">
          {t('queue.failed', { message: errorText(error) })}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted queue-empty">{query ? t('queue.noMatch') : t('queue.empty')}</p>
      ) : view === 'table' ? (
        <QueueTable rows={rows} now={now} selectedCode={selectedCode} onOpen={onOpen} />
      ) : (
        <ol className="queue-list" title={withKeys(t('queue.walk'), [...SHORTCUT_KEYS.nextIncident, ...SHORTCUT_KEYS.prevIncident])}>
          {rows.map((i) => (
            <QueueRow key={i.id} incident={i} now={now} selected={i.code === selectedCode} onOpen={onOpen} />
          ))}
        </ol>
      )}
    </section>
  );
}
