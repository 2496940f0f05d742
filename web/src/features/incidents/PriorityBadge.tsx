import type { PriorityLevel } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';

export function PriorityBadge({ priority }: { priority: PriorityLevel }) {
  const { t } = useT();
  return (
    <span className={`priority-badge priority-${priority}`} data-testid="priority-badge" data-priority={priority} title={t(`priority.${priority}`)}>
      {priority}
    </span>
  );
}
