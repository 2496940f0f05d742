import { useQuery } from '@tanstack/react-query';
import { HazardDetail, HazardLedger, HazardList, Hazard, type HazardActionName, type HazardInput } from '@railjoint/contracts';
import { request } from '../../api/client';
import { queryKeys } from '../../api/queryClient';
import { sendFile } from '../attachments/FileUploadList';

/** What the list asks the server for; the rest (search, township) narrows on the screen. */
export interface HazardFilters {
  view: 'open' | 'overdue' | 'all';
  type: string;
  severity: string;
}

export function useHazards(f: HazardFilters) {
  const query = { open: f.view === 'open' ? 'true' : undefined, overdue: f.view === 'overdue' ? 'true' : undefined, type: f.type || undefined, severity: f.severity || undefined, limit: 2000 };
  return useQuery({
    queryKey: [...queryKeys.hazards, 'list', f.view, f.type, f.severity],
    queryFn: ({ signal }) => request('GET', '/api/hazards', { query, schema: HazardList, signal }),
  });
}

export function useHazard(id: string | undefined) {
  return useQuery({
    queryKey: [...queryKeys.hazards, 'detail', id ?? ''],
    queryFn: ({ signal }) => request('GET', `/api/hazards/${encodeURIComponent(id!)}`, { schema: HazardDetail, signal }),
    enabled: !!id,
  });
}

export function useLedger() {
  return useQuery({
    queryKey: [...queryKeys.hazards, 'ledger'],
    queryFn: ({ signal }) => request('GET', '/api/hazard-ledger', { query: { format: 'json' }, schema: HazardLedger, signal }),
  });
}

/** The ledger as a file: the session cookie authenticates the plain link, so the browser saves it itself. */
export const ledgerFileUrl = (format: 'xlsx' | 'pdf') => `/api/hazard-ledger?format=${format}`;

export const photoUrl = (hazardId: string, photoId: string) => `/api/hazards/${encodeURIComponent(hazardId)}/photos/${encodeURIComponent(photoId)}`;

export function reportHazard(input: HazardInput) {
  return request('POST', '/api/hazards', { body: input, schema: Hazard });
}

/** A lifecycle step by the API's own routes; a failed verification is `verify` with `passed: false`. */
export function actOnHazard(id: string, action: HazardActionName, text: { note?: string; reason?: string }) {
  const base = `/api/hazards/${encodeURIComponent(id)}`;
  const note = text.note?.trim() ? { note: text.note.trim() } : {};
  switch (action) {
    case 'rectify':
      return request('POST', `${base}/rectified`, { body: note, schema: HazardDetail });
    case 'verify':
      return request('POST', `${base}/verify`, { body: { passed: true, ...note }, schema: HazardDetail });
    case 'fail_verification':
      return request('POST', `${base}/verify`, { body: { passed: false, ...note }, schema: HazardDetail });
    case 'reject':
      return request('POST', `${base}/reject`, { body: { reason: text.reason ?? '' }, schema: HazardDetail });
    default:
      return request('POST', `${base}/${action}`, { body: note, schema: HazardDetail });
  }
}

export function addHazardPhoto(id: string, phase: 'before' | 'after', file: File) {
  return sendFile({ path: `/api/hazards/${encodeURIComponent(id)}/photos`, idParam: 'photoId', query: { phase }, file, schema: HazardDetail });
}
