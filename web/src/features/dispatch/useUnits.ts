import { useEffect, useState } from 'react';
import type { Unit } from '@railjoint/contracts';
import { api } from '../../api/endpoints';

/** The units the user may see, read again whenever `version` moves. */
export function useUnits(version = 0): { units: Unit[]; error: unknown } {
  const [state, setState] = useState<{ units: Unit[]; error: unknown }>({ units: [], error: null });
  useEffect(() => {
    const abort = new AbortController();
    api.units(abort.signal).then(
      (r) => !abort.signal.aborted && setState({ units: r.units, error: null }),
      (error: unknown) => !abort.signal.aborted && setState((s) => ({ units: s.units, error })),
    );
    return () => abort.abort();
  }, [version]);
  return state;
}
