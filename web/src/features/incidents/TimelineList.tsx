import type { TimelineEntry } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';
import type { MessageKey } from '../../app/i18n/zh-CN';
import { formatDateTime } from './formatDateTime';
import { actionLabel, detailText } from './timelineText';

export function TimelineList({ entries }: { entries: TimelineEntry[] }) {
  const { t, lang } = useT();
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((e) => {
        const extra = detailText(e.detail, t);
        return (
          <li key={e.id} className="timeline-entry" data-testid="timeline-entry" data-action={e.action} data-to-status={e.toStatus ?? ''}>
            <time dateTime={e.at} className="mono">
              {formatDateTime(e.at, lang)}
            </time>
            <div>
              <strong>{actionLabel(e.action, t)}</strong>
              {e.toStatus && <span className={`status-chip status-${e.toStatus}`}>{t(`status.${e.toStatus}` as MessageKey)}</span>}
              <span className="muted timeline-actor">{e.actor.name}</span>
              {extra && <p className="timeline-detail">{extra}</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
