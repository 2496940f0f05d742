import { useCallback, useEffect, useState } from 'react';
import { offlineStore, onStoreChange } from './offlineStore';
import { syncNow, type SyncStop } from './syncEngine';
import type { QueueItem } from './queueTypes';

/** While something waits, try again this often: a phone's online flag says little on a weak link. */
const RETRY_MS = 20_000;

export interface QueueView {
  items: QueueItem[];
  syncing: boolean;
  lastStop: SyncStop | null;
  online: boolean;
  syncNow(): void;
}

/**
 * The account's queue as it changes, and the sending: when the network comes back (the browser's
 * online event), when something is queued while online, at start, and every 20 s while anything
 * waits. Each round sends everything waiting, in order.
 */
export function useQueue(owner: string): QueueView {
  const [items, setItems] = useState<QueueItem[]>([]);
  const [syncing, setSyncing] = useState(false);
  const [lastStop, setLastStop] = useState<SyncStop | null>(null);
  const [online, setOnline] = useState(() => navigator.onLine);

  const send = useCallback(() => {
    // the browser knows it has no network at all: wait for its online event instead of failing
    if (!navigator.onLine) {
      setOnline(false);
      return;
    }
    setSyncing(true);
    syncNow(owner)
      .then(setLastStop, () => setLastStop('server'))
      .finally(() => setSyncing(false));
  }, [owner]);

  useEffect(() => {
    let live = true;
    const read = () => {
      offlineStore.items(owner).then((all) => live && setItems(all), () => undefined);
    };
    read();
    const off = onStoreChange(read);
    return () => {
      live = false;
      off();
    };
  }, [owner]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      send();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    send();
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [send]);

  const waiting = items.some((i) => i.state === 'waiting');
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(send, RETRY_MS);
    return () => clearInterval(timer);
  }, [waiting, send]);

  return { items, syncing, lastStop, online, syncNow: send };
}
