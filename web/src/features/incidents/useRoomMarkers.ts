import { useMemo } from 'react';
import type { Incident } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';
import type { IncidentMarker } from '../map/incidentMarkers';
import type { UnitMarker } from '../map/unitMarkers';
import { useUnits } from '../dispatch/useUnits';
import { useCategoryName } from './useCategoryName';

/** The open incidents and the units with a known position, as the map draws them. */
export function useRoomMarkers(incidents: Incident[]): { incidentMarkers: IncidentMarker[]; unitMarkers: UnitMarker[] } {
  const { t } = useT();
  const { units } = useUnits();
  const categoryName = useCategoryName();
  const incidentMarkers = useMemo<IncidentMarker[]>(
    () => incidents.flatMap((i) => (i.location.coordinates ? [{ id: i.id, code: i.code, priority: i.priority, label: `${i.code} ${categoryName(i)}`, coordinates: i.location.coordinates }] : [])),
    [incidents, categoryName],
  );
  const unitMarkers = useMemo<UnitMarker[]>(
    () => units.flatMap((u) => (u.position ? [{ id: u.id, status: u.status, label: `${u.name} · ${t(`unitStatus.${u.status}`)}`, coordinates: u.position }] : [])),
    [units, t],
  );
  return { incidentMarkers, unitMarkers };
}
