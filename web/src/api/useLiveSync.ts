import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { InvalidationBatch, keysForEvent, RESYNC_KEYS } from './liveInvalidation';
import { useLiveChannel, type LiveMode } from './useLiveChannel';

let currentMode: LiveMode = 'connecting';
const modeListeners = new Set<() => void>();

function setMode(mode: LiveMode): void {
  if (mode === currentMode) return;
  currentMode = mode;
  for (const listener of modeListeners) listener();
}

/** Whether the live channel is up; reads poll while it is not. */
export function useLiveMode(): LiveMode {
  return useSyncExternalStore(
    (listener) => {
      modeListeners.add(listener);
      return () => modeListeners.delete(listener);
    },
    () => currentMode,
  );
}

/**
 * The one live channel of a signed-in page: each event marks the reads it concerns stale (in
 * bursts, without aborting reads under way); a (re)connect marks everything that changes.
 */
export function useLiveSync(): LiveMode {
  const client = useQueryClient();
  const batch = useRef<InvalidationBatch | null>(null);
  batch.current ??= new InvalidationBatch(client);
  const mode = useLiveChannel(
    (event) => batch.current?.add(keysForEvent(event)),
    () => batch.current?.add(RESYNC_KEYS),
  );
  useEffect(() => setMode(mode), [mode]);
  useEffect(
    () => () => {
      batch.current?.dispose();
      setMode('connecting');
    },
    [],
  );
  return mode;
}
