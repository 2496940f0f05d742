import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Agency } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import type { IncidentDetail } from '../../api/incidentSchemas';
import { queryKeys } from '../../api/queryClient';
import { useErrorText } from '../../api/useErrorText';
import { usePlatformNow } from '../../api/usePlatformNow';
import { useT } from '../../app/i18n/useT';
import { useShortcut } from '../shortcuts/registry';
import { SHORTCUT_KEYS } from '../shortcuts/bindings';
import { withKeys } from '../shortcuts/Keys';
import { AssignmentList } from './AssignmentList';
import { AssumptionsList } from './AssumptionsList';
import { ClearProposal } from './ClearProposal';
import { LimitVerdict } from './LimitVerdict';
import { RecommendationItem } from './RecommendationItem';
import { assignmentsFromTimeline } from './assignmentsFromTimeline';
import { dispatchErrorText } from './dispatchError';
import { arrivesInTime, limitLeftS } from './timeLimit';
import { useRecommendations } from './useRecommendations';
import { useUnits } from './useUnits';
import './dispatch.css';

const DISPATCHABLE = ['received', 'dispatched', 'en_route', 'on_scene'];

interface Props {
  incident: IncidentDetail;
  agencies: Agency[];
  onDone(): void;
}

/**
 * The incident page's first part: recommended units (fastest first, judged against the time
 * limit) and the one dispatch action, then the units already sent. Until a first unit is sent the
 * fastest is ticked, so dispatching the obvious unit is one press (D).
 */
export function DispatchPanel({ incident, agencies, onDone }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const now = usePlatformNow(5000);
  const { units } = useUnits();
  const canDispatch = DISPATCHABLE.includes(incident.status);
  const recs = useRecommendations(incident.id, canDispatch);
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const assignments = useMemo(() => assignmentsFromTimeline(incident.timeline), [incident.timeline]);
  const active = assignments.filter((a) => a.state !== 'released' && a.state !== 'cleared');
  const list = recs.data?.recommendations ?? [];
  const top = list[0]?.unitId;
  // the fastest is offered until the dispatcher chooses otherwise, while nobody has been sent
  const picked = chosen ?? new Set(top && incident.status === 'received' && active.length === 0 ? [top] : []);
  const pickedNow = [...picked].filter((id) => list.some((r) => r.unitId === id));
  // a received incident may be marked dispatched with the units already on it (after a transfer) or by telephone
  const sendNone = pickedNow.length === 0 && incident.status === 'received' && (active.length > 0 || (recs.isSuccess && list.length === 0));
  const leftS = limitLeftS(incident.timeLimitS, Date.parse(incident.receivedAt), now);

  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const agencyName = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(pickedNow);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };

  const changed = () => {
    // this console made the change: its unit board and assignments move now, not when the relayed event arrives
    for (const queryKey of [queryKeys.recommendations(incident.id), queryKeys.units, queryKeys.assignments]) void client.invalidateQueries({ queryKey }, { cancelRefetch: false });
    onDone();
  };
  const send = async (sent: string[]) => {
    if (busy || (sent.length === 0 && !sendNone)) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await api.dispatch(incident.id, sent);
      client.setQueryData(queryKeys.incident(incident.id), updated);
      setChosen(new Set());
      changed();
    } catch (err) {
      setError(dispatchErrorText(err, sent, unitName, errorText));
    } finally {
      setBusy(false);
    }
  };
  useShortcut('dispatchTop', () => top && void send([top]), canDispatch && top !== undefined);

  const release = async (assignmentId: string) => {
    setBusy(true);
    setError(null);
    try {
      await api.releaseAssignment(assignmentId);
      changed();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="dispatch-panel" data-testid="dispatch-panel" aria-labelledby="dispatch-heading">
      {canDispatch && (
        <>
          <h3 id="dispatch-heading">{t('dispatch.recommendations')}</h3>
          {/* the action first: a long list must not push it out of sight */}
          <div className="dispatch-action">
            <button
              type="button"
              className="btn btn-primary"
              data-testid="dispatch-selected"
              disabled={busy || (pickedNow.length === 0 && !sendNone)}
              title={withKeys(t('dispatch.sendTitle'), SHORTCUT_KEYS.dispatchTop)}
              onClick={() => void send(pickedNow)}
            >
              {sendNone ? t('dispatch.sendNone') : t('dispatch.send', { n: pickedNow.length })}
            </button>
            {error && (
              <p className="notice notice-error" role="alert" data-testid="dispatch-error">
                {error}
              </p>
            )}
          </div>
          {recs.error ? (
            <p className="notice notice-error" role="alert">
              {errorText(recs.error)}
            </p>
          ) : !recs.data ? (
            <p className="muted">{t('dispatch.loading')}</p>
          ) : list.length === 0 ? (
            <p className="muted">{t('dispatch.none')}</p>
          ) : (
            <>
              <LimitVerdict recommendations={list} limitS={incident.timeLimitS} leftS={leftS} />
              <ul className="recommendation-list" data-testid="recommendations">
                {list.map((r) => (
                  <RecommendationItem
                    key={r.unitId}
                    rec={r}
                    unitName={unitName(r.unitId)}
                    agencyName={agencyName(r.agencyId)}
                    checked={picked.has(r.unitId)}
                    onToggle={(on) => toggle(r.unitId, on)}
                    inTime={arrivesInTime(r.etaS, leftS)}
                  />
                ))}
              </ul>
              <AssumptionsList assumptions={recs.data.assumptions} />
            </>
          )}
        </>
      )}
      <h3>{t('dispatch.assignments')}</h3>
      <ClearProposal incident={incident} assignments={assignments} onDone={changed} />
      <AssignmentList assignments={assignments} unitName={unitName} onRelease={canDispatch ? (id) => void release(id) : undefined} busy={busy} />
    </section>
  );
}
