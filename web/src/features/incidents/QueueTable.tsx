import { Link } from 'react-router';
import type { Incident } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';
import { paths } from '../../app/paths';
import { AgeClock } from './AgeClock';
import { PriorityBadge } from './PriorityBadge';
import { placeText } from './placeText';
import { useCategoryName } from './useCategoryName';

interface Props {
  rows: Incident[];
  now: number;
  selectedCode: string | null;
  onOpen(incident: Incident): void;
}

/** The dense view: one line per incident, so a full shift's queue fits on a 1080p screen. */
export function QueueTable({ rows, now, selectedCode, onOpen }: Props) {
  const { t } = useT();
  const categoryName = useCategoryName();
  return (
    <table className="queue-table" data-testid="queue-table">
      <thead>
        <tr>
          <th scope="col">{t('queue.colPriority')}</th>
          <th scope="col">{t('queue.colCode')}</th>
          <th scope="col">{t('queue.status')}</th>
          <th scope="col">{t('queue.colCategory')}</th>
          <th scope="col">{t('queue.colPlace')}</th>
          <th scope="col" className="queue-col-lead">{t('resp.lead')}</th>
          <th scope="col">{t('queue.colAge')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((i) => {
          const selected = i.code === selectedCode;
          return (
            <tr
              key={i.id}
              className={selected ? 'is-selected' : undefined}
              data-testid="queue-row"
              data-id={i.id}
              data-code={i.code}
              data-priority={i.priority}
              data-status={i.status}
              aria-current={selected ? 'true' : undefined}
              onClick={() => onOpen(i)}
            >
              <td>
                <PriorityBadge priority={i.priority} />
              </td>
              <td className="mono">
                {/* the link makes each row reachable by Tab and openable in a new tab */}
                <Link to={paths.incident(i.code)} onClick={(e) => e.stopPropagation()}>
                  {i.code}
                </Link>
              </td>
              <td>
                <span className={`status-chip status-${i.status}`}>{t(`status.${i.status}`)}</span>
              </td>
              <td className="queue-cell-text" title={categoryName(i)}>
                {categoryName(i)}
                {i.likelyDuplicates.length > 0 && <span className="dup-flag">{t('incident.likelyDuplicate')}</span>}
              </td>
              <td className="queue-cell-text" title={placeText(i.location)}>
                {placeText(i.location)}
              </td>
              <td className="queue-cell-text queue-col-lead" title={i.lead?.name ?? ''}>
                {i.lead?.name ?? t('resp.noLead')}
              </td>
              <td>
                <AgeClock receivedAt={i.receivedAt} limitS={i.timeLimitS} now={now} stoppedAt={i.status === 'cleared' ? (i.times?.clearedAt ?? null) : null} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
