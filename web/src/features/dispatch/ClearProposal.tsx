import { useState } from 'react';
import { api } from '../../api/endpoints';
import type { AssignmentState } from '../../api/dispatchSchemas';
import type { IncidentDetail } from '../../api/incidentSchemas';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';

const WORKING = ['dispatched', 'en_route', 'on_scene'];

/**
 * Units drive their incident: once every unit sent has cleared (or been stood down) the console
 * proposes clearing the incident, one press; before anyone reached the scene it only says so.
 */
export function ClearProposal({ incident, assignments, onDone }: { incident: IncidentDetail; assignments: AssignmentState[]; onDone(): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const done = assignments.length > 0 && assignments.every((a) => a.state === 'released' || a.state === 'cleared');
  if (!done || !WORKING.includes(incident.status)) return null;
  const onScene = incident.status === 'on_scene';
  const clear = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.incidentAction(incident.id, 'clear');
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="notice notice-info clear-proposal" data-testid="clear-proposal" data-on-scene={onScene}>
      {onScene ? t('dispatch.allCleared') : t('dispatch.noneLeft')}{' '}
      {onScene && (
        <button type="button" className="btn btn-primary" data-testid="clear-proposal-clear" disabled={busy} onClick={() => void clear()}>
          {t('dispatch.clearNow')}
        </button>
      )}
      {error && <span className="notice-error"> {error}</span>}
    </div>
  );
}
