import { useQuery } from '@tanstack/react-query';
import { Availability, CoveringCameras, DeviceFalseAlarms, DeviceList, FalseAlarmRates, type Device } from '@railjoint/contracts';
import { request } from '../../api/client';
import { queryKeys } from '../../api/queryClient';

/** Every device the reader may see, page after page (a department has hundreds, a bureau thousands). */
async function allDevices(signal?: AbortSignal): Promise<Device[]> {
  const out: Device[] = [];
  let cursor: string | null = null;
  do {
    const page: { devices: Device[]; nextCursor: string | null } = await request('GET', '/api/devices', { query: { limit: 1000, cursor }, schema: DeviceList, signal });
    out.push(...page.devices);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** The devices with their health: the board and the map share one read, kept current by device events. */
export function useDevices() {
  return useQuery({ queryKey: [...queryKeys.devices, 'all'], queryFn: ({ signal }) => allDevices(signal) });
}

/** Availability per device and per owner over the last day (the server's default period). */
export function useAvailability() {
  return useQuery({ queryKey: [...queryKeys.devices, 'availability'], queryFn: ({ signal }) => request('GET', '/api/device-availability', { schema: Availability, signal }) });
}

/** The cameras whose field of view covers an incident's place, nearest first. */
export function useIncidentCameras(incidentId: string) {
  return useQuery({ queryKey: queryKeys.incidentCameras(incidentId), queryFn: ({ signal }) => request('GET', `/api/incidents/${encodeURIComponent(incidentId)}/cameras`, { schema: CoveringCameras, signal }) });
}

/**
 * False-alarm rates of the devices the reader may see, over the server's default month. Kept
 * under the alarms' key: marking an alarm false, or a new alarm, refreshes them.
 */
export function useFalseAlarmRates() {
  return useQuery({ queryKey: [...queryKeys.alarms, 'false-rates'], queryFn: ({ signal }) => request('GET', '/api/device-false-alarms', { schema: FalseAlarmRates, signal }) });
}

/** One device's false alarms over the last month: totals, per day, the latest marks with why. */
export function useDeviceFalseAlarms(deviceId: string) {
  return useQuery({ queryKey: [...queryKeys.alarms, 'false-rates', deviceId], queryFn: ({ signal }) => request('GET', `/api/devices/${encodeURIComponent(deviceId)}/false-alarms`, { schema: DeviceFalseAlarms, signal }) });
}
