import { useEffect, useRef, useState } from 'react';
import { getToken } from './token';
import { LiveMessage } from './incidentSchemas';
import { observePlatformTime } from './platformClock';

const MAX_BACKOFF_MS = 30_000;

export type LiveMode = 'connecting' | 'live' | 'polling';

/** An event as the live channel delivers it (already filtered by the server for this user). */
export interface LiveEvent {
  type: string;
  entity: string;
  entityId: string;
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
 * The live channel (`/api/live`): reconnects with backoff and resumes from the last sequence number
 * seen, so nothing is missed. `onEvent` hears each event; `onResync` is called when the channel
 * (re)connects or was too far behind to replay, and the caller should re-read what it shows. The
 * mode tells the caller to poll while the channel is down. Its `ready` and `clock` messages keep the
 * platform clock's offset fresh.
 */
export function useLiveChannel(onEvent: (event: LiveEvent) => void, onResync: () => void): LiveMode {
  const [mode, setMode] = useState<LiveMode>('connecting');
  // the latest callbacks without reconnecting when they change
  const handlers = useRef({ onEvent, onResync });
  handlers.current = { onEvent, onResync };

  useEffect(() => {
    let socket: WebSocket | null = null;
    let stopped = false;
    let lastSeq: number | null = null;
    let backoff = 1000;
    let retry: number | undefined;
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
          observePlatformTime(msg.now);
          lastSeq = Math.max(lastSeq ?? 0, msg.seq);
          backoff = 1000;
          setMode('live');
          handlers.current.onResync();
        } else if (msg.type === 'event') {
          lastSeq = msg.seq;
          handlers.current.onEvent(msg.event);
        } else if (msg.type === 'clock') {
          observePlatformTime(msg.now);
        } else {
          // too far behind to replay: start from now and re-read
          lastSeq = null;
          handlers.current.onResync();
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
      socket?.close();
    };
  }, []);
  return mode;
}
