import { z } from 'zod';
import { Sitrep } from '@railjoint/contracts';
import { request } from '../../api/client';

const SitrepList = z.object({ sitreps: z.array(Sitrep) });

export const sitrepApi = {
  list: (incidentId: string, signal?: AbortSignal) => request('GET', `/api/incidents/${encodeURIComponent(incidentId)}/sitreps`, { schema: SitrepList, signal }),
  draft: (incidentId: string) => request('POST', `/api/incidents/${encodeURIComponent(incidentId)}/sitreps`, { body: {}, schema: Sitrep }),
  edit: (id: string, title: string, sections: Sitrep['sections']) => request('PUT', `/api/sitreps/${encodeURIComponent(id)}`, { body: { title, sections }, schema: Sitrep }),
  release: (id: string) => request('POST', `/api/sitreps/${encodeURIComponent(id)}/release`, { body: {}, schema: Sitrep }),
  schedule: (incidentId: string, everyMinutes: number | null) =>
    request('PUT', `/api/incidents/${encodeURIComponent(incidentId)}/sitrep-schedule`, { body: { everyMinutes }, schema: z.object({ everyMinutes: z.number().nullable(), dueAt: z.string().nullable() }) }),
  /** the session cookie authenticates a plain link, so the browser downloads or prints it itself */
  exportUrl: (id: string, format: 'html' | 'pdf') => `/api/sitreps/${encodeURIComponent(id)}/export?format=${format}`,
};
