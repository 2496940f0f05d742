import { PRIORITIES, type IncidentStatus } from '@railjoint/contracts';
import type { PriorityLevel } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';
import { OPEN_STATUSES } from './useIncidentFeed';

export interface QueueFilter {
  status: IncidentStatus | '';
  priorities: PriorityLevel[];
}

export function QueueFilters({ value, onChange }: { value: QueueFilter; onChange(next: QueueFilter): void }) {
  const { t } = useT();
  const toggle = (p: PriorityLevel) =>
    onChange({ ...value, priorities: value.priorities.includes(p) ? value.priorities.filter((x) => x !== p) : [...value.priorities, p] });
  return (
    <div className="queue-filters">
      <label className="field field-inline">
        <span>{t('queue.status')}</span>
        <select data-testid="filter-status" value={value.status} onChange={(e) => onChange({ ...value, status: e.target.value as IncidentStatus | '' })}>
          <option value="">{t('queue.allOpen')}</option>
          {OPEN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="priority-filter">
        <legend className="visually-hidden">{t('queue.priority')}</legend>
        {PRIORITIES.map((p) => (
          <label key={p} className={`priority-toggle priority-${p}`}>
            <input type="checkbox" data-testid={`filter-${p}`} checked={value.priorities.length === 0 || value.priorities.includes(p)} onChange={() => toggle(p)} />
            {p}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
