import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/endpoints';
import type { AssignmentRow } from '../../api/dispatchSchemas';
import { useLiveChannel, type LiveMode } from '../../api/useLiveChannel';

const POLL_MS = 10_000;

/**
 * The agency's open assignments: re-read when the live channel reports a change to an incident the
 * agency takes part in (a new job arrives within a second), after each own action, and every 10 s
 * only while the channel is down.
 */
export function useAssignments(): { assignments: AssignmentRow[]; error: unknown; mode: LiveMode; reload(): void } {
  const [state, setState] = useState<{ assignments: AssignmentRow[]; error: unknown }>({ assignments: [], error: null });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const debounce = useRef<number | undefined>(undefined);
  const soon = useCallback(() => {
    window.clearTimeout(debounce.current);
    debounce.current = window.setTimeout(reload, 150);
  }, [reload]);
  const mode = useLiveChannel((event) => {
    if (event.entity === 'incident' || event.type.startsWith('incident.')) soon();
  }, soon);

  useEffect(() => {
    const abort = new AbortController();
    api.assignments(abort.signal).then(
      (r) => !abort.signal.aborted && setState({ assignments: r.assignments, error: null }),
      (error: unknown) => !abort.signal.aborted && setState((s) => ({ ...s, error })),
    );
    return () => abort.abort();
  }, [tick]);
  useEffect(() => {
    if (mode === 'live') return;
    const id = window.setInterval(reload, POLL_MS);
    return () => window.clearInterval(id);
  }, [mode, reload]);
  useEffect(() => () => window.clearTimeout(debounce.current), []);
  return { ...state, mode, reload };
}
