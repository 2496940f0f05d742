import { useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/endpoints';
import type { Incident } from '../../api/incidentSchemas';
import { queryKeys } from '../../api/queryClient';

/**
 * The incident an address names (`/incidents/JQ20261203-0001`): from the open queue when it is
 * there, else asked by number (a closed one, or a link from elsewhere). null: not (yet) known.
 *
 * A number once resolved keeps its incident: closing the open one takes it out of the queue, and
 * asking for it by number then would unmount the page being worked on (the dialog, the scroll and
 * the record blink away) until the answer came.
 */
export function useIncidentByCode(code: string | null, open: Incident[]): { id: string | null; missing: boolean; error: unknown } {
  const known = useRef<{ code: string; id: string } | null>(null);
  const listed = code ? open.find((i) => i.code === code) : undefined;
  if (code && listed) known.current = { code, id: listed.id };
  const remembered = code && known.current?.code === code ? known.current.id : null;
  const q = useQuery({
    queryKey: queryKeys.incidentByCode(code ?? ''),
    queryFn: async ({ signal }) => (await api.incidents({ code: code!, limit: 1 }, signal)).incidents[0] ?? null,
    enabled: code !== null && !listed && remembered === null,
    staleTime: Infinity,
  });
  if (!code) return { id: null, missing: false, error: null };
  if (listed) return { id: listed.id, missing: false, error: null };
  if (remembered) return { id: remembered, missing: false, error: null };
  return { id: q.data?.id ?? null, missing: q.data === null, error: q.error ?? null };
}
