import type { Incident } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';
import { PriorityBadge } from './PriorityBadge';
import { placeText } from './placeText';

interface Props {
  incident: Incident;
  codeOf(id: string): string;
  onOpen(id: string): void;
}

/** What the server made of the report: its number, the computed priority, who leads, and look-alikes. */
export function CreatedNotice({ incident: i, codeOf, onOpen }: Props) {
  const { t } = useT();
  return (
    <div className="notice notice-info created-notice" role="status" data-testid="created-notice" data-priority={i.priority}>
      <p>
        {t('form.created')} <strong className="mono">{i.code}</strong> <PriorityBadge priority={i.priority} /> {i.categoryName}
      </p>
      <p className="muted">
        {placeText(i.location)} · {t('resp.lead')}：{i.lead?.name ?? t('resp.noLead')}
      </p>
      {i.likelyDuplicates.length > 0 && (
        <div className="notice-warn created-dups" data-testid="likely-duplicates">
          {t('form.duplicates')}
          <ul>
            {i.likelyDuplicates.map((d) => (
              <li key={d.id}>
                <button type="button" className="btn btn-quiet" onClick={() => onOpen(d.id)}>
                  {codeOf(d.id)}
                </button>
                {d.distanceM !== undefined && <span className="muted">{t('form.duplicateDistance', { m: d.distanceM })}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <button type="button" className="btn" data-testid="open-created" onClick={() => onOpen(i.id)}>
        {t('form.openCreated')}
      </button>
    </div>
  );
}
