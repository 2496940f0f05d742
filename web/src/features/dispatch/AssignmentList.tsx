import type { AssignmentState } from '../../api/dispatchSchemas';
import { useT } from '../../app/i18n/useT';

/** The units sent to the incident and whether each acknowledged in time. */
export function AssignmentList({ assignments, unitName }: { assignments: AssignmentState[]; unitName(id: string): string }) {
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
        </li>
      ))}
    </ul>
  );
}
