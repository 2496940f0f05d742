import { useCallback, useEffect, useState } from 'react';
import type { LonLat, ResolveResult } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import type { Language } from '../../app/i18n/languages';

export interface Lookup {
  point: LonLat | null;
  result: ResolveResult | null;
  loading: boolean;
  error: unknown;
  /** counts finished lookups, so a test (or a screen reader cue) can tell a new answer from the old */
  seq: number;
}

const EMPTY: Lookup = { point: null, result: null, loading: false, error: null, seq: 0 };

/**
 * Resolves the chosen point, and again whenever the language (the server words the basis and the
 * reasons) or the incident category changes, so the panel always matches what the user sees.
 */
export function useLocationLookup(lang: Language, categoryId: string | null) {
  const [lookup, setLookup] = useState<Lookup>(EMPTY);
  const point = lookup.point;

  useEffect(() => {
    if (!point) return;
    const abort = new AbortController();
    setLookup((l) => ({ ...l, loading: true, error: null }));
    api.resolve({ lon: point[0], lat: point[1], lang, category: categoryId }, abort.signal).then(
      (result) => !abort.signal.aborted && setLookup((l) => ({ point, result, loading: false, error: null, seq: l.seq + 1 })),
      (error: unknown) => !abort.signal.aborted && setLookup((l) => ({ point, result: null, loading: false, error, seq: l.seq + 1 })),
    );
    // A quicker second click must not be overwritten by the first click's late answer.
    return () => abort.abort();
  }, [point, lang, categoryId]);

  const lookupAt = useCallback((p: LonLat) => {
    setLookup((l) => ({ ...l, point: p }));
  }, []);

  return { lookup, lookupAt };
}
