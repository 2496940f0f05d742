import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import type { IncidentDetail } from '../../api/incidentSchemas';

/** One incident with its timeline; read again whenever `version` moves (live event, poll, own action). */
export function useIncidentDetail(id: string, version: number): { incident: IncidentDetail | null; error: unknown; reload(): void } {
  const [state, setState] = useState<{ id: string; incident: IncidentDetail | null; error: unknown }>({ id, incident: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    api.incident(id, abort.signal).then(
      (incident) => !abort.signal.aborted && setState({ id, incident, error: null }),
      (error: unknown) => !abort.signal.aborted && setState((s) => ({ id, incident: s.id === id ? s.incident : null, error })),
    );
    return () => abort.abort();
  }, [id, version, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { incident: state.id === id ? state.incident : null, error: state.id === id ? state.error : null, reload };
}
