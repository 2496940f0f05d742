import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { MaintenanceWindow, type MaintenanceWindowInput } from '@railjoint/contracts';
import { request } from '../../api/client';
import { queryKeys } from '../../api/queryClient';

const WindowList = z.object({ windows: z.array(MaintenanceWindow) });

/** Windows overlapping [from, to): the calendar's week, or the map's hours around now. */
export function useWindows(from: string, to: string) {
  return useQuery({ queryKey: [...queryKeys.windows, from, to], queryFn: ({ signal }) => request('GET', '/api/maintenance-windows', { query: { from, to, limit: 1000 }, schema: WindowList, signal }) });
}

export function declareWindow(input: MaintenanceWindowInput) {
  return request('POST', '/api/maintenance-windows', { body: input, schema: MaintenanceWindow });
}

export function cancelWindow(id: string, reason: string) {
  return request('POST', `/api/maintenance-windows/${encodeURIComponent(id)}/cancel`, { body: { reason }, schema: MaintenanceWindow });
}
