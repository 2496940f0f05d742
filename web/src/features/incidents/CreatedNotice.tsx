import type { Incident } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';
import { minutes } from '../dispatch/timeLimit';
import { PriorityBadge } from './PriorityBadge';
import { placeText } from './placeText';
import { useCategoryName } from './useCategoryName';

/** A call just registered, and the units sent with it in the same step (if any). */
export interface CreatedCall {
  incident: Incident;
  dispatched: Array<{ id: string; name: string; etaS: number | null }>;
  /** registered, but the units could not be sent (one was sent elsewhere meanwhile) */
  dispatchError: string | null;
}

interface Props {
  call: CreatedCall;
  codeOf(id: string): string;
  onOpen(id: string): void;
}

/** What the server made of the report: its number, the computed priority, who leads, who was sent, and look-alikes. */
export function CreatedNotice({ call: { incident: i, dispatched, dispatchError }, codeOf, onOpen }: Props) {
  const { t, num } = useT();
  const categoryName = useCategoryName();
  return (
    <div className="notice notice-info created-notice" role="status" data-testid="created-notice" data-priority={i.priority} data-code={i.code} data-dispatched={dispatched.length}>
      <p>
        {t('form.created')} <strong className="mono">{i.code}</strong> <PriorityBadge priority={i.priority} /> {categoryName(i)}
      </p>
      <p className="muted">
        {placeText(i.location)} · {t('resp.lead')}{t('form.colon')}{i.lead?.name ?? t('resp.noLead')}
      </p>
      {dispatched.length > 0 && (
        <p data-testid="created-dispatched">
          {t('form.dispatched')}
          {dispatched.map((u) => (u.etaS === null ? u.name : t('form.dispatchedUnit', { name: u.name, eta: u.etaS <= 0 ? t('dispatch.etaNow') : t('dispatch.eta', { min: num(minutes(u.etaS)) }) }))).join(t('form.listSeparator'))}
        </p>
      )}
      {dispatchError && (
        <p className="notice notice-error" role="alert" data-testid="created-dispatch-error">
          {t('form.dispatchFailed', { message: dispatchError })}
        </p>
      )}
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
