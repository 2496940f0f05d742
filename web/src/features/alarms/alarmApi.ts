import { useQuery } from '@tanstack/react-query';
import { Alarm, AlarmKpis, AlarmList } from '@railjoint/contracts';
import { request } from '../../api/client';
import { queryKeys } from '../../api/queryClient';

export type StateFilter = 'active' | 'cleared' | 'all';

/** The alarm list at the reader's console; the server says when a flood makes it grouped. */
export function useAlarmList(state: StateFilter, showSuppressed: boolean) {
  return useQuery({
    queryKey: [...queryKeys.alarms, 'list', state, showSuppressed],
    queryFn: ({ signal }) => request('GET', '/api/alarms', { query: { state, suppressed: showSuppressed ? 'include' : 'hide', limit: 500 }, schema: AlarmList, signal }),
  });
}

/** ISA-18.2 figures over the last day (the server's default period). */
export function useAlarmKpis() {
  return useQuery({ queryKey: [...queryKeys.alarms, 'kpis'], queryFn: ({ signal }) => request('GET', '/api/alarm-kpis', { schema: AlarmKpis, signal }) });
}

export type AlarmAction = { kind: 'acknowledge' } | { kind: 'shelve'; reason: string; minutes: number } | { kind: 'false'; reason: string } | { kind: 'unshelve' };

export function actOnAlarm(id: string, action: AlarmAction) {
  const path = `/api/alarms/${encodeURIComponent(id)}/${action.kind}`;
  const body = action.kind === 'shelve' ? { reason: action.reason, minutes: action.minutes } : action.kind === 'false' ? { reason: action.reason } : {};
  return request('POST', path, { body, schema: Alarm });
}
