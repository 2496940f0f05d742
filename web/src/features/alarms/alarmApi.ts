import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alarm, AlarmKpis, AlarmList, Availability, FalseAlarmRates } from '@railjoint/contracts';
import { request } from '../../api/client';
import { platformNow } from '../../api/platformClock';
import { queryKeys } from '../../api/queryClient';
import { periodKey, resolvePeriod, type KpiPeriod } from './kpiPeriod';

export type StateFilter = 'active' | 'cleared' | 'all';

/** The alarm list at the reader's console; the server says when a flood makes it grouped. */
export function useAlarmList(state: StateFilter, showSuppressed: boolean) {
  return useQuery({
    queryKey: [...queryKeys.alarms, 'list', state, showSuppressed],
    queryFn: ({ signal }) => request('GET', '/api/alarms', { query: { state, suppressed: showSuppressed ? 'include' : 'hide', limit: 500 }, schema: AlarmList, signal }),
  });
}

/*
 * The KPI page's three answers over one period. A preset is resolved on the platform's clock when
 * each fetch runs, not when the key is made: the key stays put while a live event or a return to
 * the tab refetches "the last 24 hours" up to the new now. The previous period's figures stay on
 * screen, marked as such, while the next ones load.
 */

/** ISA-18.2 figures over a period. */
export function useAlarmKpis(period: KpiPeriod) {
  return useQuery({
    queryKey: [...queryKeys.alarms, 'kpis', periodKey(period)],
    queryFn: ({ signal }) => request('GET', '/api/alarm-kpis', { query: resolvePeriod(period, platformNow()), schema: AlarmKpis, signal }),
    placeholderData: keepPreviousData,
  });
}

/** False-alarm rates of the devices the reader may see, over the page's period. */
export function useKpiFalseRates(period: KpiPeriod) {
  return useQuery({
    queryKey: [...queryKeys.alarms, 'false-rates', 'kpi', periodKey(period)],
    queryFn: ({ signal }) => request('GET', '/api/device-false-alarms', { query: resolvePeriod(period, platformNow()), schema: FalseAlarmRates, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Availability per device and owner over the page's period. */
export function useKpiAvailability(period: KpiPeriod) {
  return useQuery({
    queryKey: [...queryKeys.devices, 'availability', 'kpi', periodKey(period)],
    queryFn: ({ signal }) => request('GET', '/api/device-availability', { query: resolvePeriod(period, platformNow()), schema: Availability, signal }),
    placeholderData: keepPreviousData,
  });
}

export type AlarmAction = { kind: 'acknowledge' } | { kind: 'shelve'; reason: string; minutes: number } | { kind: 'false'; reason: string } | { kind: 'unshelve' };

export function actOnAlarm(id: string, action: AlarmAction) {
  const path = `/api/alarms/${encodeURIComponent(id)}/${action.kind}`;
  const body = action.kind === 'shelve' ? { reason: action.reason, minutes: action.minutes } : action.kind === 'false' ? { reason: action.reason } : {};
  return request('POST', path, { body, schema: Alarm });
}
