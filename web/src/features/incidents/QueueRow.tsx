import type { Incident } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';
import { PriorityBadge } from './PriorityBadge';
import { AgeClock } from './AgeClock';
import { placeText } from './placeText';
import { useCategoryName } from './useCategoryName';

interface Props {
  incident: Incident;
  now: number;
  selected: boolean;
  onOpen(incident: Incident): void;
}

export function QueueRow({ incident: i, now, selected, onOpen }: Props) {
  const { t } = useT();
  const categoryName = useCategoryName();
  const stopped = i.status === 'cleared' ? (i.times?.clearedAt ?? null) : null;
  return (
    <li>
      <button
        type="button"
        className={`queue-row${selected ? ' is-selected' : ''}`}
        data-testid="queue-row"
        data-id={i.id}
        data-code={i.code}
        data-priority={i.priority}
        data-status={i.status}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onOpen(i)}
      >
        <span className="queue-row-top">
          <PriorityBadge priority={i.priority} />
          <span className="queue-code mono">{i.code}</span>
          <span className={`status-chip status-${i.status}`}>{t(`status.${i.status}`)}</span>
          <AgeClock receivedAt={i.receivedAt} limitS={i.timeLimitS} now={now} stoppedAt={stopped} />
        </span>
        <span className="queue-row-main">
          <strong className="queue-category">{categoryName(i)}</strong>
          <span className="queue-place">{placeText(i.location)}</span>
        </span>
        <span className="queue-row-lead muted">
          {t('resp.lead')}{t('form.colon')}{i.lead?.name ?? t('resp.noLead')}
          {i.likelyDuplicates.length > 0 && <span className="dup-flag">{t('incident.likelyDuplicate')}</span>}
        </span>
      </button>
    </li>
  );
}
