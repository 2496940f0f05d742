import { useCallback, useEffect, useRef, useState } from 'react';
import type { IncidentStatus } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import type { Incident } from '../../api/incidentSchemas';
import { useLiveChannel, type LiveMode } from '../../api/useLiveChannel';
import { beep } from './beep';

/** Everything still being worked on or waiting to be closed. */
export const OPEN_STATUSES: IncidentStatus[] = ['received', 'dispatched', 'en_route', 'on_scene', 'cleared', 'transferred'];

const POLL_MS = 5000;

export type FeedMode = LiveMode;

export interface IncidentFeed {
  incidents: Incident[];
  error: unknown;
  mode: FeedMode;
  /** bumped whenever an incident event arrives or the list changes, so an open detail reloads */
  version: number;
  /** bumped whenever a unit event arrives or the list is re-read, so unit views re-read the units */
  unitsVersion: number;
  refresh(): void;
  /** an incident this tab created: no alarm for it */
  markOwn(id: string): void;
}

/**
 * The open incidents, kept current by the live channel (`/api/live`) when it connects, and by
 * polling every 5 s while it does not. Either way the list is re-read from the API, which stays the
 * one source of truth; the socket only says when. A P1 not seen before sounds the alarm.
 */
export function useIncidentFeed(): IncidentFeed {
  const [state, setState] = useState<{ incidents: Incident[]; error: unknown; version: number }>({ incidents: [], error: null, version: 0 });
  const [unitsVersion, setUnitsVersion] = useState(0);
  const known = useRef<Set<string> | null>(null);
  const own = useRef(new Set<string>());
  const loading = useRef(false);
  const again = useRef(false);

  const load = useCallback(async () => {
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = true;
    try {
      const { incidents } = await api.incidents({ status: OPEN_STATUSES, limit: 200 });
      const seen = known.current;
      if (seen && incidents.some((i) => i.priority === 'P1' && !seen.has(i.id) && !own.current.has(i.id))) beep();
      known.current = new Set([...(seen ?? []), ...incidents.map((i) => i.id)]);
      setState((s) => ({ incidents, error: null, version: s.version + 1 }));
      setUnitsVersion((v) => v + 1);
    } catch (error) {
      setState((s) => ({ ...s, error }));
    } finally {
      loading.current = false;
      if (again.current) {
        again.current = false;
        void load();
      }
    }
  }, []);

  // the live channel says when to re-read; bursts of events are folded into one read
  const debounce = useRef<number | undefined>(undefined);
  const unitDebounce = useRef<number | undefined>(undefined);
  const soon = useCallback(() => {
    window.clearTimeout(debounce.current);
    debounce.current = window.setTimeout(() => void load(), 150);
  }, [load]);
  const mode = useLiveChannel(
    (event) => {
      if (event.entity === 'incident' || event.type.startsWith('incident.')) soon();
      else if (event.entity === 'unit' || event.type.startsWith('unit.')) {
        window.clearTimeout(unitDebounce.current);
        unitDebounce.current = window.setTimeout(() => setUnitsVersion((v) => v + 1), 300);
      }
    },
    soon,
  );
  useEffect(
    () => () => {
      window.clearTimeout(debounce.current);
      window.clearTimeout(unitDebounce.current);
    },
    [],
  );

  // the first read, then polling whenever the socket is not live
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (mode === 'live') return;
    const id = window.setInterval(() => void load(), POLL_MS);
    return () => window.clearInterval(id);
  }, [mode, load]);

  const refresh = useCallback(() => void load(), [load]);
  const markOwn = useCallback((id: string) => {
    own.current.add(id);
  }, []);

  return { ...state, mode, unitsVersion, refresh, markOwn };
}
