import { useQuery } from '@tanstack/react-query';
import { Meeting, MeetingList, type MeetingInput, type MeetingRecordInput } from '@railjoint/contracts';
import { request } from '../../api/client';
import { queryKeys } from '../../api/queryClient';

export function useMeetings() {
  return useQuery({ queryKey: [...queryKeys.meetings, 'list'], queryFn: ({ signal }) => request('GET', '/api/meetings', { schema: MeetingList, signal }) });
}

export function useMeeting(id: string | undefined) {
  return useQuery({ queryKey: [...queryKeys.meetings, 'detail', id ?? ''], queryFn: ({ signal }) => request('GET', `/api/meetings/${encodeURIComponent(id!)}`, { schema: Meeting, signal }), enabled: !!id });
}

export const convene = (input: MeetingInput) => request('POST', '/api/meetings', { body: input, schema: Meeting });
export const recordMeeting = (id: string, input: MeetingRecordInput) => request('POST', `/api/meetings/${encodeURIComponent(id)}/record`, { body: input, schema: Meeting });
/** the session cookie authenticates the plain link */
export const minutesUrl = (id: string) => `/api/meetings/${encodeURIComponent(id)}/minutes.pdf`;
