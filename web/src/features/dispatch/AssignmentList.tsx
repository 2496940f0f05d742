import type { AssignmentState } from '../../api/dispatchSchemas';
import { useT } from '../../app/i18n/useT';

interface Props {
  assignments: AssignmentState[];
  unitName(id: string): string;
  /** stands the unit down; absent once the incident is over (its units are free already) */
  onRelease?(assignmentId: string): void;
  busy?: boolean;
}

/** The units sent to the incident, whether each acknowledged in time, and 收队 for those still on it. */
export function AssignmentList({ assignments, unitName, onRelease, busy }: Props) {
  const { t, num } = useT();
  if (assignments.length === 0) return <p className="muted">{t('dispatch.noAssignments')}</p>;
  return (
    <ul className="assignment-list" data-testid="assignment-list">
      {assignments.map((a) => (
        <li key={a.id} className="assignment" data-testid="assignment" data-unit-id={a.unitId} data-state={a.state}>
          <strong>{unitName(a.unitId)}</strong>
          {a.etaS !== null && <span className="mono muted">{t('dispatch.eta', { min: num(Math.max(1, Math.round(a.etaS / 60))) })}</span>}
          <span className={`status-chip assignment-${a.state}`}>
            {a.state === 'acknowledged' && a.afterS !== null ? t('dispatch.ackAfter', { s: num(a.afterS) }) : t(`assignment.${a.state}`)}
          </span>
          {onRelease && a.state !== 'released' && a.state !== 'cleared' && (
            <button type="button" className="btn btn-quiet btn-small" data-testid="assignment-release" disabled={busy} onClick={() => onRelease(a.id)}>
              {t('assignment.release')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
