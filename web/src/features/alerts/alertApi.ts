import { Alert, AlertList } from '@railjoint/contracts';
import { request } from '../../api/client';
import { queryKeys } from '../../api/queryClient';

export type { Alert };

/** The alert centre's list: waiting alerts first, then the latest settled ones. */
export const alertsQuery = {
  queryKey: queryKeys.alerts,
  queryFn: ({ signal }: { signal: AbortSignal }) => request('GET', '/api/alerts', { query: { state: 'all', limit: 100 }, schema: AlertList, signal }),
};

export const alertApi = {
  acknowledge: (id: string) => request('POST', `/api/alerts/${encodeURIComponent(id)}/acknowledge`, { body: {}, schema: Alert }),
};

export function isWaiting(a: Alert): boolean {
  return a.acknowledged === null && a.resolved === null;
}
