import { useCallback, useEffect, useRef, useState } from 'react';
import type { IncidentStatus } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { getToken } from '../../api/token';
import { LiveMessage, type Incident } from '../../api/incidentSchemas';
import { beep } from './beep';

/** Everything still being worked on or waiting to be closed. */
export const OPEN_STATUSES: IncidentStatus[] = ['received', 'dispatched', 'en_route', 'on_scene', 'cleared', 'transferred'];

const POLL_MS = 5000;
const MAX_BACKOFF_MS = 30_000;

export type FeedMode = 'connecting' | 'live' | 'polling';

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

function liveUrl(since: number | null): string | null {
  const token = getToken();
  if (!token) return null;
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const q = new URLSearchParams({ token });
  if (since !== null) q.set('since', String(since));
  return `${proto}//${window.location.host}/api/live?${q}`;
}

/**
 * The open incidents, kept current by the live channel (`/api/live`) when it connects, and by
 * polling every 5 s while it does not. Either way the list is re-read from the API, which stays the
 * one source of truth; the socket only says when. A P1 not seen before sounds the alarm.
 */
export function useIncidentFeed(): IncidentFeed {
  const [state, setState] = useState<{ incidents: Incident[]; error: unknown; version: number }>({ incidents: [], error: null, version: 0 });
  const [mode, setMode] = useState<FeedMode>('connecting');
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

  // the live channel, reconnecting with backoff and resuming from the last sequence number seen
  useEffect(() => {
    let socket: WebSocket | null = null;
    let stopped = false;
    let lastSeq: number | null = null;
    let backoff = 1000;
    let retry: number | undefined;
    let debounce: number | undefined;
    let unitDebounce: number | undefined;
    const soon = () => {
      window.clearTimeout(debounce);
      debounce = window.setTimeout(() => void load(), 150);
    };
    const unitsSoon = () => {
      window.clearTimeout(unitDebounce);
      unitDebounce = window.setTimeout(() => setUnitsVersion((v) => v + 1), 300);
    };
    const connect = () => {
      const url = liveUrl(lastSeq);
      if (!url || stopped) return;
      try {
        socket = new WebSocket(url);
      } catch {
        setMode('polling');
        return;
      }
      socket.onmessage = (m) => {
        let parsed;
        try {
          parsed = LiveMessage.safeParse(JSON.parse(String(m.data)));
        } catch {
          return;
        }
        if (!parsed.success) return;
        const msg = parsed.data;
        if (msg.type === 'ready') {
          lastSeq = Math.max(lastSeq ?? 0, msg.seq);
          backoff = 1000;
          setMode('live');
          soon();
        } else if (msg.type === 'event') {
          lastSeq = msg.seq;
          if (msg.event.entity === 'incident' || msg.event.type.startsWith('incident.')) soon();
          else if (msg.event.entity === 'unit' || msg.event.type.startsWith('unit.')) unitsSoon();
        } else {
          // too far behind to replay: start from now and re-read the list
          lastSeq = null;
          soon();
        }
      };
      socket.onclose = () => {
        socket = null;
        if (stopped) return;
        setMode('polling');
        retry = window.setTimeout(connect, backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      };
      socket.onerror = () => socket?.close();
    };
    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      window.clearTimeout(debounce);
      window.clearTimeout(unitDebounce);
      socket?.close();
    };
  }, [load]);

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
