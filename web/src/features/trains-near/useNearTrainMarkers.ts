import { useMemo } from 'react';
import type { Incident } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';
import type { TrainMarker } from '../map/trainMarkers';
import { hhmm } from './formatTime';
import { useTrainsNear } from './useTrainsNear';

const NONE: TrainMarker[] = [];

/** The trains near the open incident as the map draws them: at their place now, with when they arrive. */
export function useNearTrainMarkers(incident: Incident | null): TrainMarker[] {
  const { t } = useT();
  const near = useTrainsNear(incident);
  const mileage = incident?.location.mileage ?? '';
  return useMemo(
    () =>
      near.data?.trains.flatMap((x) => (x.position ? [{ key: `${x.tripId}@${x.serviceDate}`, train: x.train, label: t('trains.marker', { train: x.train, time: hhmm(x.at), mileage }), coordinates: x.position.coordinates }] : [])) ??
      NONE,
    [near.data, t, mileage],
  );
}
