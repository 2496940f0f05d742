import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  /** false until the first answer (or failure) */
  loaded: boolean;
  reload(): void;
  /** takes an answer the caller already has (a POST returns the new state) without reading again */
  set(data: T): void;
}

/**
 * Reads with `load` whenever `key` changes, on reload(), and every `pollMs` while the tab is
 * visible. Task steps reach the other agency as `task.*` events the incident feed does not follow,
 * so the command views poll rather than open a second live socket per panel. The last answer stays
 * on screen while the next is read, so a panel does not blink at every timeline entry; callers
 * mount one hook per incident (the detail panel is keyed by incident), so it is never another's.
 */
export function useLoaded<T>(key: string, load: (signal: AbortSignal) => Promise<T>, pollMs = 0): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loaded: boolean }>({ data: null, error: null, loaded: false });
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const abort = new AbortController();
    loader.current(abort.signal).then(
      (data) => !abort.signal.aborted && setState({ data, error: null, loaded: true }),
      (error: unknown) => !abort.signal.aborted && setState((s) => ({ data: s.data, error, loaded: true })),
    );
    return () => abort.abort();
  }, [key, tick]);

  useEffect(() => {
    if (!pollMs) return;
    const id = window.setInterval(() => {
      if (document.visibilityState === 'visible') setTick((n) => n + 1);
    }, pollMs);
    return () => window.clearInterval(id);
  }, [pollMs]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const set = useCallback((data: T) => setState({ data, error: null, loaded: true }), []);
  return { ...state, reload, set };
}
