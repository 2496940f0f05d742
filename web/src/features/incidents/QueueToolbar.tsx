import { useRef } from 'react';
import { useT } from '../../app/i18n/useT';
import { SHORTCUT_KEYS } from '../shortcuts/bindings';
import { withKeys } from '../shortcuts/Keys';
import { useShortcut } from '../shortcuts/registry';
import type { QueueView } from './useQueueView';

interface Props {
  query: string;
  onQuery(query: string): void;
  view: QueueView;
  onView(view: QueueView): void;
}

/** Free-text search over the queue (/ or Ctrl+K from anywhere) and the cards/table switch. */
export function QueueToolbar({ query, onQuery, view, onView }: Props) {
  const { t } = useT();
  const input = useRef<HTMLInputElement>(null);
  useShortcut('search', () => {
    input.current?.focus();
    input.current?.select();
  });
  return (
    <div className="queue-toolbar">
      <input
        ref={input}
        type="search"
        className="queue-search"
        data-testid="queue-search"
        value={query}
        placeholder={t('queue.searchPlaceholder')}
        aria-label={t('queue.search')}
        title={withKeys(t('queue.search'), SHORTCUT_KEYS.search)}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            onQuery('');
            e.currentTarget.blur();
          }
        }}
      />
      <div className="view-switch" role="group" aria-label={t('queue.view')}>
        {(['cards', 'table'] as const).map((v) => (
          <button key={v} type="button" data-testid={`queue-view-${v}`} className={view === v ? 'is-active' : undefined} aria-pressed={view === v} onClick={() => onView(v)}>
            {t(`queue.view.${v}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
