import type { NetworkService } from '../network/service.js';
import type { TrainService } from '../trains/service.js';
import type { IncidentTrains, TrainLocator } from './location.js';

/**
 * Where a train is, for an incident reported on it: at a station, that station; between stations,
 * the estimated point on the line; not running (or unknown), nowhere.
 */
export function incidentTrains(trains: TrainService, network: NetworkService): IncidentTrains {
  return {
    locate: trainLocator(trains, network),
    approaching: async (lineId, measureM, at, windowS) => {
      const first = (await trains.passing(lineId, measureM, at.getTime(), windowS))[0];
      return first ? { train: first.train, inS: first.inS } : null;
    },
  };
}

export function trainLocator(trains: TrainService, network: NetworkService): TrainLocator {
  return async (train, at) => {
    let w;
    try {
      w = await trains.whereabouts(train, at.toISOString());
    } catch (e) {
      if ((e as { status?: number }).status === 404) return null;
      throw e;
    }
    if (w.state === 'not_running') return null;
    if (w.state === 'running' && w.position) {
      const p = network.current().atMeasure(w.position.lineId, w.position.measureM);
      return { coordinates: p.onLine, stationId: null };
    }
    const stationId = w.lastStop?.stationId ?? null;
    const station = stationId ? network.current().station(stationId) : undefined;
    return station ? { coordinates: station.coordinates, stationId: station.id } : null;
  };
}
