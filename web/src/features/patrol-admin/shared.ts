import { useMemo } from 'react';
import { formatMileage, tryParseMileage, type Agency, type Checkpoint, type User } from '@railjoint/contracts';
import { platformNow } from '../../api/platformClock';
import { useAgencies } from '../dispatch/useAgencies';
import { useNetworkData } from '../map/useNetworkData';
import type { useT } from '../../app/i18n/useT';

type T = ReturnType<typeof useT>['t'];

/** The Beijing date (YYYY-MM-DD) of a platform instant: China keeps +08:00 all year. */
export function beijingDate(ms = platformNow()): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function beijingMonth(ms = platformNow()): string {
  return beijingDate(ms).slice(0, 7);
}

/** `k500+2` → `K500+002`; text that is no mileage is left as typed, for the server to refuse with its reason. */
export function normalMileage(text: string): string {
  const m = tryParseMileage(text);
  return m ? formatMileage(m.metres, m.prefix) : text.trim();
}

/**
 * The agencies whose civil-defence data this user may write (the server's `canManageFor`):
 * administrators and the centre's dispatchers and commanders any; an agency's commanders,
 * officers and liaisons their own.
 */
export function useManagedAgencies(user: User): Agency[] {
  const agencies = useAgencies();
  return useMemo(() => {
    const own = agencies.find((a) => a.id === user.agencyId);
    const any = user.roles.includes('admin') || (own?.type === 'coordination_centre' && user.roles.some((r) => r === 'dispatcher' || r === 'commander'));
    if (any) return agencies;
    return user.roles.some((r) => r === 'commander' || r === 'officer' || r === 'liaison') ? agencies.filter((a) => a.id === user.agencyId) : [];
  }, [agencies, user]);
}

/** Lines and stations of the network, by name, for pickers and for wording places. */
export function useLinesAndStations() {
  const { network } = useNetworkData();
  return useMemo(() => {
    const lines: Array<{ id: string; name: string }> = [];
    const stations: Array<{ id: string; name: string }> = [];
    for (const f of network?.features ?? []) {
      if (f.properties.kind === 'line') lines.push({ id: f.properties.id, name: f.properties.name });
      else if (f.properties.kind === 'station') stations.push({ id: f.properties.id, name: f.properties.name });
    }
    stations.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return { lines, stations, lineName: (id: string) => lines.find((l) => l.id === id)?.name ?? id, stationName: (id: string) => stations.find((s) => s.id === id)?.name ?? id };
  }, [network]);
}

/** Where a checkpoint is, in words: 湘桂线 K500+200, the station, or coordinates. */
export function placeText(cp: Checkpoint, t: T, names: { lineName(id: string): string; stationName(id: string): string }): string {
  if (cp.stationId) return t('patrolAdmin.cp.atStation', { name: names.stationName(cp.stationId) }) + (cp.lineId && cp.mileage ? ` · ${names.lineName(cp.lineId)} ${normalMileage(cp.mileage)}` : '');
  if (cp.lineId && cp.mileage) return `${names.lineName(cp.lineId)} ${normalMileage(cp.mileage)}`;
  return t('patrolAdmin.cp.atPoint', { lon: cp.coordinates[0].toFixed(5), lat: cp.coordinates[1].toFixed(5) });
}

/** Days of the week as people say them: 每天, 周一、三、五. */
export function daysText(days: readonly number[], t: T): string {
  if (days.length === 7) return t('patrolAdmin.days.every');
  return t('patrolAdmin.days.list', { days: [...days].sort().map((d) => t(`patrolAdmin.day.${d}` as 'patrolAdmin.day.1')).join(t('patrolAdmin.days.sep')) });
}
