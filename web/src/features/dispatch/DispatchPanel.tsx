import { useEffect, useMemo, useState } from 'react';
import type { Agency } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import type { RecommendationList } from '../../api/dispatchSchemas';
import type { IncidentDetail } from '../../api/incidentSchemas';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { ApiError } from '../../api/errors';
import { AssignmentList } from './AssignmentList';
import { AssumptionsList } from './AssumptionsList';
import { RecommendationItem } from './RecommendationItem';
import { assignmentsFromTimeline } from './assignmentsFromTimeline';
import { useUnits } from './useUnits';
import './dispatch.css';

const DISPATCHABLE = ['received', 'dispatched', 'en_route', 'on_scene'];

interface Props {
  incident: IncidentDetail;
  agencies: Agency[];
  onDone(): void;
}

/** Recommended units (fastest first) to pick and send, and the units already sent with their acknowledgement. */
export function DispatchPanel({ incident, agencies, onDone }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const [version, setVersion] = useState(0);
  const { units } = useUnits(version);
  const [recs, setRecs] = useState<{ key: string; list: RecommendationList | null; error: unknown }>({ key: '', list: null, error: null });
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canDispatch = DISPATCHABLE.includes(incident.status);
  const assignments = useMemo(() => assignmentsFromTimeline(incident.timeline), [incident.timeline]);
  // recommendations change with anything on the timeline: units sent or released, the incident
  // moving on, another agency joining (a handover station's police bring their partners' units)
  const key = `${incident.id}:${incident.status}:${incident.timeline.length}:${version}`;

  useEffect(() => {
    if (!canDispatch) return;
    const abort = new AbortController();
    api.recommendations(incident.id, 10, abort.signal).then(
      (list) => !abort.signal.aborted && setRecs({ key, list, error: null }),
      (e: unknown) => !abort.signal.aborted && setRecs({ key, list: null, error: e }),
    );
    return () => abort.abort();
  }, [incident.id, canDispatch, key]);

  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const agencyName = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;
  const toggle = (id: string, on: boolean) =>
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const send = async () => {
    if (picked.size === 0) {
      setError(t('dispatch.pickOne'));
      return;
    }
    setBusy(true);
    setError(null);
    const sent = [...picked];
    try {
      await api.dispatch(incident.id, sent);
      setPicked(new Set());
      setVersion((v) => v + 1);
      onDone();
    } catch (err) {
      // 422 names `body.units[i]`: say which unit it is
      const fields = err instanceof ApiError ? (err.details as { fields?: Array<{ field?: unknown; message?: unknown }> } | undefined)?.fields : undefined;
      const named = (fields ?? []).map((f) => {
        const n = /units\[(\d+)\]/.exec(String(f.field ?? ''));
        const unit = n ? sent[Number(n[1])] : undefined;
        return `${unit ? `${unitName(unit)}：` : ''}${String(f.message ?? '')}`;
      });
      setError(named.length ? named.join('；') : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const release = async (assignmentId: string) => {
    setBusy(true);
    setError(null);
    try {
      await api.releaseAssignment(assignmentId);
      setVersion((v) => v + 1);
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const list = recs.key === key ? recs.list : null;
  return (
    <section className="dispatch-panel" data-testid="dispatch-panel">
      <h3>{t('dispatch.assignments')}</h3>
      <AssignmentList assignments={assignments} unitName={unitName} onRelease={canDispatch ? (id) => void release(id) : undefined} busy={busy} />
      {canDispatch && (
        <>
          <h3>{t('dispatch.recommendations')}</h3>
          {recs.error !== null && recs.key === key ? (
            <p className="notice notice-error" role="alert">
              {errorText(recs.error)}
            </p>
          ) : !list ? (
            <p className="muted">{t('dispatch.loading')}</p>
          ) : list.recommendations.length === 0 ? (
            <p className="muted">{t('dispatch.none')}</p>
          ) : (
            <>
              <ul className="recommendation-list" data-testid="recommendations">
                {list.recommendations.map((r) => (
                  <RecommendationItem
                    key={r.unitId}
                    rec={r}
                    unitName={unitName(r.unitId)}
                    agencyName={agencyName(r.agencyId)}
                    checked={picked.has(r.unitId)}
                    onToggle={(on) => toggle(r.unitId, on)}
                  />
                ))}
              </ul>
              <AssumptionsList assumptions={list.assumptions} />
            </>
          )}
          <button type="button" className="btn btn-primary" data-testid="dispatch-selected" disabled={busy || picked.size === 0} onClick={() => void send()}>
            {t('dispatch.send', { n: picked.size })}
          </button>
          {error && (
            <p className="notice notice-error" role="alert" data-testid="dispatch-error">
              {error}
            </p>
          )}
        </>
      )}
    </section>
  );
}
