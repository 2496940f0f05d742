import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import type { AssignmentRow } from '../../api/dispatchSchemas';

const POLL_MS = 10_000;

/** The agency's open assignments, re-read every 10 s and after each own action. */
export function useAssignments(): { assignments: AssignmentRow[]; error: unknown; reload(): void } {
  const [state, setState] = useState<{ assignments: AssignmentRow[]; error: unknown }>({ assignments: [], error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    api.assignments(abort.signal).then(
      (r) => !abort.signal.aborted && setState({ assignments: r.assignments, error: null }),
      (error: unknown) => !abort.signal.aborted && setState((s) => ({ ...s, error })),
    );
    const timer = window.setTimeout(() => setTick((n) => n + 1), POLL_MS);
    return () => {
      abort.abort();
      window.clearTimeout(timer);
    };
  }, [tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
