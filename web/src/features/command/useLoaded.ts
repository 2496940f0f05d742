import { useCallback } from 'react';
import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';

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
 * A cached read under `key`, read again when the live channel marks it stale, on reload(), and
 * every `pollMs` while the tab is visible. Task steps reach the other agency as `task.*` events,
 * which mark the task reads stale; the poll covers a channel that is down. The last answer stays
 * on screen while the next is read, so a panel does not blink at every timeline entry.
 */
export function useLoaded<T>(key: QueryKey, load: (signal: AbortSignal) => Promise<T>, pollMs = 0): Loaded<T> {
  const client = useQueryClient();
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => load(signal), refetchInterval: pollMs || false, refetchIntervalInBackground: false });
  const reload = useCallback(() => void client.invalidateQueries({ queryKey: key }, { cancelRefetch: false }), [client, key]);
  const set = useCallback((data: T) => client.setQueryData(key, data), [client, key]);
  return { data: q.data ?? null, error: q.error ?? null, loaded: !q.isPending, reload, set };
}
